#include "util/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "util/error.hpp"

extern char** environ;

namespace driftless {

namespace {

class FileDescriptor {
  public:
    explicit FileDescriptor(int fd = -1) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

  private:
    int fd_;
};

// Children start with default signal handling and nothing blocked, whatever the parent's
// signal thread has blocked for itself.
class SpawnAttributes {
  public:
    SpawnAttributes() {
        posix_spawnattr_init(&attr_);
        sigset_t empty;
        sigemptyset(&empty);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT}) sigaddset(&defaults, sig);
        posix_spawnattr_setsigmask(&attr_, &empty);
        posix_spawnattr_setsigdefault(&attr_, &defaults);
        posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttributes() { posix_spawnattr_destroy(&attr_); }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
    const posix_spawnattr_t* get() const { return &attr_; }

  private:
    posix_spawnattr_t attr_;
};

class FileActions {
  public:
    FileActions() { posix_spawn_file_actions_init(&actions_); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    posix_spawn_file_actions_t* get() { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_;
};

}  // namespace

std::string describe_command(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& arg : argv) {
        if (!text.empty()) text += ' ';
        bool plain = !arg.empty() && arg.find_first_of(" \t'\"\\$`") == std::string::npos;
        text += plain ? arg : "'" + arg + "'";
    }
    return text;
}

ProcessResult run_process(const std::vector<std::string>& argv) {
    if (argv.empty()) throw FailureError("internal error: empty command line");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw FailureError(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    }
    FileDescriptor read_end(fds[0]);
    FileDescriptor write_end(fds[1]);

    FileActions actions;
    posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), 1);
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), 2);
    SpawnAttributes attributes;

    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], actions.get(), attributes.get(), args.data(), environ);
    if (rc != 0) {
        throw FailureError(fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)));
    }
    write_end.reset();

    ProcessResult result;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
        if (n > 0) {
            result.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = 128 + WTERMSIG(status);
    }
    return result;
}

std::string run_process_checked(const std::vector<std::string>& argv) {
    ProcessResult result = run_process(argv);
    if (result.exit_code != 0) {
        throw FailureError(fmt::format("{} failed with exit code {}:\n{}", describe_command(argv),
                                       result.exit_code, result.output));
    }
    return result.output;
}

}  // namespace driftless
