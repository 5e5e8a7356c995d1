#include "output.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

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

}  // namespace sdsprofile::cli
