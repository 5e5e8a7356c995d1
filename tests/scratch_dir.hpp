// Scratch directories for tests: each one new (mkdtemp), never a directory an earlier process
// left behind (a process ID is reused between runs, and a FIFO or a file from an earlier run would
// change what a test sees), and removed when the test process exits normally.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sdsprofile::test {

namespace detail {

// The directories made so far, removed with everything in them at normal exit.
class scratch_registry {
 public:
  ~scratch_registry() {
    std::error_code ignored;
    for (const std::filesystem::path& dir : dirs_) std::filesystem::remove_all(dir, ignored);
  }
  void add(std::filesystem::path dir) {
    const std::lock_guard lock(mutex_);
    dirs_.push_back(std::move(dir));
  }

 private:
  std::mutex mutex_;
  std::vector<std::filesystem::path> dirs_;
};

inline scratch_registry& registry() {
  static scratch_registry r;
  return r;
}

}  // namespace detail

/// A new, empty directory `<temp>/<prefix>XXXXXX`, removed at normal exit. Throws
/// std::runtime_error when it cannot be made.
inline std::filesystem::path new_scratch_dir(std::string_view prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a scratch directory " + pattern);
  detail::registry().add(pattern);
  return pattern;
}

}  // namespace sdsprofile::test
