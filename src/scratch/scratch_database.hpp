#pragma once
// Scratch databases: created for one command or one test, dropped afterwards, also on
// failure and on SIGINT/SIGTERM. They live on a dev_url server when one is configured,
// otherwise on the embedded server, which starts on first use.
#include <memory>
#include <optional>
#include <string>

#include "scratch/embedded_server.hpp"
#include "util/interrupt.hpp"

namespace driftless::scratch {

class ScratchDatabase {
  public:
    ScratchDatabase(std::string admin_conninfo, std::string name, std::string conninfo);
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;
    ~ScratchDatabase();

    const std::string& name() const { return name_; }
    const std::string& conninfo() const { return conninfo_; }
    // Drops the database now; idempotent.
    void drop() noexcept;

  private:
    std::string admin_conninfo_;
    std::string name_;
    std::string conninfo_;
    // Whether the database is dropped, shared with the interrupt cleanup: that runs on the
    // signal thread, possibly while (or after) this object is destroyed, so it must not use `this`.
    struct DropState;
    std::shared_ptr<DropState> drop_state_;
    CleanupRegistration on_interrupt_;
};

struct ScratchOptions {
    std::string dev_url;  // empty: the embedded server
    EmbeddedServerOptions embedded;
};

class ScratchServer {
  public:
    explicit ScratchServer(ScratchOptions options = {});

    // A new database named driftless_scratch_<unique>: empty, or a copy of template_name.
    std::unique_ptr<ScratchDatabase> create_database(const std::string& template_name = {});
    // Runs a statement on the server's maintenance database (CREATE/DROP/ALTER DATABASE).
    void execute_admin(const std::string& sql);
    // Starts the embedded server now if it will be used (for timing and early errors).
    void start();
    bool uses_embedded_server() const { return options_.dev_url.empty(); }
    const EmbeddedServer* embedded() const { return embedded_.get(); }
    EmbeddedServer* embedded() { return embedded_.get(); }

  private:
    std::string admin_conninfo();

    ScratchOptions options_;
    std::unique_ptr<EmbeddedServer> embedded_;
    int created_ = 0;
};

}  // namespace driftless::scratch
