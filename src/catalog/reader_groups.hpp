#pragma once
// Which readers run on which connection. The readers are split into groups of about equal
// cost (measured on 5,000 tables); each group runs on a connection of its own, and fills
// fields of its own RawCatalog, so groups never write the same memory. merge_groups puts
// the parts together and attaches what one group read to another group's objects.
#include <string>
#include <vector>

#include "catalog/readers.hpp"

namespace driftless::catalog {

// What the readers return, before columns are attached to their tables and constraint keys
// are named.
struct RawCatalog {
    model::Schema schema;
    std::vector<TableColumns> columns;
    ConstraintRows constraints;
    ConstraintRows check_constraints;
};

struct ReaderStep {
    const char* name;  // for DRIFTLESS_TRACE_CATALOG
    std::string (*sql)(const ReadContext&);
    void (*store)(const pqxx::result&, RawCatalog&);
};

using ReaderGroup = std::vector<ReaderStep>;

// The groups for a read, with or without the dependency edges (the heaviest query).
std::vector<ReaderGroup> reader_groups(bool with_dependencies);

// The parts' objects in one schema: every kind moved over from the part that read it,
// columns attached to their tables, constraint keys named.
model::Schema merge_groups(std::vector<RawCatalog>& parts);

}  // namespace driftless::catalog
