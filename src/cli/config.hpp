#pragma once
// driftless.yaml: every key optional. Unknown keys are errors (a typo must not be ignored),
// reported as file:line:col. Values may use ${VAR} and ${VAR:-default}.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace driftless::cli {

struct Environment {
    std::string url_template;  // as written; ${VAR}s are resolved only when used
    std::string where;         // file:line:col of the url, for messages
    bool confirm = false;

    std::string url() const;
};

struct Config {
    std::filesystem::path file;  // empty when there is no driftless.yaml
    std::filesystem::path schema = "schema";
    std::filesystem::path migrations = "migrations";
    std::string dialect = "postgres";
    std::string dev_url;
    std::string tracking_table = "public.schema_migrations";
    std::string lock_timeout = "5s";          // every statement of a migration
    std::string statement_timeout;            // empty: the server's own
    std::string long_statement_timeout;       // index builds, VALIDATE…; empty: statement_timeout
    int lock_retries = 3;                     // attempts after a lock timeout, with backoff
    bool privileges = false;                  // compare GRANTs too (plan, diff, generate)
    std::map<std::string, Environment> environments;
};

// Reads the file when given, else ./driftless.yaml when present, else the defaults.
// Relative paths in the file are relative to the file's directory.
Config load_config(const std::optional<std::filesystem::path>& explicit_file);

// Replaces ${VAR} and ${VAR:-default}; an unset VAR without default is an InputError.
std::string interpolate(const std::string& value, const std::string& where);

}  // namespace driftless::cli
