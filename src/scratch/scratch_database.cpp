#include "scratch/scratch_database.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <mutex>
#include <random>

#include "db/conninfo.hpp"
#include "db/session.hpp"
#include "scratch/interrupt_guard.hpp"

namespace driftless::scratch {

namespace {
std::string unique_database_name(int counter) {
    std::random_device device;
    return fmt::format("driftless_scratch_{}_{}_{:06x}", ::getpid(), counter, device() & 0xFFFFFF);
}

void drop_database(const std::string& admin_conninfo, const std::string& name) noexcept {
    try {
        db::Session admin(admin_conninfo);
        // FORCE ends sessions a failed command may have left behind (PostgreSQL 13+).
        std::string force = admin.server_version() >= 130000 ? " WITH (FORCE)" : "";
        admin.execute(fmt::format("DROP DATABASE IF EXISTS \"{}\"{}", name, force));
    } catch (...) {
        // The server may already be gone (embedded server stopped first); nothing to drop.
    }
}
}  // namespace

struct ScratchDatabase::DropState {
    std::mutex mutex;  // one thread at a time drops the database: the other finds it dropped
    bool dropped = false;
};

ScratchDatabase::ScratchDatabase(std::string admin_conninfo, std::string name, std::string conninfo)
    : admin_conninfo_(std::move(admin_conninfo)),
      name_(std::move(name)),
      conninfo_(std::move(conninfo)),
      drop_state_(std::make_shared<DropState>()),
      on_interrupt_([state = drop_state_, admin = admin_conninfo_, name = name_] {
          detail::begin_interrupt_cleanup();
          std::lock_guard lock(state->mutex);
          if (!state->dropped) drop_database(admin, name);
          state->dropped = true;
      }) {}

ScratchDatabase::~ScratchDatabase() {
    drop();
}

void ScratchDatabase::drop() noexcept {
    detail::wait_if_interrupted();
    std::lock_guard lock(drop_state_->mutex);
    if (!drop_state_->dropped) drop_database(admin_conninfo_, name_);
    drop_state_->dropped = true;
}

ScratchServer::ScratchServer(ScratchOptions options) : options_(std::move(options)) {}

void ScratchServer::start() {
    if (uses_embedded_server() && !embedded_) {
        embedded_ = std::make_unique<EmbeddedServer>(options_.embedded);
    }
}

void ScratchServer::execute_admin(const std::string& sql) {
    db::Session session(admin_conninfo());
    session.execute(sql);
}

std::string ScratchServer::admin_conninfo() {
    if (!uses_embedded_server()) return options_.dev_url;
    start();
    return embedded_->conninfo("postgres");
}

std::unique_ptr<ScratchDatabase> ScratchServer::create_database(const std::string& template_name) {
    std::string admin = admin_conninfo();
    std::string name = unique_database_name(++created_);
    db::Session session(admin);
    // template0: a dev server's template1 may hold objects that are not the user's schema.
    if (template_name.empty())
        session.execute(
            fmt::format("CREATE DATABASE \"{}\" TEMPLATE template0 ENCODING 'UTF8'", name));
    else
        session.execute(fmt::format("CREATE DATABASE \"{}\" TEMPLATE \"{}\"", name, template_name));
    return std::make_unique<ScratchDatabase>(admin, name, db::with_database(admin, name));
}

}  // namespace driftless::scratch
