#include "scratch/embedded_server.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "db/conninfo.hpp"
#include "scratch/cache_dir.hpp"
#include "scratch/interrupt_guard.hpp"
#include "scratch/postmaster.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace driftless::scratch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Renamed when the template's settings change, so older templates are made again.
constexpr const char* ready_marker = ".driftless-template-ready-2";
constexpr std::size_t max_socket_path = 100;  // sun_path is 108 bytes, ".s.PGSQL.5432" included

double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::string random_suffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> digit(0, 35);
    std::string text;
    for (int i = 0; i < 8; ++i) {
        unsigned d = digit(device);
        text += static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
    }
    return text;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string tail(const std::string& text, std::size_t lines) {
    if (text.empty()) return text;  // substr(1) below would throw
    std::size_t pos = text.size();
    while (lines-- > 0 && pos > 0) {
        pos = text.rfind('\n', pos - 1);
        if (pos == std::string::npos) return text;
    }
    return text.substr(pos + 1);
}

void make_directory(const fs::path& path, const ServerUser& user) {
    std::error_code error;
    fs::create_directories(path, error);
    if (error) {
        throw FailureError(fmt::format("cannot create {}: {}", path.string(), error.message()));
    }
    user.take_ownership(path);
}

std::string config_quote(const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
        quoted += c;
        if (c == '\'') quoted += '\'';
    }
    return quoted + "'";
}

// Stops the server of a run (if one runs: pg_ctl may have launched it even when the start
// failed) and removes the run's directories.
void remove_run(const fs::path& run_dir, const fs::path& socket_dir) noexcept {
    stop_postmaster(run_dir / "data");
    std::error_code ignored;
    if (!socket_dir.empty() && socket_dir != run_dir) fs::remove_all(socket_dir, ignored);
    fs::remove_all(run_dir, ignored);
}

}  // namespace

struct EmbeddedServer::StopState {
    std::mutex mutex;  // one thread at a time stops the run: the other finds it stopped
    bool stopped = false;
};

EmbeddedServer::EmbeddedServer(EmbeddedServerOptions options)
    : options_(std::move(options)),
      user_(ServerUser::detect()),
      stop_state_(std::make_shared<StopState>()) {
    if (options_.root.empty()) options_.root = server_root_directory();
    options_.root = fs::absolute(options_.root);
    make_directory(options_.root, user_);
    make_directory(options_.root / "runs", user_);
    sweep_stale_runs(options_.root);
    ensure_template();
    try {
        create_run_directory();
        on_interrupt_ = CleanupRegistration(
            [state = stop_state_, run_dir = run_dir_, socket_dir = socket_dir_] {
                detail::begin_interrupt_cleanup();
                std::lock_guard lock(state->mutex);
                if (!state->stopped) remove_run(run_dir, socket_dir);
                state->stopped = true;
            });
        start_server();
    } catch (...) {
        stop();
        throw;
    }
}

EmbeddedServer::~EmbeddedServer() {
    stop();
}

void EmbeddedServer::ensure_template() {
    fs::path template_dir = options_.root / "template";
    if (fs::exists(template_dir / ready_marker)) return;
    auto started = Clock::now();
    FileLock lock(options_.root / "template.lock", FileLock::Mode::wait);
    if (fs::exists(template_dir / ready_marker)) return;  // another process made it meanwhile

    fs::path partial = options_.root / "template.partial";
    fs::remove_all(partial);
    fs::remove_all(template_dir);
    // No --no-instructions: initdb of PostgreSQL 12 and 13 lacks it (tests run those majors
    // too), and the output is captured anyway.
    run_process_checked(
        user_.command({(options_.bin_dir / "initdb").string(), "-D", partial.string(), "-U",
                       ServerUser::superuser, "--auth=trust", "-E", "UTF8", "--no-locale",
                       "--no-sync", "--wal-segsize=1"}));
    // Settings for a server that exists for one command: no durability, no TCP, little memory,
    // and little WAL (1 MB segments, few kept), since every run copies the directory.
    std::ofstream conf(partial / "postgresql.conf", std::ios::app);
    conf << "\n# driftless embedded server\n"
            "listen_addresses = ''\n"
            "fsync = off\n"
            "full_page_writes = off\n"
            "synchronous_commit = off\n"
            "max_connections = 40\n"
            "shared_buffers = 32MB\n"
            "max_wal_size = 1GB\n"
            "min_wal_size = 2MB\n"
            "logging_collector = off\n"
            "log_min_messages = warning\n";
    conf.close();
    std::ofstream(partial / ready_marker) << "initdb done\n";
    fs::rename(partial, template_dir);
    timings_.created_template = true;
    timings_.template_ms = elapsed_ms(started);
}

