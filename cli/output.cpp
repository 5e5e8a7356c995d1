#include "output.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render.hpp"

namespace sdsprofile::cli {
namespace {

std::array<bool, 3> g_closed{};

// Buffered output goes out in writes of about this size.
constexpr std::size_t k_buffer_bytes = std::size_t{64} << 10;

}  // namespace

void guard_standard_descriptors() noexcept {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    g_closed[static_cast<std::size_t>(fd)] = true;
    // The lowest free descriptor is `fd` itself, since the lower ones are open by now.
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0 && null != fd) {
      ::dup2(null, fd);
      ::close(null);
    }
  }
}

bool standard_descriptor_closed(int fd) noexcept {
  return fd >= 0 && fd <= 2 && g_closed[static_cast<std::size_t>(fd)];
}

int write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {  // a non-blocking descriptor we inherited
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    return errno;
  }
  return 0;
}

sink::sink(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}

void sink::write(std::string_view bytes) {
  if (failed() || bytes.empty()) return;
  if (buffer_.size() + bytes.size() <= k_buffer_bytes) {
    buffer_.append(bytes);
    return;
  }
  flush();
  if (bytes.size() < k_buffer_bytes)
    buffer_.append(bytes);
  else
    write_through(bytes);
}

void sink::write_through(std::string_view bytes) {
  if (failed()) return;
  if (const int e = write_all(fd_, bytes); e != 0) fail(e);
}

bool sink::flush() {
  if (!buffer_.empty()) {
    write_through(buffer_);
    buffer_.clear();
  }
  return !failed();
}

void sink::fail(int error) noexcept {
  if (error_ == 0) error_ = error;
}

std::string sink::message() const { return fmt::format("cannot write {}: {}", name_, std::strerror(error_)); }

sink& standard_output() {
  static sink out(STDOUT_FILENO, "standard output");
  static const bool closed = [] {
    if (standard_descriptor_closed(STDOUT_FILENO)) out.fail(EBADF);
    return true;
  }();
  (void)closed;
  return out;
}

namespace {

// --- expand -o -----------------------------------------------------------------------------------

// The temporary file of an atomic replace while it exists, for the signal handler (a lock-free
// atomic pointer can be read in a handler).
std::atomic<const char*> g_temporary{nullptr};
static_assert(std::atomic<const char*>::is_always_lock_free);

constexpr std::array<int, 3> k_cleanup_signals = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temporary_and_reraise(int signal_number) {
  // Only async-signal-safe calls: unlink, signal, raise.
  if (const char* path = g_temporary.load()) ::unlink(path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);  // delivered with the default action once the handler returns
}

// While it lives, SIGINT, SIGTERM and SIGHUP remove the temporary file (when one is registered)
// before the process ends as the signal says. Signals that were ignored stay ignored.
class cleanup_on_signals {
 public:
  cleanup_on_signals() {
    struct sigaction action {};
    action.sa_handler = remove_temporary_and_reraise;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < k_cleanup_signals.size(); ++i) {
      ::sigaction(k_cleanup_signals[i], nullptr, &old_[i]);
      if (old_[i].sa_handler != SIG_IGN) ::sigaction(k_cleanup_signals[i], &action, nullptr);
    }
  }
  cleanup_on_signals(const cleanup_on_signals&) = delete;
  cleanup_on_signals& operator=(const cleanup_on_signals&) = delete;
  ~cleanup_on_signals() {
    for (std::size_t i = 0; i < k_cleanup_signals.size(); ++i) ::sigaction(k_cleanup_signals[i], &old_[i], nullptr);
  }

 private:
  std::array<struct sigaction, k_cleanup_signals.size()> old_{};
};

