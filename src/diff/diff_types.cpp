// Schemas, extensions, user-defined types and standalone sequences.
#include <algorithm>

#include "diff/diff_context.hpp"
#include "util/error.hpp"

namespace driftless::diff {

using emit::quote_identifier;
using emit::quote_literal;
using emit::quote_qualified;
using model::ObjectKind;

namespace {

std::string list(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

void diff_namespaces(DiffContext& context) {
    auto key = +[](const model::Namespace& n) { return n.name; };
    auto before = index_by(context.from.schemas, key);
    auto after = index_by(context.to.schemas, key);
    for (const auto& [name, schema] : after) {
        auto id = object_id(ObjectKind::schema, {"", name});
        auto it = before.find(name);
        if (it == before.end()) {
            context.add(Action::create, id, "+ schema " + name, phase::create_schema)
                .steps.push_back(sql_step("CREATE SCHEMA " + quote_identifier(name) + ";"));
        }
        if (it == before.end() ? schema->comment.has_value() : it->second->comment != schema->comment) {
            context.add(Action::alter, id, "~ comment on schema " + name, phase::comment)
                .steps.push_back(sql_step(comment_statement("SCHEMA " + quote_identifier(name), schema->comment)));
        }
    }
    for (const auto& [name, schema] : before) {
        if (after.count(name)) continue;
        context.add(Action::drop, object_id(ObjectKind::schema, {"", name}), "- schema " + name,
                    phase::drop_schema)
            .steps.push_back(sql_step("DROP SCHEMA " + quote_identifier(name) + ";"));
    }
}

void diff_extensions(DiffContext& context) {
    auto key = +[](const model::Extension& e) { return e.name; };
    auto before = index_by(context.from.extensions, key);
    auto after = index_by(context.to.extensions, key);
    for (const auto& [name, extension] : after) {
        auto id = object_id(ObjectKind::extension, {"", name});
        auto it = before.find(name);
        if (it == before.end()) {
            context.add(Action::create, id, "+ extension " + name, phase::create_extension)
                .steps.push_back(sql_step("CREATE EXTENSION IF NOT EXISTS " + quote_identifier(name) +
                                          " WITH SCHEMA " + quote_identifier(extension->schema) +
                                          " VERSION " + quote_literal(extension->version) + ";"));
        } else if (it->second->version != extension->version) {
            context.add(Action::alter, id, "~ extension " + name + ": " + it->second->version + " → " + extension->version, phase::create_extension)
                .steps.push_back(sql_step("ALTER EXTENSION " + quote_identifier(name) + " UPDATE TO " +
                                          quote_literal(extension->version) + ";"));
        } else if (it->second->schema != extension->schema) {
            context.add(Action::alter, id, "~ extension " + name + " moved to " + extension->schema, phase::create_extension)
                .steps.push_back(sql_step("ALTER EXTENSION " + quote_identifier(name) + " SET SCHEMA " +
                                          quote_identifier(extension->schema) + ";"));
        }
    }
    for (const auto& [name, extension] : before) {
        if (after.count(name)) continue;
        context.add(Action::drop, object_id(ObjectKind::extension, {"", name}), "- extension " + name,
                    phase::drop_extension)
            .steps.push_back(sql_step("DROP EXTENSION " + quote_identifier(name) + ";"));
    }
}

std::string create_enum(const model::EnumType& type) {
    std::vector<std::string> labels;
    for (const auto& label : type.labels) labels.push_back(quote_literal(label));
    return "CREATE TYPE " + quote_qualified(type.name) + " AS ENUM (" + list(labels) + ");";
}

// The columns (and arrays) of a type that is being rebuilt, converted to the new type through
// `through`; defaults are set aside around the conversion.
void convert_columns(DiffContext& context, Change& change, const std::string& quoted,
                     const std::string& through) {
    for (const auto& table : context.to.tables) {
        for (const auto& column : table.columns) {
            bool array = column.type == quoted + "[]";
            if ((column.type != quoted && !array) || column.inherited) continue;
            std::string alter = "ALTER TABLE " + quote_qualified(table.name) + " ALTER COLUMN " +
                                quote_identifier(column.name);
            if (column.default_expression) change.steps.push_back(sql_step(alter + " DROP DEFAULT;"));
            change.steps.push_back(sql_step(alter + " TYPE " + column.type + " USING " +
                                                quote_identifier(column.name) + "::" + through +
                                                (array ? "[]" : "") + "::" + column.type + ";",
                                            {Hazard::table_rewrite, Hazard::access_exclusive_lock}));
            if (column.default_expression)
                change.steps.push_back(sql_step(alter + " SET DEFAULT " + *column.default_expression + ";"));
            context.reshaped_tables.insert(table.name);
        }
    }
}

// A label removed or moved: the type is built again under its name and every column of it
// converted through text (a row holding a removed label makes that conversion fail, so
// nothing is lost silently). Defaults are set aside around the conversion.
void rebuild_enum(DiffContext& context, const model::EnumType& old, const model::EnumType& type) {
    std::string quoted = quote_qualified(type.name);
    std::string old_name = type.name.name + "__driftless_old";
    auto& change = context.add(Action::alter, object_id(ObjectKind::enum_type, type.name),
                               "~ enum " + type.name.display() + ": values removed or reordered",
                               phase::create_type);
    change.steps.push_back(sql_step("ALTER TYPE " + quoted + " RENAME TO " + quote_identifier(old_name) + ";"));
    change.steps.push_back(sql_step(create_enum(type)));
    convert_columns(context, change, quoted, "text");
    change.steps.push_back(sql_step("DROP TYPE " + quote_qualified({type.name.schema, old_name}) + ";"));
    (void)old;
}

// New labels go in place (ALTER TYPE … ADD VALUE) when the old ones keep their order;
// anything else is a rebuild.
void diff_enums(DiffContext& context) {
    auto key = +[](const model::EnumType& t) { return t.name; };
    auto before = index_by(context.from.enums, key);
    auto after = index_by(context.to.enums, key);
    for (const auto& [name, type] : after) {
        auto id = object_id(ObjectKind::enum_type, name);
        auto it = before.find(name);
        if (it == before.end()) {
            context.add(Action::create, id, "+ enum " + name.display(), phase::create_type)
                .steps.push_back(sql_step(create_enum(*type)));
        } else if (it->second->labels != type->labels) {
            const auto& old_labels = it->second->labels;
            std::vector<std::string> kept;
            for (const auto& label : type->labels) {
                if (std::find(old_labels.begin(), old_labels.end(), label) != old_labels.end())
                    kept.push_back(label);
            }
            if (kept != old_labels) {
                rebuild_enum(context, *it->second, *type);
            } else {
                auto& change = context.add(Action::alter, id,
                                           "~ enum " + name.display() + ": values added",
                                           phase::create_type);
                for (std::size_t i = 0; i < type->labels.size(); ++i) {
                    const auto& label = type->labels[i];
                    if (std::find(old_labels.begin(), old_labels.end(), label) != old_labels.end())
                        continue;
                    std::string where = i == 0 ? " BEFORE " + quote_literal(type->labels[1])
                                               : " AFTER " + quote_literal(type->labels[i - 1]);
                    change.steps.push_back(sql_step("ALTER TYPE " + quote_qualified(name) +
                                                    " ADD VALUE " + quote_literal(label) + where +
                                                    ";"));
                }
            }
        }
        if ((it == before.end() && type->comment) || (it != before.end() && it->second->comment != type->comment)) {
            context.add(Action::alter, id, "~ comment on type " + name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("TYPE " + quote_qualified(name), type->comment)));
        }
    }
    for (const auto& [name, type] : before) {
        if (after.count(name)) continue;
        context.add(Action::drop, object_id(ObjectKind::enum_type, name), "- enum " + name.display(),
                    phase::drop_type)
            .steps.push_back(sql_step("DROP TYPE " + quote_qualified(name) + ";"));
    }
}

std::string create_domain(const model::Domain& domain) {
    std::string text = "CREATE DOMAIN " + quote_qualified(domain.name) + " AS " + domain.base_type;
    if (domain.collation) text += " COLLATE " + *domain.collation;
    if (domain.default_expression) text += " DEFAULT " + *domain.default_expression;
    if (domain.not_null) text += " NOT NULL";
    for (const auto& check : domain.checks)
        text += " CONSTRAINT " + quote_identifier(check.name) + " " + check.definition;
    return text + ";";
}

// ALTER DOMAIN cannot change the base type or collation: the domain is built again under its
// name and every column of it converted through the new base type (a value the new type
// cannot hold makes the conversion fail, so nothing is lost silently), as enums are.
void rebuild_domain(DiffContext& context, const model::Domain& domain) {
    std::string quoted = quote_qualified(domain.name);
    std::string old_name = domain.name.name + "__driftless_old";
    auto& change = context.add(Action::alter, object_id(ObjectKind::domain, domain.name),
                               "~ domain " + domain.name.display() + ": base type " + domain.base_type,
                               phase::create_type);
    change.steps.push_back(sql_step("ALTER DOMAIN " + quoted + " RENAME TO " + quote_identifier(old_name) + ";"));
    change.steps.push_back(sql_step(create_domain(domain)));
    convert_columns(context, change, quoted, domain.base_type);
    change.steps.push_back(sql_step("DROP DOMAIN " + quote_qualified({domain.name.schema, old_name}) + ";"));
}

void diff_domains(DiffContext& context) {
    auto key = +[](const model::Domain& d) { return d.name; };
    auto before = index_by(context.from.domains, key);
    auto after = index_by(context.to.domains, key);
    for (const auto& [name, domain] : after) {
        auto id = object_id(ObjectKind::domain, name);
        std::string quoted = quote_qualified(name);
        auto it = before.find(name);
        if (it == before.end()) {
            context.add(Action::create, id, "+ domain " + name.display(), phase::create_type)
                .steps.push_back(sql_step(create_domain(*domain)));
        } else {
            const model::Domain& old = *it->second;
            if (old.base_type != domain->base_type || old.collation != domain->collation) {
                rebuild_domain(context, *domain);
                if (domain->comment)
                    context.add(Action::alter, id, "~ comment on domain " + name.display(), phase::comment)
                        .steps.push_back(sql_step(comment_statement("DOMAIN " + quoted, domain->comment)));
                continue;
            }
            auto& change = context.add(Action::alter, id, "~ domain " + name.display(), phase::create_type);
            if (old.default_expression != domain->default_expression) {
                change.steps.push_back(sql_step("ALTER DOMAIN " + quoted +
                                                (domain->default_expression ? " SET DEFAULT " + *domain->default_expression : std::string(" DROP DEFAULT")) + ";"));
            }
            if (old.not_null != domain->not_null)
                change.steps.push_back(sql_step("ALTER DOMAIN " + quoted + (domain->not_null ? " SET NOT NULL;" : " DROP NOT NULL;")));
            for (const auto& check : old.checks) {
                auto same = std::find(domain->checks.begin(), domain->checks.end(), check);
                if (same == domain->checks.end())
                    change.steps.push_back(sql_step("ALTER DOMAIN " + quoted + " DROP CONSTRAINT " + quote_identifier(check.name) + ";"));
            }
            for (const auto& check : domain->checks) {
                auto same = std::find(old.checks.begin(), old.checks.end(), check);
                if (same == old.checks.end())
                    change.steps.push_back(sql_step("ALTER DOMAIN " + quoted + " ADD CONSTRAINT " + quote_identifier(check.name) + " " + check.definition + ";"));
            }
        }
        if ((it == before.end() && domain->comment) || (it != before.end() && it->second->comment != domain->comment)) {
            context.add(Action::alter, id, "~ comment on domain " + name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("DOMAIN " + quoted, domain->comment)));
        }
    }
    for (const auto& [name, domain] : before) {
        if (after.count(name)) continue;
        context.add(Action::drop, object_id(ObjectKind::domain, name), "- domain " + name.display(), phase::drop_type)
            .steps.push_back(sql_step("DROP DOMAIN " + quote_qualified(name) + ";"));
    }
}

std::string attribute_definition(const model::CompositeAttribute& attribute) {
    return quote_identifier(attribute.name) + " " + attribute.type +
           (attribute.collation ? " COLLATE " + *attribute.collation : "");
}

void diff_composites(DiffContext& context) {
    auto key = +[](const model::CompositeType& t) { return t.name; };
    auto before = index_by(context.from.composite_types, key);
    auto after = index_by(context.to.composite_types, key);
    for (const auto& [name, type] : after) {
        auto id = object_id(ObjectKind::composite_type, name);
        std::string quoted = quote_qualified(name);
        auto it = before.find(name);
        if (it == before.end()) {
            std::vector<std::string> attributes;
            for (const auto& attribute : type->attributes) attributes.push_back(attribute_definition(attribute));
            context.add(Action::create, id, "+ type " + name.display(), phase::create_type)
                .steps.push_back(sql_step("CREATE TYPE " + quoted + " AS (" + list(attributes) + ");"));
        } else if (it->second->attributes != type->attributes) {
            auto& change = context.add(Action::alter, id, "~ type " + name.display(), phase::create_type);
            const auto& old = it->second->attributes;
            auto find = [](const auto& attributes, const std::string& attribute_name) {
                return std::find_if(attributes.begin(), attributes.end(),
                                    [&](const auto& a) { return a.name == attribute_name; });
            };
            for (const auto& attribute : old) {
                if (find(type->attributes, attribute.name) == type->attributes.end())
                    change.steps.push_back(sql_step("ALTER TYPE " + quoted + " DROP ATTRIBUTE " + quote_identifier(attribute.name) + ";", {Hazard::deletes_data}));
            }
            for (const auto& attribute : type->attributes) {
                auto previous = find(old, attribute.name);
                if (previous == old.end()) {
                    change.steps.push_back(sql_step("ALTER TYPE " + quoted + " ADD ATTRIBUTE " + attribute_definition(attribute) + ";"));
                } else if (*previous != attribute) {
                    change.steps.push_back(sql_step("ALTER TYPE " + quoted + " ALTER ATTRIBUTE " + quote_identifier(attribute.name) + " TYPE " + attribute.type +
                                                    (attribute.collation ? " COLLATE " + *attribute.collation : "") + ";"));
                }
            }
        }
        if ((it == before.end() && type->comment) || (it != before.end() && it->second->comment != type->comment)) {
            context.add(Action::alter, id, "~ comment on type " + name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("TYPE " + quoted, type->comment)));
        }
    }
    for (const auto& [name, type] : before) {
        if (after.count(name)) continue;
        context.add(Action::drop, object_id(ObjectKind::composite_type, name), "- type " + name.display(), phase::drop_type)
            .steps.push_back(sql_step("DROP TYPE " + quote_qualified(name) + ";"));
    }
}

