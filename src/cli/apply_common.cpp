#include "cli/apply_common.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "apply/sum_file.hpp"
#include "db/conninfo.hpp"
#include "util/error.hpp"

namespace driftless::cli {

void add_target_options(CLI::App* command, TargetOptions& target) {
    auto* url = command->add_option("--url", target.url, "Database URL or connection string");
    command->add_option("--env", target.env, "Environment from driftless.yaml")->excludes(url);
}

apply::MigrationSet checked_migrations(const Config& config) {
    apply::MigrationSet set = apply::read_migrations(config.migrations);
    apply::check_sum(set, config.migrations / "driftless.sum");
    return set;
}

void confirm_or_refuse(const Target& target, bool yes, std::size_t count) {
    if (!target.confirm || yes || count == 0) return;
    if (::isatty(0) != 1) {
        throw InputError(fmt::format("environment `{}` asks for confirmation: run with --yes",
                                     target.environment));
    }
    fmt::print("change {} migration(s) on {} ({})? [y/N] ", count, target.environment,
               db::redact(target.url));
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes")
        throw InputError("not confirmed: nothing applied");
}

}  // namespace driftless::cli
