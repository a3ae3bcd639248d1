#pragma once
// driftless.sum: a chained hash over the migration files, like Atlas's atlas.sum. Each line's
// hash covers the previous line's hash, so any edit, reordering, insertion or removal changes
// that line, every later line and the head; a merge that interleaves two branches' files
// conflicts in git instead of running silently in a new order.
//
//   h1:<base64 head = hash of the last line>
//   <file name> h1:<base64 SHA-256(previous line's raw hash + the file's hex checksum)>
#include <filesystem>
#include <string>

#include "apply/migration_files.hpp"

namespace driftless::apply {

inline constexpr const char* sum_file_name = "driftless.sum";

std::string render_sum(const MigrationSet& set);

// Throws InputError (exit 2) naming the first file that was edited, added, removed or moved,
// or saying the sum file is missing while migrations exist. An empty set needs no sum file.
void check_sum(const MigrationSet& set, const std::filesystem::path& sum_file);

// Replaces sum_file with render_sum(set) (written beside it, then renamed: never half a
// file). FailureError (exit 3) when the file system refuses.
void write_sum(const MigrationSet& set, const std::filesystem::path& sum_file);

}  // namespace driftless::apply
