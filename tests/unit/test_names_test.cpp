// ctest runs each Catch test by passing its name as a filter (catch_discover_tests): a name
// with ';' is split into pieces that match nothing and "pass" without running, and a name
// starting with '-' is taken for an option. This keeps such names out of the suite.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

TEST_CASE("no test name can be mangled by ctest", "[unit]") {
    namespace fs = std::filesystem;
    static const std::regex test_case(R"re(TEST_CASE\(\s*"((?:[^"\\]|\\.)*)")re");
    std::vector<std::string> bad;
    std::size_t seen = 0;
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(DRIFTLESS_SOURCE_DIR) / "tests")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), test_case), end; it != end;
             ++it) {
            std::string name = (*it)[1].str();
            ++seen;
            if (name.find(';') != std::string::npos || name.starts_with("-")) {
                bad.push_back(entry.path().filename().string() + ": " + name);
            }
        }
    }
    CHECK(seen > 100);  // the scan found the suite
    INFO(Catch::Detail::stringify(bad));
    CHECK(bad.empty());
}
