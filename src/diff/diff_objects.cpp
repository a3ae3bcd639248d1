// Routines, views and materialized views, triggers, policies and rules: objects defined by a body
// the server renders, changed by replacing them (functions whose signature allows it) or by
// dropping and creating them again.
#include <algorithm>
#include <functional>

#include "diff/diff_context.hpp"

namespace driftless::diff {

using emit::quote_identifier;
using emit::quote_qualified;
using model::ObjectKind;

namespace {

std::string terminated(const std::string& definition) {
    auto end = definition.find_last_not_of(" \t\r\n;");
    return definition.substr(0, end == std::string::npos ? 0 : end + 1) + ";";
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string parenthesized(const std::string& expression) {
    return expression.size() >= 2 && expression.front() == '(' && expression.back() == ')'
               ? expression
               : "(" + expression + ")";
}

const char* routine_keyword(model::RoutineKind kind) {
    switch (kind) {
        case model::RoutineKind::procedure:
            return "PROCEDURE";
        case model::RoutineKind::aggregate:
            return "AGGREGATE";
        default:
            return "FUNCTION";
    }
}

void diff_functions(DiffContext& context) {
    using Key = std::pair<model::QualifiedName, std::string>;
    std::map<Key, const model::Function*> before, after;
    for (const auto& f : context.from.functions) before.emplace(Key{f.name, f.arguments}, &f);
    for (const auto& f : context.to.functions) after.emplace(Key{f.name, f.arguments}, &f);
    auto signature = [](const model::Function& f) {
        return std::string(routine_keyword(f.kind)) + " " + quote_qualified(f.name) + "(" + f.arguments + ")";
    };
    auto drop = [&](const model::Function& f) {
        context.add(Action::drop, object_id(ObjectKind::function, f.name, {}, f.arguments),
                    "- " + std::string(routine_keyword(f.kind)) + " " + f.name.display() + "(" + f.arguments + ")",
                    phase::drop_function)
            .steps.push_back(sql_step("DROP " + signature(f) + ";"));
    };
    for (const auto& [key, function] : after) {
        auto id = object_id(ObjectKind::function, key.first, {}, key.second);
        auto it = before.find(key);
        bool replaceable = it != before.end() && it->second->kind == function->kind &&
                           it->second->result == function->result &&
                           function->kind != model::RoutineKind::aggregate;
        if (it != before.end() && it->second->definition == function->definition) {
            // unchanged body
        } else {
            if (it != before.end() && !replaceable) drop(*it->second);
            context.add(it == before.end() ? Action::create : Action::alter, id,
                        (it == before.end() ? "+ " : "~ ") + std::string(routine_keyword(function->kind)) + " " +
                            key.first.display() + "(" + key.second + ")",
                        phase::create_function)
                .steps.push_back(sql_step(terminated(function->definition), {Hazard::untracked_dependency}));
        }
        if ((it == before.end() && function->comment) || (it != before.end() && it->second->comment != function->comment)) {
            context.add(Action::alter, id, "~ comment on " + key.first.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement(signature(*function), function->comment)));
        }
    }
    for (const auto& [key, function] : before) {
        if (!after.count(key)) drop(*function);
    }
}

std::string create_view(const model::View& view) {
    std::vector<std::string> options;
    std::string check_option;
    for (const auto& option : view.options) {
        if (option.starts_with("check_option="))
            check_option = option.substr(std::string("check_option=").size());
        else
            options.push_back(option);
    }
    std::string text = std::string("CREATE ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                       quote_qualified(view.name);
    if (!options.empty()) text += " WITH (" + join(options, ", ") + ")";
    std::string query = terminated(view.definition);
    query.pop_back();
    text += " AS\n" + query;
    if (check_option == "local") text += "\n  WITH LOCAL CHECK OPTION";
    if (check_option == "cascaded") text += "\n  WITH CASCADED CHECK OPTION";
    if (view.materialized && !view.with_data) text += "\n  WITH NO DATA";
    return text + ";";
}

// Depth in the dependency graph among views: a view comes after every view it reads.
std::map<model::QualifiedName, int> view_depths(const model::Schema& schema) {
    std::map<model::QualifiedName, std::vector<model::QualifiedName>> reads;
    std::set<model::QualifiedName> views;
    for (const auto& view : schema.views) views.insert(view.name);
    for (const auto& dependency : schema.dependencies) {
        bool from_view = dependency.from.kind == ObjectKind::view || dependency.from.kind == ObjectKind::materialized_view;
        if (from_view && views.count(dependency.to.name) && dependency.to.name != dependency.from.name)
            reads[dependency.from.name].push_back(dependency.to.name);
    }
    std::map<model::QualifiedName, int> depth;
    std::function<int(const model::QualifiedName&, int)> visit = [&](const model::QualifiedName& name, int guard) {
        if (auto it = depth.find(name); it != depth.end()) return it->second;
        int d = 0;
        if (guard < 1000) {
            for (const auto& read : reads[name]) d = std::max(d, visit(read, guard + 1) + 1);
        }
        depth[name] = d;
        return d;
    };
    for (const auto& view : views) visit(view, 0);
    return depth;
}

void diff_views(DiffContext& context) {
    auto key = +[](const model::View& v) { return v.name; };
    auto before = index_by(context.from.views, key);
    auto after = index_by(context.to.views, key);
    auto old_depth = view_depths(context.from);
    auto new_depth = view_depths(context.to);
    // Views over reshaped tables (or over views recreated for that reason) are recreated,
    // shallowest first so the reason propagates upwards.
    std::map<model::QualifiedName, std::set<model::QualifiedName>> reads;
    for (const auto& dependency : context.from.dependencies) {
        if (dependency.from.kind == ObjectKind::view || dependency.from.kind == ObjectKind::materialized_view)
            reads[dependency.from.name].insert(dependency.to.name);
    }
    std::vector<const model::View*> by_depth;
    for (const auto& [name, view] : before) by_depth.push_back(view);
    std::stable_sort(by_depth.begin(), by_depth.end(), [&](const auto* a, const auto* b) {
        return old_depth[a->name] < old_depth[b->name];
    });
    std::set<model::QualifiedName> recreate;
    for (const auto* view : by_depth) {
        auto it = after.find(view->name);
        bool changed = it == after.end() || !(*it->second == *view);
        bool reads_reshaped = std::any_of(reads[view->name].begin(), reads[view->name].end(), [&](const auto& name) {
            return context.reshaped_tables.count(name) || context.recreated_relations.count(name) ||
                   context.dropped_tables.count(name) || recreate.count(name);
        });
        if (it != after.end() && (changed || reads_reshaped)) {
            // A comment alone is changed in place.
            model::View without_comments = *view;
            without_comments.comment = it->second->comment;
            without_comments.column_comments = it->second->column_comments;
            without_comments.acl = it->second->acl;  // privileges change by GRANT / REVOKE
            if (!reads_reshaped && without_comments == *it->second) continue;
            recreate.insert(view->name);
        }
    }
    auto drop = [&](const model::View& view) {
        auto& change = context.add(Action::drop, object_id(view.materialized ? ObjectKind::materialized_view : ObjectKind::view, view.name),
                                   std::string("- ") + (view.materialized ? "materialized view " : "view ") + view.name.display(),
                                   phase::drop_view);
        change.rank = -old_depth[view.name];
        change.steps.push_back(sql_step(std::string("DROP ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                                        quote_qualified(view.name) + ";"));
    };
    auto comments = [&](const model::View& view, const model::View* old) {
        auto id = object_id(view.materialized ? ObjectKind::materialized_view : ObjectKind::view, view.name);
        if ((!old && view.comment) || (old && old->comment != view.comment)) {
            context.add(Action::alter, id, "~ comment on view " + view.name.display(), phase::comment)
                .steps.push_back(sql_step(comment_statement(std::string(view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                                                                quote_qualified(view.name), view.comment)));
        }
        for (const auto& column : view.column_comments) {
            bool same = old && std::find(old->column_comments.begin(), old->column_comments.end(), column) != old->column_comments.end();
            if (!same)
                context.add(Action::alter, id, "~ comment on view column", phase::comment)
                    .steps.push_back(sql_step(comment_statement("COLUMN " + quote_qualified(view.name) + "." + quote_identifier(column.column), column.comment)));
        }
        if (old) {
            for (const auto& column : old->column_comments) {
                bool kept = std::any_of(view.column_comments.begin(), view.column_comments.end(),
                                        [&](const auto& c) { return c.column == column.column; });
                if (!kept)
                    context.add(Action::alter, id, "~ comment on view column", phase::comment)
                        .steps.push_back(sql_step(comment_statement("COLUMN " + quote_qualified(view.name) + "." + quote_identifier(column.column), std::nullopt)));
            }
        }
    };
    for (const auto& [name, view] : after) {
        auto it = before.find(name);
        if (it != before.end() && !recreate.count(name)) {
            comments(*view, it->second);
            continue;
        }
        if (it != before.end()) {
            drop(*it->second);
            context.recreated_relations.insert(name);
        }
        auto& change = context.add(Action::create, object_id(view->materialized ? ObjectKind::materialized_view : ObjectKind::view, name),
                                   std::string("+ ") + (view->materialized ? "materialized view " : "view ") + name.display(),
                                   phase::create_view);
        change.rank = new_depth[name];
        change.steps.push_back(sql_step(create_view(*view)));
        comments(*view, nullptr);
    }
    for (const auto& [name, view] : before) {
        if (after.count(name)) continue;
        drop(*view);
        context.dropped_tables.insert(name);
    }
}

// The definition, then the enable state ev_enabled / tgenabled record when it is not the
// default: D disabled, R replica, A always. ALTER TABLE takes views too, for their rules.
std::string with_enable_state(const std::string& definition, const char* keyword,
                              const model::QualifiedName& table, const std::string& name,
                              char enabled) {
    std::string text = terminated(definition);
    std::string statement = "\nALTER TABLE " + quote_qualified(table);
    std::string target = std::string(keyword) + " " + quote_identifier(name) + ";";
    if (enabled == 'D') text += statement + " DISABLE " + target;
    if (enabled == 'R') text += statement + " ENABLE REPLICA " + target;
    if (enabled == 'A') text += statement + " ENABLE ALWAYS " + target;
    return text;
}

std::string create_trigger(const model::Trigger& trigger) {
    return with_enable_state(trigger.definition, "TRIGGER", trigger.table, trigger.name,
                             trigger.enabled);
}

std::string create_rule(const model::Rule& rule) {
    return with_enable_state(rule.definition, "RULE", rule.table, rule.name, rule.enabled);
}

std::string create_policy(const model::Policy& policy) {
    std::vector<std::string> roles;
    for (const auto& role : policy.roles) roles.push_back(role == "PUBLIC" ? role : quote_identifier(role));
    if (roles.empty()) roles.push_back("PUBLIC");
    std::string text = "CREATE POLICY " + quote_identifier(policy.name) + " ON " + quote_qualified(policy.table) +
                       " AS " + (policy.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + policy.command +
                       " TO " + join(roles, ", ");
    if (policy.using_expression) text += " USING " + parenthesized(*policy.using_expression);
    if (policy.check_expression) text += " WITH CHECK " + parenthesized(*policy.check_expression);
    return text + ";";
}

// Triggers, policies and rules are dropped and created again when anything but the comment
// changed.
template <typename Part>
void diff_parts(DiffContext& context, const std::vector<Part>& from, const std::vector<Part>& to, ObjectKind kind,
                const char* noun, int drop_phase, int create_phase, std::string (*create)(const Part&)) {
    using Key = std::pair<model::QualifiedName, std::string>;
    std::map<Key, const Part*> before, after;
    for (const auto& p : from) before.emplace(Key{p.table, p.name}, &p);
    for (const auto& p : to) after.emplace(Key{p.table, p.name}, &p);
    std::string keyword = kind == ObjectKind::trigger ? "TRIGGER "
                          : kind == ObjectKind::rule ? "RULE "
                                                     : "POLICY ";
    auto drop = [&](const Part& part) {
        context.add(Action::drop, object_id(kind, {part.table.schema, part.name}, part.table),
                    std::string("- ") + noun + " " + part.name + " on " + part.table.display(), drop_phase)
            .steps.push_back(sql_step("DROP " + keyword + quote_identifier(part.name) + " ON " + quote_qualified(part.table) + ";"));
    };
    auto comment = [&](const Part& part) {
        context.add(Action::alter, object_id(kind, {part.table.schema, part.name}, part.table),
                    std::string("~ comment on ") + noun + " " + part.name, phase::comment)
            .steps.push_back(sql_step(comment_statement(keyword + quote_identifier(part.name) + " ON " + quote_qualified(part.table), part.comment)));
    };
    for (const auto& [key, part] : after) {
        auto it = before.find(key);
        bool recreated = context.recreated_relations.count(key.first) > 0;
        // On a table whose columns are retyped or dropped, expressions that name a column
        // (policy USING, trigger WHEN) block the ALTER: they go first and come back after.
        bool reshaped = context.reshaped_tables.count(key.first) > 0;
        Part old_without_comment = it == before.end() ? Part{} : *it->second;
        old_without_comment.comment = part->comment;
        if (it == before.end() || recreated || reshaped || !(old_without_comment == *part)) {
            if (it != before.end() && !recreated) drop(*it->second);
            context.add(Action::create, object_id(kind, {key.first.schema, key.second}, key.first),
                        std::string("+ ") + noun + " " + key.second + " on " + key.first.display(), create_phase)
                .steps.push_back(sql_step(create(*part)));
            if (part->comment) comment(*part);
        } else if (it->second->comment != part->comment) {
            comment(*part);
        }
    }
    for (const auto& [key, part] : before) {
        if (after.count(key) || context.dropped_tables.count(key.first) || context.recreated_relations.count(key.first))
            continue;
        drop(*part);
    }
}

}  // namespace

void diff_routines_and_views(DiffContext& context) {
    diff_functions(context);
    diff_views(context);
}

void diff_triggers_and_policies(DiffContext& context) {
    diff_parts(context, context.from.triggers, context.to.triggers, ObjectKind::trigger, "trigger",
               phase::drop_trigger, phase::create_trigger, &create_trigger);
    diff_parts(context, context.from.policies, context.to.policies, ObjectKind::policy, "policy",
               phase::drop_policy, phase::create_policy, &create_policy);
    // Rules run statements on other tables and views: created with the triggers, after them.
    diff_parts(context, context.from.rules, context.to.rules, ObjectKind::rule, "rule",
               phase::drop_trigger, phase::create_trigger, &create_rule);
}

}  // namespace driftless::diff
