#include <fmt/format.h>

#include "cli/command.hpp"
#include "util/error.hpp"

namespace driftless::cli {

Target resolve_target(const Config& config, const std::string& url, const std::string& env,
                      const char* command) {
    if (!env.empty()) {
        auto it = config.environments.find(env);
        if (it == config.environments.end()) {
            std::string known;
            for (const auto& [name, ignored] : config.environments)
                known += (known.empty() ? "" : ", ") + name;
            throw InputError(fmt::format("unknown environment `{}` (known: {})", env,
                                         known.empty() ? "none" : known));
        }
        return {it->second.url(), it->second.confirm, env};
    }
    if (url.empty()) throw InputError(fmt::format("{} needs --url URL or --env NAME", command));
    return {url, false, {}};
}

}  // namespace driftless::cli
