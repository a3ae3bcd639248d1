#include "catalog/group_run.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace driftless::catalog {

namespace {

bool tracing() {
    static const bool trace = std::getenv("DRIFTLESS_TRACE_CATALOG") != nullptr;
    return trace;
}

double ms_since_first_trace() {
    static const auto first = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first)
        .count();
}

}  // namespace

void trace_step(const char* what) {
    if (tracing())
        fmt::print(stderr, "catalog: {:<18} {:>8} at {:7.1f} ms\n", what, "",
                   ms_since_first_trace());
}

void run_group(Transaction& tx, const ReadContext& context, const ReaderGroup& group,
               RawCatalog& raw) {
    for (const ReaderStep& step : group) {
        double start = tracing() ? ms_since_first_trace() : 0;
        step.run(tx, context, raw);
        if (tracing()) {
            double end = ms_since_first_trace();
            fmt::print(stderr, "catalog: {:<18} {:8.1f} ms, at {:7.1f} ms\n", step.name,
                       end - start, end);
        }
    }
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
