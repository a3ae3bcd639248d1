#include "cli/config.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <cstdlib>
#include <regex>
#include <set>

#include "util/error.hpp"

namespace driftless::cli {

namespace fs = std::filesystem;

namespace {

std::string position(const fs::path& file, const YAML::Node& node) {
    YAML::Mark mark = node.Mark();
    return fmt::format("{}:{}:{}", file.string(), mark.line + 1, mark.column + 1);
}

std::string scalar(const fs::path& file, const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) {
        throw InputError(fmt::format("{}: `{}` must be a single value", position(file, node), key));
    }
    return interpolate(node.as<std::string>(), position(file, node));
}

// A PostgreSQL duration as SET accepts it ("5s", "500ms", "2min", "0" for none), checked
// here so a typo is reported at its line rather than by the server in the middle of a run.
std::string duration(const fs::path& file, const YAML::Node& node, const std::string& key) {
    std::string value = scalar(file, node, key);
    static const std::regex pattern(R"([0-9]+ ?(us|ms|s|min|h|d)?)");
    if (!std::regex_match(value, pattern)) {
        throw InputError(fmt::format(
            "{}: `{}` must be a duration such as 5s, 500ms or 2min (0: none), not `{}`",
            position(file, node), key, value));
    }
    return value;
}

bool boolean(const fs::path& file, const YAML::Node& node, const std::string& key) {
    std::string value = scalar(file, node, key);
    if (value == "true" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "no" || value == "off") return false;
    throw InputError(
        fmt::format("{}: `{}` must be true or false, not `{}`", position(file, node), key, value));
}

Environment read_environment(const fs::path& file, const std::string& name,
                             const YAML::Node& node) {
    if (!node.IsMap()) {
        throw InputError(fmt::format(
            "{}: environment `{}` must be a mapping such as {{ url: \"${{DATABASE_URL}}\" }}",
            position(file, node), name));
    }
    Environment environment;
    for (const auto& entry : node) {
        std::string key = entry.first.as<std::string>();
        if (key == "url") {
            if (!entry.second.IsScalar()) {
                throw InputError(
                    fmt::format("{}: `url` must be a single value", position(file, entry.second)));
            }
            environment.url_template = entry.second.as<std::string>();
            environment.where = position(file, entry.second);
        } else if (key == "confirm") {
            environment.confirm = boolean(file, entry.second, key);
        } else {
            throw InputError(
                fmt::format("{}: unknown key `{}` in environment `{}` (known: url, confirm)",
                            position(file, entry.first), key, name));
        }
    }
    return environment;
}

Config parse(const fs::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw InputError(fmt::format("{}: cannot read file", file.string()));
    } catch (const YAML::ParserException& error) {
        throw InputError(fmt::format("{}:{}:{}: {}", file.string(), error.mark.line + 1,
                                     error.mark.column + 1, error.msg));
    }
    Config config;
    config.file = file;
    if (root.IsNull()) return config;
    if (!root.IsMap())
        throw InputError(fmt::format("{}: expected a mapping of settings", position(file, root)));
    fs::path base = file.parent_path();
    for (const auto& entry : root) {
        std::string key = entry.first.as<std::string>();
        const YAML::Node& value = entry.second;
        if (key == "schema") {
            config.schema = base / scalar(file, value, key);
        } else if (key == "migrations") {
            config.migrations = base / scalar(file, value, key);
        } else if (key == "dialect") {
            config.dialect = scalar(file, value, key);
            if (config.dialect != "postgres" && config.dialect != "dsql") {
                throw InputError(fmt::format("{}: dialect must be postgres or dsql, not `{}`",
                                             position(file, value), config.dialect));
            }
        } else if (key == "dev_url") {
            config.dev_url = scalar(file, value, key);
        } else if (key == "tracking_table") {
            config.tracking_table = scalar(file, value, key);
        } else if (key == "lock_timeout") {
            config.lock_timeout = duration(file, value, key);
        } else if (key == "statement_timeout") {
            config.statement_timeout = duration(file, value, key);
        } else if (key == "long_statement_timeout") {
            config.long_statement_timeout = duration(file, value, key);
        } else if (key == "lock_retries") {
            std::string text = scalar(file, value, key);
            if (!std::regex_match(text, std::regex("[0-9]{1,2}")))
                throw InputError(fmt::format("{}: lock_retries must be a number from 0 to 99, not `{}`",
                                             position(file, value), text));
            config.lock_retries = std::stoi(text);
        } else if (key == "privileges") {
            std::string text = scalar(file, value, key);
            if (text != "true" && text != "false")
                throw InputError(fmt::format("{}: privileges must be true or false, not `{}`",
                                             position(file, value), text));
            config.privileges = text == "true";
        } else if (key == "environments") {
            if (!value.IsMap())
                throw InputError(
                    fmt::format("{}: `environments` must be a mapping", position(file, value)));
            for (const auto& environment : value) {
                std::string name = environment.first.as<std::string>();
                config.environments[name] = read_environment(file, name, environment.second);
            }
        } else {
            throw InputError(
                fmt::format("{}: unknown key `{}` (known: schema, migrations, dialect, dev_url, "
                            "tracking_table, lock_timeout, statement_timeout, "
                            "long_statement_timeout, lock_retries, privileges, environments)",
                            position(file, entry.first), key));
        }
    }
    return config;
}

}  // namespace

std::string interpolate(const std::string& value, const std::string& where) {
    std::string result;
    std::size_t pos = 0;
    while (pos < value.size()) {
        std::size_t start = value.find("${", pos);
        if (start == std::string::npos) {
            result += value.substr(pos);
            break;
        }
        result += value.substr(pos, start - pos);
        std::size_t end = value.find('}', start);
        if (end == std::string::npos) {
            throw InputError(fmt::format("{}: unterminated ${{ in value", where));
        }
        std::string inner = value.substr(start + 2, end - start - 2);
        std::optional<std::string> fallback;
        if (auto sep = inner.find(":-"); sep != std::string::npos) {
            fallback = inner.substr(sep + 2);
            inner = inner.substr(0, sep);
        }
        const char* env = std::getenv(inner.c_str());
        if (env && *env) {
            result += env;
        } else if (fallback) {
            result += *fallback;
        } else {
            throw InputError(fmt::format("{}: environment variable {} is not set", where, inner));
        }
        pos = end + 1;
    }
    return result;
}

std::string Environment::url() const {
    return interpolate(url_template, where);
}

Config load_config(const std::optional<fs::path>& explicit_file) {
    if (explicit_file) return parse(*explicit_file);
    if (fs::exists("driftless.yaml")) return parse("driftless.yaml");
    return {};
}

}  // namespace driftless::cli