void EmbeddedServer::create_run_directory() {
    auto started = Clock::now();
    // The directory gets its lock under a hidden name and is renamed afterwards, so a sweep
    // by another process never sees it unlocked.
    std::string name = fmt::format("{}-{}", ::getpid(), random_suffix());
    fs::path hidden = options_.root / "runs" / ("." + name);
    make_directory(hidden, user_);
    owner_lock_.emplace(hidden / "owner.lock", FileLock::Mode::wait);
    run_dir_ = options_.root / "runs" / name;
    fs::rename(hidden, run_dir_);

    socket_dir_ = run_dir_;
    if (socket_dir_.string().size() > max_socket_path - 20) {
        // A deep cache path would not fit in a unix socket address; use a short one.
        std::string pattern = (fs::temp_directory_path() / "driftless-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw FailureError("cannot create a socket directory in /tmp");
        socket_dir_ = pattern;
        user_.take_ownership(socket_dir_);
        std::ofstream(run_dir_ / "socket_dir") << socket_dir_.string();
    }
    fs::path source = options_.base_data.empty() ? options_.root / "template" : options_.base_data;
    run_process_checked(
        user_.command({"cp", "-a", source.string(), (run_dir_ / "data").string()}));
    std::ofstream auto_conf(run_dir_ / "data" / "postgresql.auto.conf", std::ios::app);
    auto_conf << "unix_socket_directories = " << config_quote(socket_dir_.string()) << "\n";
    timings_.copy_ms = elapsed_ms(started);
}

void EmbeddedServer::start_server() {
    auto started = Clock::now();
    fs::path log = run_dir_ / "server.log";
    run_process_checked(
        user_.command({(options_.bin_dir / "pg_ctl").string(), "-D", (run_dir_ / "data").string(),
                       "-l", log.string(), "-W", "start"}));
    // pg_ctl -w polls ten times a second; polling ourselves makes warm starts quicker.
    std::string probe = conninfo("postgres");
    auto deadline = started + options_.start_timeout;
    while (PQping(probe.c_str()) != PQPING_OK) {
        if (Clock::now() > deadline) {
            throw FailureError(fmt::format(
                "the embedded PostgreSQL server did not start within {} s; "
                "its log ({}) ends with:\n{}",
                options_.start_timeout.count() / 1000, log.string(), tail(read_file(log), 15)));
        }
        // A postmaster that cannot start logs FATAL or PANIC and leaves no pid file (it removes
        // it on exit); one that is merely slow (a loaded machine) has not written it yet, and
        // gets until the deadline.
        if (!fs::exists(run_dir_ / "data" / "postmaster.pid")) {
            std::string text = read_file(log);
            if (text.find("FATAL:") != std::string::npos ||
                text.find("PANIC:") != std::string::npos) {
                throw FailureError(
                    fmt::format("the embedded PostgreSQL server failed to start; "
                                "its log ends with:\n{}",
                                tail(text, 15)));
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    timings_.start_ms = elapsed_ms(started);
}

std::string EmbeddedServer::conninfo(const std::string& dbname) const {
    return db::build_conninfo({{"host", socket_dir_.string()},
                               {"port", "5432"},
                               {"user", ServerUser::superuser},
                               {"dbname", dbname},
                               {"application_name", "driftless"}});
}

void EmbeddedServer::stop() noexcept {
    detail::wait_if_interrupted();
    if (run_dir_.empty()) return;
    {
        std::lock_guard lock(stop_state_->mutex);
        if (!stop_state_->stopped) remove_run(run_dir_, socket_dir_);
        stop_state_->stopped = true;
    }
    owner_lock_.reset();
    run_dir_.clear();
}

void EmbeddedServer::keep_data(const fs::path& destination) {
    detail::wait_if_interrupted();
    if (run_dir_.empty()) throw FailureError("keep_data: the embedded server is not running");
    std::lock_guard lock(stop_state_->mutex);
    if (stop_state_->stopped) throw FailureError("keep_data: the embedded server was stopped");
    fs::path data = run_dir_ / "data";
    // A clean shutdown: the next start from this copy needs no crash recovery.
    auto stopped = run_process(user_.command(
        {(options_.bin_dir / "pg_ctl").string(), "-D", data.string(), "-m", "fast", "-w", "stop"}));
    if (stopped.exit_code == 0) {
        // The socket directory is this run's: the next run appends its own.
        std::string settings = read_file(data / "postgresql.auto.conf");
        std::string cleaned;
        std::istringstream lines(settings);
        for (std::string line; std::getline(lines, line);)
            if (!line.starts_with("unix_socket_directories")) cleaned += line + "\n";
        std::ofstream(data / "postgresql.auto.conf", std::ios::trunc) << cleaned;
        std::error_code error;
        fs::create_directories(destination.parent_path(), error);
        fs::rename(data, destination, error);  // fails when another process kept it first
    }
    remove_run(run_dir_, socket_dir_);
    stop_state_->stopped = true;
    owner_lock_.reset();
    run_dir_.clear();
    if (stopped.exit_code != 0)
        throw FailureError("the embedded server did not stop cleanly: " + stopped.output);
}

int EmbeddedServer::sweep_stale_runs(const fs::path& root) {
    int removed = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(root / "runs", error)) {
        if (!entry.is_directory()) continue;
        fs::path dir = entry.path();
        bool hidden = dir.filename().string().starts_with(".");
        if (hidden || !fs::exists(dir / "owner.lock")) {
            // Being created right now, or a crash before the lock existed: only old ones go.
            auto age = fs::file_time_type::clock::now() - fs::last_write_time(dir, error);
            if (error || age < std::chrono::minutes(10)) continue;
        } else {
            // Another process sweeping at the same time may have removed the directory since
            // the check above: opening the lock then fails, and the entry is not ours to sweep.
            std::optional<FileLock> probe;
            try {
                probe.emplace(dir / "owner.lock", FileLock::Mode::try_once);
            } catch (const FailureError&) {
                continue;
            }
            if (!probe->locked()) continue;  // its owner is alive
        }
        stop_postmaster(dir / "data");
        std::ifstream socket_file(dir / "socket_dir");
        std::string socket_dir;
        if (std::getline(socket_file, socket_dir) && !socket_dir.empty()) {
            fs::remove_all(socket_dir, error);
        }
        fs::remove_all(dir, error);
        ++removed;
    }
    return removed;
}

}  // namespace driftless::scratch
