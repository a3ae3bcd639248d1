#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "apply/migration_files.hpp"
#include "apply/sum_file.hpp"
#include "support/test_server.hpp"

using namespace driftless;
using apply::check_sum;
using apply::read_migrations;
using testing::read_text;

namespace {

// A directory with three dbmate migrations and its sum file written.
struct Project {
    testing::TempDir dir;
    std::filesystem::path sum;

    Project() : sum(dir.path() / "driftless.sum") {
        dir.write("1_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n");
        dir.write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
        dir.write("3_c.up.sql", "CREATE TABLE c (id int);");
        apply::write_sum(read_migrations(dir.path()), sum);
    }

    // The message check_sum throws for the directory as it is now ("" when it passes).
    std::string check() const {
        try {
            check_sum(read_migrations(dir.path()), sum);
        } catch (const InputError& error) {
            return error.what();
        }
        return "";
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the sum file has a head line and one chained line per migration", "[unit][apply]") {
    Project project;
    auto text = read_text(project.sum);
    auto set = read_migrations(project.dir.path());
    CHECK(text == apply::render_sum(set));
    CHECK(apply::render_sum(set) == apply::render_sum(read_migrations(project.dir.path())));
    std::istringstream lines(text);
    std::string head, first, second, third, extra;
    std::getline(lines, head);
    std::getline(lines, first);
    std::getline(lines, second);
    std::getline(lines, third);
    CHECK(head.rfind("h1:", 0) == 0);
    CHECK(head.size() == 3 + 44);  // base64 of 32 bytes
    CHECK(first.rfind("1_a.sql h1:", 0) == 0);
    CHECK(second.rfind("2_b.sql h1:", 0) == 0);
    CHECK(third.rfind("3_c.up.sql h1:", 0) == 0);
    CHECK(third.substr(third.find(' ') + 1) == head);  // the head is the last line's hash
    CHECK_FALSE(std::getline(lines, extra));
}

TEST_CASE("an unchanged set passes the sum check", "[unit][apply]") {
    Project project;
    CHECK(project.check() == "");
}

TEST_CASE("an edited file is named by the sum check", "[unit][apply]") {
    Project project;
    project.dir.write("2_b.sql", "-- migrate:up\nCREATE TABLE b (id bigint);\n");
    auto message = project.check();
    CHECK(contains(message, "2_b.sql was edited"));
    CHECK(contains(message, "driftless hash"));
    // The edit changes that line and every later one, and the head.
    auto before = read_text(project.sum);
    auto after = apply::render_sum(read_migrations(project.dir.path()));
    CHECK(before.substr(0, before.find('\n')) != after.substr(0, after.find('\n')));
    CHECK(contains(after, before.substr(before.find("1_a.sql"),
                                        before.find("2_b.sql") - before.find("1_a.sql"))));
    CHECK_FALSE(contains(after, before.substr(before.find("3_c.up.sql"))));
}

TEST_CASE("an added file is named by the sum check", "[unit][apply]") {
    Project project;
    project.dir.write("0_first.sql", "-- migrate:up\nSELECT 1;\n");
    CHECK(contains(project.check(), "0_first.sql was added"));
    Project appended;
    appended.dir.write("4_d.sql", "-- migrate:up\nSELECT 1;\n");
    CHECK(contains(appended.check(), "4_d.sql was added"));
}

TEST_CASE("a removed file is named by the sum check", "[unit][apply]") {
    Project project;
    std::filesystem::remove(project.dir.path() / "2_b.sql");
    CHECK(contains(project.check(), "2_b.sql was removed"));
    Project last;
    std::filesystem::remove(last.dir.path() / "3_c.up.sql");
    CHECK(contains(last.check(), "3_c.up.sql was removed"));
}

TEST_CASE("a reordered set is refused by the sum check", "[unit][apply]") {
    Project project;
    // Swap the lines of 1_a.sql and 2_b.sql as a bad merge would.
    auto text = read_text(project.sum);
    std::istringstream lines(text);
    std::string head, first, second, rest;
    std::getline(lines, head);
    std::getline(lines, first);
    std::getline(lines, second);
    std::getline(lines, rest, '\0');
    project.dir.write("driftless.sum", head + "\n" + second + "\n" + first + "\n" + rest);
    CHECK(contains(project.check(), "the migration order changed at 1_a.sql"));
}

TEST_CASE("a hand-edited head or a malformed sum file is refused", "[unit][apply]") {
    Project project;
    auto text = read_text(project.sum);
    project.dir.write("driftless.sum", "h1:AAAA" + text.substr(text.find('\n')));
    CHECK(contains(project.check(), "head line"));
    project.dir.write("driftless.sum", text + "garbage\n");
    CHECK(contains(project.check(), "driftless.sum:5: malformed line"));
}

TEST_CASE("a missing sum file is an error only when migrations exist", "[unit][apply]") {
    Project project;
    std::filesystem::remove(project.sum);
    CHECK(contains(project.check(), "driftless.sum: missing"));
    testing::TempDir empty;
    CHECK_NOTHROW(check_sum(read_migrations(empty.path()), empty.path() / "driftless.sum"));
    CHECK(apply::render_sum(read_migrations(empty.path())).rfind("h1:", 0) == 0);
}