std::string sequence_clauses(const model::SequenceOptions& options) {
    return fmt::format(" AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{}",
                       options.data_type, options.increment, options.min_value, options.max_value,
                       options.start, options.cache, options.cycle ? " CYCLE" : " NO CYCLE");
}

}  // namespace

void diff_namespaces_and_types(DiffContext& context) {
    diff_namespaces(context);
    diff_extensions(context);
    diff_enums(context);
    diff_domains(context);
    diff_composites(context);
}

void diff_sequences(DiffContext& context) {
    auto key = +[](const model::Sequence& s) { return s.name; };
    auto before = index_by(context.from.sequences, key);
    auto after = index_by(context.to.sequences, key);
    for (const auto& [name, sequence] : after) {
        auto id = object_id(ObjectKind::sequence, name);
        std::string quoted = quote_qualified(name);
        auto it = before.find(name);
        if (it == before.end()) {
            context.add(Action::create, id, "+ sequence " + name.display(), phase::create_sequence)
                .steps.push_back(sql_step(std::string("CREATE ") + (sequence->unlogged ? "UNLOGGED " : "") +
                                          "SEQUENCE " + quoted + sequence_clauses(sequence->options) + ";"));
        } else if (it->second->options != sequence->options) {
            context.add(Action::alter, id, "~ sequence " + name.display(), phase::create_sequence)
                .steps.push_back(sql_step("ALTER SEQUENCE " + quoted + sequence_clauses(sequence->options) + ";"));
        }
        std::optional<model::SequenceOwner> old_owner;
        if (it != before.end()) old_owner = it->second->owned_by;
        if (old_owner != sequence->owned_by) {
            std::string owner = sequence->owned_by ? quote_qualified(sequence->owned_by->table) + "." + quote_identifier(sequence->owned_by->column) : "NONE";
            context.add(Action::alter, id, "~ sequence " + name.display() + " owned by " + owner, phase::sequence_owner)
                .steps.push_back(sql_step("ALTER SEQUENCE " + quoted + " OWNED BY " + owner + ";"));
        }
        if ((it == before.end() && sequence->comment) || (it != before.end() && it->second->comment != sequence->comment)) {
            context.add(Action::alter, id, "~ comment on sequence " + name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement("SEQUENCE " + quoted, sequence->comment)));
        }
    }
    std::set<model::QualifiedName> kept_tables;
    for (const auto& table : context.to.tables) kept_tables.insert(table.name);
    for (const auto& [name, sequence] : before) {
        if (after.count(name)) continue;
        // A sequence owned by a dropped table goes with it (IF EXISTS: in either order).
        if (sequence->owned_by && !kept_tables.count(sequence->owned_by->table)) continue;
        context.add(Action::drop, object_id(ObjectKind::sequence, name), "- sequence " + name.display(), phase::drop_sequence)
            .steps.push_back(sql_step("DROP SEQUENCE IF EXISTS " + quote_qualified(name) + ";"));
    }
}

}  // namespace driftless::diff
