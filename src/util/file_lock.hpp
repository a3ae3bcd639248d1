#pragma once
// An flock(2) lock on a file, released when the object dies or the process does (even by
// SIGKILL), which is what makes stale-run detection reliable.
#include <filesystem>

namespace driftless {

class FileLock {
  public:
    enum class Mode { wait, try_once };
    // Opens (creating) the file and locks it exclusively. With try_once, check locked().
    FileLock(const std::filesystem::path& path, Mode mode);
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

    bool locked() const { return fd_ >= 0; }

  private:
    int fd_ = -1;
};

}  // namespace driftless
