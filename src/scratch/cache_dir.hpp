#pragma once
#include <filesystem>

namespace driftless::scratch {

// Where the embedded server keeps its initdb template and the directories of running
// servers: $DRIFTLESS_CACHE, else $XDG_CACHE_HOME/driftless, else ~/.cache/driftless.
// When running as root and the postgres user cannot reach that place (root's home is
// private), the servers live under /var/tmp/driftless-postgres instead; an explicit
// $DRIFTLESS_CACHE that postgres cannot reach is an error.
std::filesystem::path server_root_directory();

}  // namespace driftless::scratch
