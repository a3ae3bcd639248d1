#include "db/conninfo.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <memory>

#include "util/error.hpp"

namespace driftless::db {

namespace {
struct ConninfoFree {
    void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
struct PqFree {
    void operator()(char* text) const { PQfreemem(text); }
};

std::string quote_value(const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}
}  // namespace

std::map<std::string, std::string> parse_conninfo(const std::string& conninfo) {
    char* raw_error = nullptr;
    std::unique_ptr<PQconninfoOption, ConninfoFree> options(
        PQconninfoParse(conninfo.c_str(), &raw_error));
    std::unique_ptr<char, PqFree> error(raw_error);
    if (!options) {
        // libpq's message never repeats the password.
        std::string why = error ? error.get() : "out of memory";
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw InputError(fmt::format("invalid connection string: {}", why));
    }
    std::map<std::string, std::string> result;
    for (PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (option->val && *option->val) result[option->keyword] = option->val;
    }
    return result;
}

std::string build_conninfo(const std::map<std::string, std::string>& options) {
    std::string text;
    for (const auto& [key, value] : options) {
        if (!text.empty()) text += ' ';
        text += key + "=" + quote_value(value);
    }
    return text;
}

std::string with_database(const std::string& conninfo, const std::string& dbname) {
    auto options = parse_conninfo(conninfo);
    options["dbname"] = dbname;
    return build_conninfo(options);
}

std::string redact(const std::string& conninfo) {
    std::map<std::string, std::string> options;
    try {
        options = parse_conninfo(conninfo);
    } catch (const Error&) {
        return "(unparsable connection string)";
    }
    std::string host = options.count("host") ? options["host"] : "localhost";
    std::string text = options.count("user") ? options["user"] + "@" + host : host;
    if (options.count("port")) text += ":" + options["port"];
    text += "/" + (options.count("dbname") ? options["dbname"] : std::string("(default)"));
    return text;
}

}  // namespace driftless::db
