// Where the CLI writes its results: standard output, or a file named with `expand -o`. Every write
// is checked, so that a full disk or a closed pipe cannot pass as success (docs/cli.md "Exit
// status").
#pragma once

#include <string>
#include <string_view>

namespace sdsprofile::cli {

/// Occupies those of the file descriptors 0, 1 and 2 that are closed (with /dev/null), so that a
/// file the tool opens later cannot take their place: output meant for a closed standard output
/// would otherwise go into it. Remembers which were closed (standard_descriptor_closed). Call it
/// first thing in main, before anything opens a file.
void guard_standard_descriptors() noexcept;

/// Whether descriptor `fd` (0, 1 or 2) was closed when guard_standard_descriptors ran.
bool standard_descriptor_closed(int fd) noexcept;

/// A buffered writer on a file descriptor that keeps the first write error (an errno value) and
/// writes nothing after it. Writes go out when the buffer is full and at flush().
class sink {
 public:
  /// `fd` is not closed by the sink. `name` is what messages call it: "standard output", or a
  /// quoted file name.
  sink(int fd, std::string name);
  sink(const sink&) = delete;
  sink& operator=(const sink&) = delete;
  ~sink() = default;

  void write(std::string_view bytes);
  /// Writes out what is buffered; false when a write failed, now or before.
  bool flush();
  /// Records `error` (an errno value) as the sink's error unless it already has one.
  void fail(int error) noexcept;
  [[nodiscard]] bool failed() const noexcept { return error_ != 0; }
  [[nodiscard]] int error() const noexcept { return error_; }
  /// "cannot write NAME: REASON", for standard error.
  [[nodiscard]] std::string message() const;

 private:
  void write_through(std::string_view bytes);

  int fd_;
  std::string name_;
  std::string buffer_;
  int error_ = 0;
};

/// The sink on standard output: failed with EBADF when standard output was closed at start.
sink& standard_output();

/// Writes `bytes` to `fd` whole (retrying after EINTR, partial writes and EAGAIN); 0 or the errno
/// of the failure.
int write_all(int fd, std::string_view bytes) noexcept;

}  // namespace sdsprofile::cli

namespace sdsprofile::cli {

/// Writes `content` to the file named `name`, as `expand -o` does (docs/cli.md, `expand`).
/// Symbolic links are followed, dangling ones included, to the file they name. A regular file, or
/// a new one, is replaced atomically: a temporary file in the same directory, flushed to disk, given
/// the old file's mode bits (or 0666 less the umask), then renamed over it; the temporary file is
/// removed on every failure and on SIGINT, SIGTERM and SIGHUP. A name for one of the tool's own
/// descriptors (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N) writes to that descriptor,
/// where it stands (a file opened for appending is appended to); any other existing file that is
/// not regular (a device, a FIFO) is opened and written in place. False with `error` set (a message
/// for standard error, names escaped) when something fails.
bool write_output_file(const std::string& name, std::string_view content, std::string& error);

}  // namespace sdsprofile::cli
