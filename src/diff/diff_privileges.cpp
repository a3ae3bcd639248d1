// Privileges (GRANT / REVOKE), compared only when the models were read with them
// (`privileges: true`): roles and grants differ between environments far more often than
// the schema does. Entries a role holds on what it owns (grantee = grantor) are left out, so
// two databases whose objects have different owners still compare; an ACL the server left
// at its default stands for the default PUBLIC grants of its kind.
#include <map>
#include <set>

#include "diff/diff_extras.hpp"
#include "emit/grants.hpp"
#include "model/acl.hpp"

namespace driftless::diff {

namespace {

using emit::quote_identifier;
using emit::quote_qualified;
using model::ObjectKind;

using emit::Grants;

Grants effective(const std::vector<std::string>& acl, const char* default_public) {
    return emit::effective_grants(acl, default_public);
}

// One object's grants. `target` is what follows ON (`TABLE app.t`); `columns` is the column
// list for column privileges ("" otherwise).
struct Subject {
    model::ObjectId id;
    std::string display;
    std::string target;
    std::string column;  // column privileges: the quoted column
    const char* default_public = "";
};

void diff_grants(DiffContext& context, const Subject& subject, const Grants& before,
                 const Grants& after) {
    std::vector<Step> steps;
    for (auto& statement : emit::grant_statements(before, after, subject.target, subject.column))
        steps.push_back(sql_step(std::move(statement)));
    if (steps.empty()) return;
    auto& change = context.add(Action::alter, subject.id, "~ privileges on " + subject.display, phase::comment);
    change.rank = 1;  // after the objects' own comments
    change.steps = std::move(steps);
}

}  // namespace

void diff_privileges(DiffContext& context) {
    // Objects dropped and created again in this plan start from the default ACL.
    std::set<model::ObjectId> recreated;
    for (const auto& change : context.plan.changes)
        if (change.action == Action::drop) recreated.insert(change.object);

    // Pairs the objects of both sides by identity; those only on the `from` side are dropped.
    auto compare = [&](const auto& before_items, const auto& after_items, auto subject_of) {
        std::map<model::ObjectId, const std::vector<std::string>*> before;
        for (const auto& item : before_items) before.emplace(subject_of(item).id, &item.acl);
        for (const auto& item : after_items) {
            Subject subject = subject_of(item);
            auto it = before.find(subject.id);
            static const std::vector<std::string> default_acl;
            const auto& old_acl =
                it == before.end() || recreated.count(subject.id) ? default_acl : *it->second;
            diff_grants(context, subject, effective(old_acl, subject.default_public),
                        effective(item.acl, subject.default_public));
        }
    };
    compare(context.from.schemas, context.to.schemas, [](const model::Namespace& n) {
        return Subject{object_id(ObjectKind::schema, {"", n.name}), "schema " + n.name,
                       "SCHEMA " + quote_identifier(n.name), "", ""};
    });
    auto type_subject = [](ObjectKind kind, const model::QualifiedName& name, const char* keyword) {
        return Subject{object_id(kind, name), "type " + name.display(),
                       std::string(keyword) + " " + quote_qualified(name), "", "U"};
    };
    compare(context.from.enums, context.to.enums, [&](const model::EnumType& t) {
        return type_subject(ObjectKind::enum_type, t.name, "TYPE");
    });
    compare(context.from.domains, context.to.domains, [&](const model::Domain& t) {
        return type_subject(ObjectKind::domain, t.name, "DOMAIN");
    });
    compare(context.from.composite_types, context.to.composite_types, [&](const model::CompositeType& t) {
        return type_subject(ObjectKind::composite_type, t.name, "TYPE");
    });
    compare(context.from.sequences, context.to.sequences, [](const model::Sequence& s) {
        return Subject{object_id(ObjectKind::sequence, s.name), "sequence " + s.name.display(),
                       "SEQUENCE " + quote_qualified(s.name), "", ""};
    });
    compare(context.from.functions, context.to.functions, [](const model::Function& f) {
        const char* keyword = f.kind == model::RoutineKind::procedure ? "PROCEDURE " : "FUNCTION ";
        return Subject{object_id(ObjectKind::function, f.name, {}, f.arguments),
                       "function " + f.name.display() + "(" + f.arguments + ")",
                       keyword + quote_qualified(f.name) + "(" + f.arguments + ")", "", "X"};
    });
    compare(context.from.tables, context.to.tables, [](const model::Table& t) {
        return Subject{object_id(ObjectKind::table, t.name), "table " + t.name.display(),
                       "TABLE " + quote_qualified(t.name), "", ""};
    });
    compare(context.from.views, context.to.views, [](const model::View& v) {
        return Subject{object_id(v.materialized ? ObjectKind::materialized_view : ObjectKind::view, v.name),
                       "view " + v.name.display(), "TABLE " + quote_qualified(v.name), "", ""};
    });
    // Column privileges: a column has no default grants, and goes with its table.
    std::map<model::QualifiedName, const model::Table*> old_tables;
    for (const auto& table : context.from.tables) old_tables.emplace(table.name, &table);
    for (const auto& table : context.to.tables) {
        auto it = old_tables.find(table.name);
        bool fresh = it == old_tables.end() || recreated.count(object_id(ObjectKind::table, table.name));
        for (const auto& column : table.columns) {
            const model::Column* old_column = nullptr;
            if (!fresh) {
                for (const auto& c : it->second->columns)
                    if (c.name == column.name) old_column = &c;
            }
            static const std::vector<std::string> none;
            Subject subject{object_id(ObjectKind::table, table.name),
                            "column " + table.name.display() + "." + column.name,
                            "TABLE " + quote_qualified(table.name), quote_identifier(column.name), ""};
            // An empty column ACL means no grants (no defaults): a sentinel keeps it so.
            auto grants = [](const std::vector<std::string>& acl) {
                return acl.empty() ? Grants{} : effective(acl, "");
            };
            diff_grants(context, subject, grants(old_column ? old_column->acl : none), grants(column.acl));
        }
    }
}

}  // namespace driftless::diff
