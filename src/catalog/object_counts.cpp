#include "catalog/object_counts.hpp"

namespace driftless::catalog {

namespace {

constexpr const char* count_query = R"SQL(
WITH user_namespaces AS (
  SELECT oid FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'
),
extension_members AS (
  SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
)
SELECT 'schemas', count(*) FROM pg_namespace n
  WHERE n.oid IN (SELECT oid FROM user_namespaces) AND n.nspname <> 'public'
    AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid)
UNION ALL
SELECT 'extensions', count(*) FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL
SELECT CASE c.relkind WHEN 'r' THEN 'tables' WHEN 'p' THEN 'tables' WHEN 'v' THEN 'views'
                      WHEN 'm' THEN 'materialized views' WHEN 'S' THEN 'sequences'
                      WHEN 'f' THEN 'foreign tables' ELSE 'indexes' END, count(*)
  FROM pg_class c
  WHERE c.relnamespace IN (SELECT oid FROM user_namespaces)
    AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I')
    AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
    -- identity columns' sequences are part of their column, not objects of their own
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.deptype = 'i' AND c.relkind = 'S')
  GROUP BY 1
UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enums' WHEN 'd' THEN 'domains' WHEN 'r' THEN 'range types'
                      ELSE 'composite types' END, count(*)
  FROM pg_type t
  WHERE t.typnamespace IN (SELECT oid FROM user_namespaces)
    AND (t.typtype IN ('e', 'd', 'r')
         OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
  GROUP BY 1
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedures' WHEN 'a' THEN 'aggregates' ELSE 'functions' END, count(*)
  FROM pg_proc p
  WHERE p.pronamespace IN (SELECT oid FROM user_namespaces)
    AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  GROUP BY 1
UNION ALL
SELECT CASE c.contype WHEN 'p' THEN 'primary keys' WHEN 'u' THEN 'unique constraints'
                      WHEN 'f' THEN 'foreign keys' WHEN 'c' THEN 'check constraints'
                      ELSE 'exclusion constraints' END, count(*)
  FROM pg_constraint c
  WHERE c.connamespace IN (SELECT oid FROM user_namespaces) AND c.contype IN ('p', 'u', 'f', 'c', 'x')
    AND c.conislocal AND (c.conrelid <> 0)
  GROUP BY 1
UNION ALL
SELECT 'triggers', count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.relnamespace IN (SELECT oid FROM user_namespaces)
UNION ALL
SELECT 'policies', count(*) FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
  WHERE c.relnamespace IN (SELECT oid FROM user_namespaces)
UNION ALL
SELECT 'rules', count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
  WHERE r.rulename <> '_RETURN' AND c.relnamespace IN (SELECT oid FROM user_namespaces)
UNION ALL
SELECT 'statistics', count(*) FROM pg_statistic_ext s
  WHERE s.stxnamespace IN (SELECT oid FROM user_namespaces)
    AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_statistic_ext'::regclass AND e.objid = s.oid)
)SQL";

}  // namespace

std::map<std::string, long> count_objects(db::Session& session) {
    std::map<std::string, long> counts;
    for (const auto& row : session.query(count_query)) {
        long count = std::stol(row[1].value_or("0"));
        if (count > 0) counts[*row[0]] += count;
    }
    return counts;
}

}  // namespace driftless::catalog
