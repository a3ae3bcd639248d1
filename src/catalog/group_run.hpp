#pragma once
// Running a reader group on a transaction (with DRIFTLESS_TRACE_CATALOG set, each reader's
// time goes to stderr).
#include <pqxx/pqxx>

#include "catalog/reader_groups.hpp"

namespace driftless::catalog {

using ReadTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Session settings every reading transaction starts with.
void prepare_read(pqxx::transaction_base& tx);

void run_group(Transaction& tx, const ReadContext& context, const ReaderGroup& group,
               RawCatalog& raw);

}  // namespace driftless::catalog
