#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalog/readers.hpp"
#include "catalog/row_values.hpp"

namespace driftless::catalog {

namespace {

// Identity columns' sequences (deptype 'i' on their column) are part of the column and left
// out. They are found with one hashed list over pg_depend, in a subquery the planner cannot
// flatten (OFFSET 0), so that only the remaining sequences are probed for their owner: the
// planner, which cannot estimate these catalog filters, probed the owner of every identity
// sequence first, and that cost two thirds of the query on 5,000 tables. OWNED BY is the
// auto dependency (deptype 'a') on a column: serial columns and explicit OWNED BY both
// record one, and it always points into the sequence's own schema.
constexpr const char* sequences_query = R"SQL(
SELECT s.nspname AS schema, s.relname AS name,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value,
       s.seqcache AS cache, s.seqcycle AS cycle,
       s.relpersistence = 'u' AS unlogged,
       owner_n.nspname AS owner_schema, owner_c.relname AS owner_table, owner_a.attname AS owner_column,
       d.description AS comment,
       coalesce((SELECT json_agg(item ORDER BY item COLLATE "C")
                 FROM unnest(s.relacl::text[]) AS item)::text, '[]') AS acl
FROM (SELECT c.oid, c.relname, c.relpersistence, c.relacl, n.nspname, seq.seqtypid, seq.seqstart,
             seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqcache, seq.seqcycle
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_sequence seq ON seq.seqrelid = c.oid
       WHERE c.relkind = 'S'
         AND {scope}
         AND {not_extension_member}
         AND c.oid NOT IN (SELECT identity_dep.objid FROM pg_depend identity_dep
                            WHERE identity_dep.classid = 'pg_class'::regclass
                              AND identity_dep.refclassid = 'pg_class'::regclass
                              AND identity_dep.deptype = 'i')
      OFFSET 0) s
LEFT JOIN pg_depend owner_dep
  ON owner_dep.classid = 'pg_class'::regclass AND owner_dep.objid = s.oid
 AND owner_dep.refclassid = 'pg_class'::regclass AND owner_dep.refobjsubid > 0 AND owner_dep.deptype = 'a'
LEFT JOIN pg_class owner_c ON owner_c.oid = owner_dep.refobjid
LEFT JOIN pg_namespace owner_n ON owner_n.oid = owner_c.relnamespace
LEFT JOIN pg_attribute owner_a ON owner_a.attrelid = owner_dep.refobjid AND owner_a.attnum = owner_dep.refobjsubid
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = s.oid AND d.objsubid = 0
ORDER BY s.nspname COLLATE "C", s.relname COLLATE "C"
)SQL";

}  // namespace

std::string sequences_sql(const ReadContext& context) {
    return fmt::format(sequences_query, fmt::arg("scope", schema_in_scope("n", context)),
                       fmt::arg("not_extension_member", not_extension_member("pg_class", "c.oid")));
}

std::vector<model::Sequence> sequences_from(const pqxx::result& result) {
    std::vector<model::Sequence> sequences;
    for (const auto& row : result) {
        model::Sequence sequence;
        sequence.name = {row["schema"].as<std::string>(), row["name"].as<std::string>()};
        auto& options = sequence.options;
        options.data_type = row["data_type"].as<std::string>();
        options.start = row["start"].as<std::int64_t>();
        options.increment = row["increment"].as<std::int64_t>();
        options.min_value = row["min_value"].as<std::int64_t>();
        options.max_value = row["max_value"].as<std::int64_t>();
        options.cache = row["cache"].as<std::int64_t>();
        options.cycle = row["cycle"].as<bool>();
        sequence.unlogged = row["unlogged"].as<bool>();
        if (!row["owner_column"].is_null()) {
            sequence.owned_by = model::SequenceOwner{
                {row["owner_schema"].as<std::string>(), row["owner_table"].as<std::string>()},
                row["owner_column"].as<std::string>()};
        }
        sequence.comment = optional_text(row["comment"]);
        sequence.acl = text_list(row["acl"].as<std::string>());
        sequences.push_back(std::move(sequence));
    }
    return sequences;
}

}  // namespace driftless::catalog
