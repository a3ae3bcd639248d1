#pragma once
// The one place that quotes identifiers and literals for SQL that driftless writes. Every
// name that goes into emitted SQL passes through here, so the quoting rules live in one spot
// and match what the server itself prints (quote_ident / quote_literal).
#include <string>
#include <string_view>

#include "model/qualified_name.hpp"

namespace driftless::emit {

// The identifier as PostgreSQL's quote_ident would write it: bare when it is all lower-case
// ASCII letters, digits and underscores, starts with a letter or underscore, and is not a
// keyword that the grammar reserves in some position; otherwise in double quotes with
// embedded double quotes doubled. The empty string becomes "".
std::string quote_identifier(std::string_view name);

// "schema.name", each part quoted as needed; just the name when the schema is empty.
std::string quote_qualified(const model::QualifiedName& name);

// A string literal as quote_literal writes it: 'text' with quotes doubled, or E'text' with
// backslashes doubled as well when the text holds a backslash (so the result means the same
// whatever standard_conforming_strings is).
std::string quote_literal(std::string_view text);

// Whether quote_identifier would put the name in double quotes.
bool identifier_needs_quotes(std::string_view name);

}  // namespace driftless::emit
