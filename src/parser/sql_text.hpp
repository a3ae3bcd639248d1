#pragma once
// Small lexical helpers over SQL text.
#include <cstddef>
#include <string>
#include <string_view>

namespace driftless::parser {

// Skips whitespace, `--` comments and nested `/* */` comments from pos; returns the offset
// of the first token (or end).
std::size_t skip_trivia(std::string_view text, std::size_t pos, std::size_t end);

// The first words of a statement in upper case, for messages: "CREATE TABLE", "DROP INDEX".
std::string leading_keywords(std::string_view statement, int words = 2);

// Reads one identifier as PostgreSQL would: "Quoted" keeps case, plain is folded to lower.
// Dotted names are read whole ("public"."Users" → public.Users). Returns "" when none.
std::string read_identifier(std::string_view text);

}  // namespace driftless::parser
