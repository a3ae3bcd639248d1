// Layout and dispatch for `driftless inspect`:
//
//   schemas.sql                    CREATE SCHEMA (all but public) and schema comments
//   extensions.sql                 CREATE EXTENSION IF NOT EXISTS … WITH SCHEMA … VERSION …
//   <schema>/types.sql             enums, domains, composite and range types
//   <schema>/sequences.sql         sequences not owned by a column
//   <schema>/functions/<name>.sql  functions, procedures and aggregates, overloads together
//   <schema>/tables/<name>.sql     a table, its owned sequences, constraints, indexes,
//                                  replica identity, extended statistics, triggers, rules,
//                                  policies, comments, then its partitions
//   <schema>/views/<name>.sql      a view or materialized view (with its indexes, extended
//                                  statistics, triggers and rules)
//
// Privileges (the acl fields) are deliberately not written. driftless compares privileges
// only when asked to, because grants usually name roles that exist on one server and not
// on another; writing them here would make every plan against another server propose
// grant changes. Privileges are written once that opt-in comparison exists.
#include "inspect/schema_writer.hpp"

#include <algorithm>

#include "emit/quote.hpp"
#include "inspect/writer_support.hpp"
#include "util/in_halves.hpp"

namespace driftless::inspect {

using emit::quote_identifier;
using emit::quote_literal;

namespace {

struct SchemaContent {
    std::vector<const model::Table*> tables;  // with a file of their own
    std::vector<const model::View*> views;
    std::map<std::string, std::vector<const model::Function*>> routines;  // by name
    SchemaTypes types;
    std::vector<const model::Sequence*> sequences;  // not written with a table
};

template <typename T>
void sort_by_name(std::vector<const T*>& items) {
    std::sort(items.begin(), items.end(), [](const T* a, const T* b) { return a->name < b->name; });
}

std::map<std::string, SchemaContent> group_by_schema(const model::Schema& schema,
                                                     const ModelIndex& index) {
    std::map<std::string, SchemaContent> contents;
    for (const auto& table : schema.tables) {
        // A partition is written in its parent's file when the parent is in the model.
        if (!(table.partition_of && index.table(*table.partition_of))) {
            contents[table.name.schema].tables.push_back(&table);
        }
    }
    for (const auto& view : schema.views) contents[view.name.schema].views.push_back(&view);
    for (const auto& routine : schema.functions) {
        contents[routine.name.schema].routines[routine.name.name].push_back(&routine);
    }
    for (const auto& type : schema.enums) contents[type.name.schema].types.enums.push_back(&type);
    for (const auto& type : schema.domains)
        contents[type.name.schema].types.domains.push_back(&type);
    for (const auto& type : schema.composite_types)
        contents[type.name.schema].types.composites.push_back(&type);
    for (const auto& type : schema.range_types)
        contents[type.name.schema].types.ranges.push_back(&type);
    for (const auto& sequence : schema.sequences) {
        if (!index.written_with_table(sequence))
            contents[sequence.name.schema].sequences.push_back(&sequence);
    }
    for (auto& [_, content] : contents) {
        sort_by_name(content.tables);
        sort_by_name(content.views);
        sort_by_name(content.types.enums);
        sort_by_name(content.types.domains);
        sort_by_name(content.types.composites);
        sort_by_name(content.types.ranges);
        sort_by_name(content.sequences);
        for (auto& [_, overloads] : content.routines) {
            std::sort(overloads.begin(), overloads.end(),
                      [](const model::Function* a, const model::Function* b) {
                          return a->arguments < b->arguments;
                      });
        }
    }
    return contents;
}

std::string schemas_file(const model::Schema& schema) {
    std::vector<const model::Namespace*> namespaces;
    for (const auto& item : schema.schemas) namespaces.push_back(&item);
    sort_by_name(namespaces);
    SqlFile file("schemas");
    Group creates, comments, grants;
    for (const auto* item : namespaces) {
        // public exists in every new database; its comment is still the schema's own.
        if (item->name != "public")
            creates.push_back("CREATE SCHEMA " + quote_identifier(item->name) + ";");
        if (item->comment)
            comments.push_back(
                comment_on("SCHEMA " + quote_identifier(item->name), *item->comment));
        for (auto& grant :
             privilege_statements("SCHEMA " + quote_identifier(item->name), item->acl, ""))
            grants.push_back(std::move(grant));
    }
    file.add(std::move(creates));
    file.add(std::move(comments));
    file.add(std::move(grants));
    return file.empty() ? std::string() : file.text();
}

std::string extensions_file(const model::Schema& schema) {
    std::vector<const model::Extension*> extensions;
    for (const auto& item : schema.extensions) extensions.push_back(&item);
    sort_by_name(extensions);
    SqlFile file("extensions");
    Group group;
    for (const auto* extension : extensions) {
        std::string text = "CREATE EXTENSION IF NOT EXISTS " + quote_identifier(extension->name);
        if (!extension->schema.empty())
            text += " WITH SCHEMA " + quote_identifier(extension->schema);
        if (!extension->version.empty()) text += " VERSION " + quote_literal(extension->version);
        group.push_back(text + ";");
    }
    file.add(std::move(group));
    return file.empty() ? std::string() : file.text();
}

// Large lists are rendered on two threads: rendering only reads the model and the index,
// and it took a twentieth of `inspect` on 5,000 tables.
template <typename T, typename Write>
std::vector<std::string> render_all(const std::vector<const T*>& objects, Write write) {
    std::vector<std::string> texts(objects.size());
    run_in_halves(objects.size(), 500, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) texts[i] = write(*objects[i]);
    });
    return texts;
}

