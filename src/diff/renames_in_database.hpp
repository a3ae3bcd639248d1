#pragma once
// The `from` side of a plan as it looks once the annotated renames have run: they run on the
// `from` database in a transaction that is always rolled back, and the catalog is read inside
// it, so every definition that mentions a renamed object is the server's own rendering. The
// rename takes its lock only for that short transaction (lock_timeout 5 s); nothing persists.
#include <string>
#include <vector>

#include "catalog/read_schema.hpp"
#include "diff/renames.hpp"

namespace driftless::diff {

struct RenamedState {
    std::vector<Rename> renames;  // in the order they run
    model::Schema model;          // `from` after them; `from` itself when there are none
};

RenamedState rename_in_database(const std::string& conninfo, const model::Schema& from,
                                const model::Schema& to, const std::vector<RenameHint>& hints,
                                const catalog::ReadOptions& options);

}  // namespace driftless::diff
