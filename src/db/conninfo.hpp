#pragma once
// Connection strings (URLs or key=value) handled through libpq's own parser, so every form
// libpq accepts works, and a password never reaches a message.
#include <map>
#include <string>

namespace driftless::db {

// Parses a URL or key=value string into its options. Throws InputError when libpq cannot.
std::map<std::string, std::string> parse_conninfo(const std::string& conninfo);

// Builds a key=value connection string from options, quoting values as libpq requires.
std::string build_conninfo(const std::map<std::string, std::string>& options);

// The same connection with another database name.
std::string with_database(const std::string& conninfo, const std::string& dbname);

// A description for messages: host, port, database and user, never the password.
std::string redact(const std::string& conninfo);

}  // namespace driftless::db
