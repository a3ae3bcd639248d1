// Standalone sequences (<schema>/sequences.sql) and the option clauses shared with identity
// columns. Sequences owned by a column are written in their table's file instead, next to
// the column whose default uses them.
#include <limits>

#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_qualified;

namespace {

struct Range {
    std::int64_t min;
    std::int64_t max;
};

Range type_range(const std::string& data_type) {
    if (data_type == "smallint")
        return {std::numeric_limits<std::int16_t>::min(), std::numeric_limits<std::int16_t>::max()};
    if (data_type == "integer")
        return {std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
    return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

}  // namespace

std::vector<std::string> sequence_clauses(const model::SequenceOptions& s, bool complete) {
    // PostgreSQL's defaults (CREATE SEQUENCE): ascending sequences run from 1 to the type's
    // maximum, descending ones from the type's minimum to -1, and start at the bound they
    // count away from.
    Range range = type_range(s.data_type);
    bool ascending = s.increment > 0;
    bool default_min = s.min_value == (ascending ? 1 : range.min);
    bool default_max = s.max_value == (ascending ? range.max : -1);
    bool default_start = s.start == (ascending ? s.min_value : s.max_value);

    std::vector<std::string> clauses;
    if (complete && !s.data_type.empty()) clauses.push_back("AS " + s.data_type);
    if (complete || !default_start) clauses.push_back("START WITH " + std::to_string(s.start));
    if (complete || s.increment != 1)
        clauses.push_back("INCREMENT BY " + std::to_string(s.increment));
    if (!default_min) {
        clauses.push_back("MINVALUE " + std::to_string(s.min_value));
    } else if (complete) {
        clauses.push_back("NO MINVALUE");
    }
    if (!default_max) {
        clauses.push_back("MAXVALUE " + std::to_string(s.max_value));
    } else if (complete) {
        clauses.push_back("NO MAXVALUE");
    }
    if (complete || s.cache != 1) clauses.push_back("CACHE " + std::to_string(s.cache));
    if (s.cycle) clauses.push_back("CYCLE");
    return clauses;
}

std::string create_sequence(const model::Sequence& sequence) {
    return std::string("CREATE ") + (sequence.unlogged ? "UNLOGGED " : "") + "SEQUENCE " +
           quote_qualified(sequence.name) + "\n    " +
           join(sequence_clauses(sequence.options, true), "\n    ") + ";";
}

std::string write_sequences_file(const std::string& schema,
                                 const std::vector<const model::Sequence*>& sequences) {
    SqlFile file("sequences in schema " + quote_identifier(schema));
    for (const auto* sequence : sequences) {
        Group group{create_sequence(*sequence)};
        if (sequence->comment)
            group.push_back(
                comment_on("SEQUENCE " + quote_qualified(sequence->name), *sequence->comment));
        for (auto& grant :
             privilege_statements("SEQUENCE " + quote_qualified(sequence->name), sequence->acl, ""))
            group.push_back(std::move(grant));
        file.add(std::move(group));
    }
    return file.text();
}

}  // namespace driftless::inspect