template <typename T, typename Write>
void write_named(std::map<std::string, std::string>& files, const std::string& directory,
                 const std::vector<const T*>& objects, Write write) {
    std::set<std::string> names;
    for (const auto* object : objects) names.insert(object->name.name);
    auto entries = assign_entry_names(names, ".sql");
    auto texts = render_all(objects, write);
    for (std::size_t i = 0; i < objects.size(); ++i)
        files[directory + entries.at(objects[i]->name.name)] = std::move(texts[i]);
}

}  // namespace

std::map<std::string, std::string> render_schema_files(const model::Schema& schema) {
    ModelIndex index(schema);
    std::map<std::string, std::string> files;
    if (auto text = schemas_file(schema); !text.empty()) files["schemas.sql"] = text;
    if (auto text = extensions_file(schema); !text.empty()) files["extensions.sql"] = text;

    auto contents = group_by_schema(schema, index);
    std::set<std::string> schema_names;
    for (const auto& [name, _] : contents) schema_names.insert(name);
    auto directories = assign_entry_names(schema_names, "", {"schemas.sql", "extensions.sql"});

    for (const auto& [schema_name, content] : contents) {
        std::string directory = directories.at(schema_name) + "/";
        if (!content.types.empty())
            files[directory + "types.sql"] = write_types_file(schema_name, content.types);
        if (!content.sequences.empty()) {
            files[directory + "sequences.sql"] =
                write_sequences_file(schema_name, content.sequences);
        }
        write_named(files, directory + "tables/", content.tables,
                    [&](const model::Table& table) { return write_table_file(table, index); });
        write_named(files, directory + "views/", content.views,
                    [&](const model::View& view) { return write_view_file(view, index); });
        std::set<std::string> routine_names;
        for (const auto& [name, _] : content.routines) routine_names.insert(name);
        auto entries = assign_entry_names(routine_names, ".sql");
        for (const auto& [name, overloads] : content.routines) {
            files[directory + "functions/" + entries.at(name)] = write_routine_file(overloads);
        }
    }
    return files;
}

}  // namespace driftless::inspect
