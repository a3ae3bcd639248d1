#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "util/error.hpp"

namespace driftless {

FileLock::FileLock(const std::filesystem::path& path, Mode mode) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw FailureError(
            fmt::format("cannot open lock file {}: {}", path.string(), std::strerror(errno)));
    }
    int flags = LOCK_EX | (mode == Mode::try_once ? LOCK_NB : 0);
    int rc = 0;
    while ((rc = ::flock(fd, flags)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        int saved = errno;
        ::close(fd);
        if (mode == Mode::try_once && saved == EWOULDBLOCK) return;
        throw FailureError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(saved)));
    }
    fd_ = fd;
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace driftless
