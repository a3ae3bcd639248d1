#pragma once
// Tables (plain, partitioned, partitions) and their columns.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.hpp"
#include "model/sequence.hpp"

namespace driftless::model {

enum class Identity { none, always, by_default };
enum class Generated { none, stored };

struct Column {
    std::string name;
    std::string type;                               // format_type(atttypid, atttypmod)
    std::optional<std::string> collation;           // only when it differs from the type's default
    std::optional<std::string> default_expression;  // pg_get_expr; absent for generated columns
    bool not_null = false;
    Identity identity = Identity::none;
    std::optional<SequenceOptions> identity_options;
    Generated generated = Generated::none;
    std::optional<std::string> generation_expression;
    std::optional<std::string> storage;      // only when not the type's default (e.g. "external")
    std::optional<std::string> compression;  // attcompression when set
    std::optional<std::string> comment;
    std::vector<std::string> acl;  // column privileges
    bool inherited = false;        // !attislocal: defined by a parent table only
    // SET STATISTICS n (attstattarget); absent for the server's default_statistics_target.
    // Never copied from a parent: each partition or child has its own.
    std::optional<int> statistics_target{};
    std::vector<std::string> options{};  // attoptions, sorted: "n_distinct=-0.5"
    bool operator==(const Column&) const = default;
};

enum class TableKind { ordinary, partitioned, foreign };

// What logical replication records of an updated or deleted row (pg_class.relreplident).
// `index` names the unique index in replica_identity_index. A table whose identity index
// was dropped behaves as `nothing`, and is read as such.
enum class ReplicaIdentity { default_key, full, nothing, index };
enum class Persistence { permanent, unlogged };

struct Table {
    QualifiedName name;
    TableKind kind = TableKind::ordinary;
    Persistence persistence = Persistence::permanent;
    std::vector<Column> columns;                  // in attnum order, dropped columns left out
    std::optional<std::string> partition_key;     // pg_get_partkeydef: "RANGE (created_at)"
    std::optional<QualifiedName> partition_of;    // parent, for a partition
    std::optional<std::string> partition_bound;   // pg_get_expr(relpartbound): "FOR VALUES …"
    std::vector<QualifiedName> inherits;          // plain inheritance parents, in order
    std::vector<std::string> storage_parameters;  // reloptions, sorted: "fillfactor=70"
    std::optional<std::string> access_method;     // only when not heap
    bool row_security = false;
    bool force_row_security = false;
    std::optional<std::string> comment;
    std::vector<std::string> acl;
    ReplicaIdentity replica_identity = ReplicaIdentity::default_key;
    std::optional<std::string> replica_identity_index{};  // for ReplicaIdentity::index
    bool operator==(const Table&) const = default;
};

}  // namespace driftless::model
