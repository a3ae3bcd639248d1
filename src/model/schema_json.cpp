#include "model/schema_json.hpp"

namespace driftless::model {

namespace {

using Json = nlohmann::json;

void put(Json& json, const char* key, const std::optional<std::string>& value) {
    if (value) json[key] = *value;
}
void put(Json& json, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) json[key] = values;
}
void put(Json& json, const char* key, bool value) {
    if (value) json[key] = true;
}
std::string name(const QualifiedName& n) {
    return n.display();
}

// Standalone sequences and identity columns share these settings, and one rendering.
void put_sequence_options(Json& json, const SequenceOptions& o) {
    json["type"] = o.data_type;
    json["start"] = o.start;
    json["increment"] = o.increment;
    json["min"] = o.min_value;
    json["max"] = o.max_value;
    json["cache"] = o.cache;
    put(json, "cycle", o.cycle);
}

Json column_json(const Column& c) {
    Json j{{"name", c.name}, {"type", c.type}};
    put(j, "collation", c.collation);
    put(j, "default", c.default_expression);
    put(j, "not_null", c.not_null);
    if (c.identity != Identity::none)
        j["identity"] = c.identity == Identity::always ? "always" : "by default";
    if (c.identity_options) {
        Json options = Json::object();
        put_sequence_options(options, *c.identity_options);
        j["identity_options"] = options;
    }
    put(j, "generated", c.generation_expression);
    put(j, "storage", c.storage);
    put(j, "compression", c.compression);
    put(j, "comment", c.comment);
    put(j, "acl", c.acl);
    put(j, "inherited", c.inherited);
    if (c.statistics_target) j["statistics_target"] = *c.statistics_target;
    put(j, "options", c.options);
    return j;
}

Json table_json(const Table& t) {
    Json j{{"name", name(t.name)}};
    if (t.kind != TableKind::ordinary)
        j["kind"] = t.kind == TableKind::partitioned ? "partitioned" : "foreign";
    put(j, "unlogged", t.persistence == Persistence::unlogged);
    j["columns"] = Json::array();
    for (const auto& c : t.columns) j["columns"].push_back(column_json(c));
    put(j, "partition_key", t.partition_key);
    if (t.partition_of) j["partition_of"] = name(*t.partition_of);
    put(j, "partition_bound", t.partition_bound);
    for (const auto& parent : t.inherits) j["inherits"].push_back(name(parent));
    put(j, "storage_parameters", t.storage_parameters);
    put(j, "access_method", t.access_method);
    put(j, "row_security", t.row_security);
    put(j, "force_row_security", t.force_row_security);
    put(j, "comment", t.comment);
    put(j, "acl", t.acl);
    static const char* identities[] = {"default", "full", "nothing", "index"};
    if (t.replica_identity != ReplicaIdentity::default_key)
        j["replica_identity"] = identities[static_cast<int>(t.replica_identity)];
    put(j, "replica_identity_index", t.replica_identity_index);
    return j;
}

Json constraint_json(const Constraint& c) {
    static const char* kinds[] = {"primary key", "unique", "foreign key", "check", "exclusion"};
    Json j{{"table", name(c.table)},
           {"name", c.name},
           {"kind", kinds[static_cast<int>(c.kind)]},
           {"definition", c.definition}};
    put(j, "columns", c.columns);
    if (c.references) j["references"] = name(*c.references);
    put(j, "deferrable", c.deferrable);
    put(j, "initially_deferred", c.initially_deferred);
    if (!c.validated) j["validated"] = false;
    put(j, "inherited", c.inherited);
    put(j, "comment", c.comment);
    return j;
}

Json statistics_json(const ExtendedStatistics& s) {
    Json j{{"table", name(s.table)}, {"name", name(s.name)}, {"definition", s.definition}};
    put(j, "comment", s.comment);
    return j;
}

Json rule_json(const Rule& r) {
    static const char* events[] = {"SELECT", "UPDATE", "INSERT", "DELETE"};
    Json j{{"table", name(r.table)},
           {"name", r.name},
           {"event", events[static_cast<int>(r.event)]},
           {"definition", r.definition},
           {"enabled", std::string(1, r.enabled)}};
    put(j, "instead", r.instead);
    put(j, "comment", r.comment);
    return j;
}

Json id_json(const ObjectId& id) {
    return id.display();
}

}  // namespace

