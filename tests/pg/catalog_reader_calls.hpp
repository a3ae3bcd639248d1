#pragma once
// Each catalog reader run on its own in a test's transaction: its query, then its rows
// (read_schema sends a group's queries together instead).
#include <pqxx/pqxx>

#include "catalog/readers.hpp"

namespace driftless::catalog {

#define DRIFTLESS_READER_CALL(kind)                                        \
    inline auto read_##kind(Transaction& tx, const ReadContext& context) { \
        return kind##_from(tx.exec(kind##_sql(context)));                  \
    }

DRIFTLESS_READER_CALL(namespaces)
DRIFTLESS_READER_CALL(extensions)
DRIFTLESS_READER_CALL(enums)
DRIFTLESS_READER_CALL(domains)
DRIFTLESS_READER_CALL(composite_types)
DRIFTLESS_READER_CALL(range_types)
DRIFTLESS_READER_CALL(sequences)
DRIFTLESS_READER_CALL(functions)
DRIFTLESS_READER_CALL(tables)
DRIFTLESS_READER_CALL(columns)
DRIFTLESS_READER_CALL(views)
DRIFTLESS_READER_CALL(constraints)
DRIFTLESS_READER_CALL(indexes)
DRIFTLESS_READER_CALL(triggers)
DRIFTLESS_READER_CALL(policies)
DRIFTLESS_READER_CALL(statistics)
DRIFTLESS_READER_CALL(rules)
DRIFTLESS_READER_CALL(dependencies)

#undef DRIFTLESS_READER_CALL

}  // namespace driftless::catalog
