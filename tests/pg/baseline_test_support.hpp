#pragma once
// Shared by the baseline tests: a project with three timestamped migrations, and rows of the
// other tools' history tables, written the way those tools write them.
#include <catch2/catch.hpp>

#include <string>

#include "support/migration_project.hpp"
#include "support/test_server.hpp"

namespace driftless::testing::baseline_support {

// A project folder (driftless.yaml, migrations/) with three timestamped migrations.
struct Project : testing::MigrationProject {
    using testing::MigrationProject::MigrationProject;
    // Files as the other tool's folder held them, renamed to dbmate's format.
    void three_migrations() const {
        migration(
            "20230101000000_users.sql",
            "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
        migration("20230102000000_orders.sql", "-- migrate:up\nCREATE TABLE orders (id int);\n");
        migration("20230103000000_items.sql", "-- migrate:up\nCREATE TABLE items (id int);\n");
        REQUIRE(run({"hash"}).exit_code == 0);
    }
};

inline const std::string first = "20230101000000";
inline const std::string second = "20230102000000";
inline const std::string third = "20230103000000";

inline std::string count(const testing::TestDatabase& database, const std::string& table) {
    return database.scalar("SELECT count(*) FROM " + table);
}

inline bool table_exists(const testing::TestDatabase& database, const std::string& table) {
    return database.scalar("SELECT to_regclass('" + table + "') IS NOT NULL") == "t";
}

// The tools' own DDL, as their documentation and source create it.
inline constexpr const char* dbmate_ddl = "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)";
inline constexpr const char* golang_migrate_ddl =
    "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT "
    "NULL)";
inline constexpr const char* node_pg_migrate_ddl =
    "CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on "
    "timestamp NOT NULL)";
inline constexpr const char* prisma_ddl =
    "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY NOT NULL, checksum "
    "varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs "
    "text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), "
    "applied_steps_count integer NOT NULL DEFAULT 0)";
inline constexpr const char* flyway_ddl =
    "CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL, version varchar(50), "
    "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT "
    "NULL, checksum integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT "
    "NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL, CONSTRAINT "
    "flyway_schema_history_pk PRIMARY KEY (installed_rank));"
    "CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success)";

inline std::string prisma_row(const std::string& id, const std::string& name, const char* finished,
                       const char* rolled_back) {
    return "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, "
           "rolled_back_at, applied_steps_count) VALUES ('" +
           id + "', 'c', " + finished + ", '" + name + "', " + rolled_back + ", 1);";
}

inline std::string flyway_row(int rank, const char* version, const char* type, const char* script,
                       bool success) {
    return "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
           "script, checksum, installed_by, installed_on, execution_time, success) VALUES (" +
           std::to_string(rank) + ", " + version + ", 'd', '" + type + "', '" + script +
           "', 1, 'flyway', '2023-03-0" + std::to_string(rank) + " 12:00:00', 5, " +
           (success ? "true" : "false") + ");";
}


}  // namespace driftless::testing::baseline_support