Json to_json(const Schema& s) {
    Json j = Json::object();
    for (const auto& n : s.schemas) {
        Json e{{"name", n.name}};
        put(e, "comment", n.comment);
        put(e, "acl", n.acl);
        j["schemas"].push_back(e);
    }
    for (const auto& e : s.extensions)
        j["extensions"].push_back({{"name", e.name}, {"schema", e.schema}, {"version", e.version}});
    for (const auto& e : s.enums) {
        Json x{{"name", name(e.name)}, {"labels", e.labels}};
        put(x, "comment", e.comment);
        put(x, "acl", e.acl);
        j["enums"].push_back(x);
    }
    for (const auto& d : s.domains) {
        Json x{{"name", name(d.name)}, {"base_type", d.base_type}};
        put(x, "collation", d.collation);
        put(x, "default", d.default_expression);
        put(x, "not_null", d.not_null);
        for (const auto& c : d.checks) {
            Json check{{"name", c.name}, {"definition", c.definition}, {"validated", c.validated}};
            put(check, "comment", c.comment);
            x["checks"].push_back(check);
        }
        put(x, "comment", d.comment);
        put(x, "acl", d.acl);
        j["domains"].push_back(x);
    }
    for (const auto& c : s.composite_types) {
        Json x{{"name", name(c.name)}};
        for (const auto& a : c.attributes) {
            Json attribute{{"name", a.name}, {"type", a.type}};
            put(attribute, "collation", a.collation);
            put(attribute, "comment", a.comment);
            x["attributes"].push_back(attribute);
        }
        put(x, "comment", c.comment);
        put(x, "acl", c.acl);
        j["composite_types"].push_back(x);
    }
    for (const auto& r : s.range_types) {
        Json x{{"name", name(r.name)}, {"subtype", r.subtype}};
        put(x, "subtype_opclass", r.subtype_opclass);
        put(x, "collation", r.collation);
        put(x, "canonical", r.canonical);
        put(x, "subtype_diff", r.subtype_diff);
        put(x, "multirange_name", r.multirange_name);
        put(x, "comment", r.comment);
        j["range_types"].push_back(x);
    }
    for (const auto& q : s.sequences) {
        Json x{{"name", name(q.name)}};
        put_sequence_options(x, q.options);
        put(x, "unlogged", q.unlogged);
        if (q.owned_by) x["owned_by"] = name(q.owned_by->table) + "." + q.owned_by->column;
        put(x, "comment", q.comment);
        put(x, "acl", q.acl);
        j["sequences"].push_back(x);
    }
    for (const auto& f : s.functions) {
        static const char* kinds[] = {"function", "procedure", "aggregate", "window"};
        Json x{{"name", name(f.name)},
               {"arguments", f.arguments},
               {"kind", kinds[static_cast<int>(f.kind)]},
               {"result", f.result},
               {"language", f.language},
               {"definition", f.definition}};
        put(x, "comment", f.comment);
        put(x, "acl", f.acl);
        j["functions"].push_back(x);
    }
    for (const auto& t : s.tables) j["tables"].push_back(table_json(t));
    for (const auto& v : s.views) {
        Json x{{"name", name(v.name)}, {"definition", v.definition}, {"columns", v.columns}};
        put(x, "materialized", v.materialized);
        put(x, "options", v.options);
        if (v.materialized && !v.with_data) x["with_data"] = false;
        put(x, "comment", v.comment);
        for (const auto& c : v.column_comments) x["column_comments"][c.column] = c.comment;
        put(x, "acl", v.acl);
        j["views"].push_back(x);
    }
    for (const auto& c : s.constraints) j["constraints"].push_back(constraint_json(c));
    for (const auto& i : s.indexes) {
        Json x{{"table", name(i.table)}, {"name", i.name}, {"definition", i.definition}};
        put(x, "unique", i.unique);
        if (!i.valid) x["valid"] = false;
        if (i.partition_parent) x["partition_parent"] = name(*i.partition_parent);
        put(x, "comment", i.comment);
        j["indexes"].push_back(x);
    }
    for (const auto& t : s.triggers) {
        Json x{{"table", name(t.table)},
               {"name", t.name},
               {"definition", t.definition},
               {"function", name(t.function)},
               {"enabled", std::string(1, t.enabled)}};
        put(x, "constraint", t.is_constraint);
        put(x, "comment", t.comment);
        j["triggers"].push_back(x);
    }
    for (const auto& p : s.policies) {
        Json x{{"table", name(p.table)},
               {"name", p.name},
               {"permissive", p.permissive},
               {"command", p.command},
               {"roles", p.roles}};
        put(x, "using", p.using_expression);
        put(x, "check", p.check_expression);
        put(x, "comment", p.comment);
        j["policies"].push_back(x);
    }
    for (const auto& x : s.statistics) j["statistics"].push_back(statistics_json(x));
    for (const auto& r : s.rules) j["rules"].push_back(rule_json(r));
    for (const auto& d : s.dependencies)
        j["dependencies"].push_back({id_json(d.from), id_json(d.to)});
    return j;
}

}  // namespace driftless::model