// Blocks the cleanup signals while it lives, so that registering or renaming the temporary file
// and setting g_temporary happen together.
class signals_blocked {
 public:
  signals_blocked() {
    sigset_t set;
    sigemptyset(&set);
    for (const int s : k_cleanup_signals) sigaddset(&set, s);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  signals_blocked(const signals_blocked&) = delete;
  signals_blocked& operator=(const signals_blocked&) = delete;
  ~signals_blocked() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_{};
};

std::string cannot(std::string_view what, std::string_view name, int error) {
  return fmt::format("cannot {} '{}': {}", what, text_escaped(name), std::strerror(error));
}

// Where `expand -o NAME` writes.
struct output_target {
  enum class kind { descriptor, in_place, replace } how = kind::replace;
  int fd = -1;            // descriptor: one of the tool's own descriptors
  bool append = false;    // in_place: open for appending (another process's descriptor)
  std::string path;       // in_place, replace: the file itself, every link followed
  std::string directory;  // replace: its directory, resolved
};

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The descriptor directory of a process, /proc/PID/fd or /proc/PID/task/TID/fd: the PID, or 0.
long descriptor_directory_owner(std::string_view dir) {
  if (!dir.starts_with("/proc/") || !dir.ends_with("/fd")) return 0;
  std::string_view middle = dir.substr(6, dir.size() - 9);  // PID or PID/task/TID
  const std::size_t slash = middle.find('/');
  const std::string_view pid = middle.substr(0, slash);
  if (!all_digits(pid)) return 0;
  if (slash != std::string_view::npos) {
    const std::string_view rest = middle.substr(slash);
    if (!rest.starts_with("/task/") || !all_digits(rest.substr(6))) return 0;
  }
  return std::strtol(std::string(pid).c_str(), nullptr, 10);
}

// The name that the symbolic link `link` in `directory` points at, in `path`; 0 or an errno.
int follow_link(const std::string& link, const std::string& directory, std::string& path) {
  std::string target(static_cast<std::size_t>(PATH_MAX), '\0');
  const ssize_t n = ::readlink(link.c_str(), target.data(), target.size());
  if (n < 0) return errno;
  if (static_cast<std::size_t>(n) >= target.size()) return ENAMETOOLONG;
  target.resize(static_cast<std::size_t>(n));
  if (target.starts_with('/')) {
    path = std::move(target);
  } else {
    path = directory;
    path.append("/").append(target);
  }
  return 0;
}

// Follows `name` through symbolic links (at most 40, as the kernel does) to what `expand -o` writes.
bool resolve_output(const std::string& name, output_target& target, std::string& error) {
  std::string path = name;
  for (int hops = 0; hops <= 40; ++hops) {
    const std::size_t slash = path.rfind('/');
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    if (base.empty() || base == "." || base == "..") {
      error = cannot("write", name, EISDIR);
      return false;
    }
    const std::unique_ptr<char, decltype(&std::free)> real(::realpath(dir.c_str(), nullptr), &std::free);
    if (!real) {
      error = cannot("write", name, errno);
      return false;
    }
    const std::string resolved_dir = real.get();
    const long owner = descriptor_directory_owner(resolved_dir);
    if (owner != 0 && owner == static_cast<long>(::getpid()) && all_digits(base)) {
      target.how = output_target::kind::descriptor;
      target.fd = std::atoi(base.c_str());
      return true;
    }
    const std::string full = (resolved_dir == "/" ? "" : resolved_dir) + "/" + base;
    struct stat status {};
    if (::lstat(full.c_str(), &status) != 0) {
      if (errno != ENOENT) {
        error = cannot("write", name, errno);
        return false;
      }
      target.how = output_target::kind::replace;  // a new file
    } else if (S_ISLNK(status.st_mode) && owner == 0) {
      if (const int e = follow_link(full, resolved_dir, path); e != 0) {
        error = cannot("write", name, e);
        return false;
      }
      continue;
    } else if (S_ISDIR(status.st_mode)) {
      error = cannot("write", name, EISDIR);
      return false;
    } else if (S_ISREG(status.st_mode)) {
      target.how = output_target::kind::replace;
    } else {
      // A device, a FIFO, a socket, or a descriptor of another process (its magic link, opened as
      // such, appended to).
      target.how = output_target::kind::in_place;
      target.append = owner != 0;
    }
    target.path = full;
    target.directory = resolved_dir;
    return true;
  }
  error = cannot("write", name, ELOOP);
  return false;
}

bool write_to_descriptor(int fd, const std::string& name, std::string_view content, std::string& error) {
  if (fd == STDOUT_FILENO) {
    sink& out = standard_output();
    out.write(content);
    if (out.flush()) return true;
    error = out.message();
    return false;
  }
  int e = standard_descriptor_closed(fd) || ::fcntl(fd, F_GETFD) == -1 ? EBADF : 0;
  if (e == 0) e = write_all(fd, content);
  if (e != 0) error = cannot("write", name, e);
  return e == 0;
}

bool write_in_place(const output_target& target, const std::string& name, std::string_view content,
                    std::string& error) {
  const int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (target.append ? O_APPEND : 0));
  if (fd < 0) {
    error = cannot("write", name, errno);
    return false;
  }
  int e = write_all(fd, content);
  if (::close(fd) != 0 && e == 0 && errno != EINTR) e = errno;
  if (e != 0) error = cannot("write", name, e);
  return e == 0;
}

// The replace of output_target::kind::replace: a temporary file with a short name in the same
// directory (so that names of up to 255 bytes work), renamed over the target.
bool replace_atomically(const output_target& target, const std::string& name, std::string_view content,
                        std::string& error) {
  const cleanup_on_signals cleanup;
  std::string temporary = target.directory + (target.directory == "/" ? "" : "/") + ".sdsprofile-XXXXXX";
  int fd = -1;
  {
    const signals_blocked blocked;
    fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd >= 0) g_temporary.store(temporary.c_str());
  }
  if (fd < 0) {
    error = cannot("create a temporary file in", target.directory, errno);
    return false;
  }
  const auto give_up = [&](std::string_view what, int e) {
    if (fd >= 0) ::close(fd);
    const signals_blocked blocked;
    ::unlink(temporary.c_str());
    g_temporary.store(nullptr);
    error = cannot(what, name, e);
    return false;
  };
  if (const int e = write_all(fd, content); e != 0) return give_up("write", e);
  // mkostemp creates 0600: give the file the mode the old one had, or what a new file would get.
  struct stat old_status {};
  mode_t mode_bits;
  if (::stat(target.path.c_str(), &old_status) == 0) {
    mode_bits = old_status.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode_bits = 0666 & ~mask;
  }
  if (::fchmod(fd, mode_bits) != 0) return give_up("set the mode of", errno);
  if (::fsync(fd) != 0) return give_up("write", errno);
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return give_up("write", errno);
  const signals_blocked blocked;
  if (::rename(temporary.c_str(), target.path.c_str()) != 0) {
    const int e = errno;
    ::unlink(temporary.c_str());
    g_temporary.store(nullptr);
    error = cannot("replace", name, e);
    return false;
  }
  g_temporary.store(nullptr);
  return true;
}

}  // namespace

bool write_output_file(const std::string& name, std::string_view content, std::string& error) {
  output_target target;
  if (!resolve_output(name, target, error)) return false;
  switch (target.how) {
    case output_target::kind::descriptor:
      return write_to_descriptor(target.fd, name, content, error);
    case output_target::kind::in_place:
      return write_in_place(target, name, content, error);
    case output_target::kind::replace:
      break;
  }
  return replace_atomically(target, name, content, error);
}

}  // namespace sdsprofile::cli
