#include "catalog/group_run.hpp"

#include "util/trace.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <vector>

namespace driftless::catalog {

void run_group(Transaction& tx, const ReadContext& context, const ReaderGroup& group,
               RawCatalog& raw) {
    pqxx::pipeline pipeline(tx, "driftless-catalog");
    pipeline.retain(static_cast<int>(group.size()));
    std::vector<pqxx::pipeline::query_id> queries;
    queries.reserve(group.size());
    for (const ReaderStep& step : group) queries.push_back(pipeline.insert(step.sql(context)));
    pipeline.resume();
    double previous = tracing() ? ms_since_first_trace() : 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
        const pqxx::result result = pipeline.retrieve(queries[i]);
        double arrived = tracing() ? ms_since_first_trace() : 0;
        group[i].store(result, raw);
        if (tracing()) {
            double end = ms_since_first_trace();
            fmt::print(stderr,
                       "catalog: {:<18} {:8.1f} ms, at {:7.1f} ms (rows read in {:.1f} ms)\n",
                       group[i].name, end - previous, end, end - arrived);
            previous = end;
        }
    }
    pipeline.complete();
}

// Every name the server renders (format_type, pg_get_*def) comes out schema-qualified, the
// same on every connection whatever the role's search_path; sorts stay in memory; the
// reader groups already run in parallel, so one query gets no parallel workers of its own.
void prepare_read(pqxx::transaction_base& tx) {
    tx.exec(
        "SELECT pg_catalog.set_config('search_path', '', true), "
        "pg_catalog.set_config('work_mem', '64MB', true), pg_catalog.set_config('jit', 'off', "
        "true), "
        "pg_catalog.set_config('max_parallel_workers_per_gather', '0', true)");
}

}  // namespace driftless::catalog
