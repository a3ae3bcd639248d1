#include "diff/renames_in_database.hpp"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "db/conninfo.hpp"
#include "util/error.hpp"

namespace driftless::diff {

RenamedState rename_in_database(const std::string& conninfo, const model::Schema& from,
                                const model::Schema& to, const std::vector<RenameHint>& hints,
                                const catalog::ReadOptions& options) {
    RenamedState state;
    state.renames = hinted_renames(from, to, hints);
    if (state.renames.empty()) {
        state.model = from;
        return state;
    }
    const Rename* running = nullptr;
    try {
        pqxx::connection connection(conninfo);
        pqxx::work tx(connection, "driftless-renames");
        tx.exec("SET LOCAL lock_timeout = '5s'");
        auto run = [&](const std::vector<Rename>& renames) {
            for (const auto& rename : renames) {
                running = &rename;
                tx.exec(rename.sql);
            }
            running = nullptr;
        };
        run(state.renames);
        state.model = catalog::read_schema_in(tx, connection.server_version(), options);
        auto follow_ups = follow_up_renames(state.model, to, state.renames);
        if (!follow_ups.empty()) {
            state.renames.insert(state.renames.end(), follow_ups.begin(), follow_ups.end());
            run(follow_ups);
            state.model = catalog::read_schema_in(tx, connection.server_version(), options);
        }
        tx.abort();
    } catch (const pqxx::sql_error& error) {
        std::string what = error.what();
        while (!what.empty() && what.back() == '\n') what.pop_back();
        throw FailureError(fmt::format("trying the renames on {} (rolled back) failed{}: {}",
                                       db::redact(conninfo),
                                       running ? " at `" + running->sql + "`" : std::string(),
                                       what));
    } catch (const pqxx::broken_connection& error) {
        throw FailureError(
            fmt::format("cannot connect to {}: {}", db::redact(conninfo), error.what()));
    }
    return state;
}

}  // namespace driftless::diff
