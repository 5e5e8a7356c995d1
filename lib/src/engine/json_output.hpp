// The bytes of an expansion as they are written: a buffer filled through a cursor. The writer asks
// once for room for everything one step writes (room), then puts the pieces without a check each. The buffer grows by
// doubling and never shrinks on its own, and its memory is never zero-filled again, so writing a document of a size met
// before costs only the copies (std::string's append checks and resizes on every call, and its resize zero-fills).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdsprofile::engine {

class json_output {
 public:
  /// Empties the text, keeping the buffer.
  void clear() noexcept { at_ = begin_.get(); }
  /// What was written since clear().
  [[nodiscard]] std::string_view text() const noexcept {
    return {begin_.get(), static_cast<std::size_t>(at_ - begin_.get())};
  }

  /// Room for `n` more bytes at the cursor `at` (the end of the text, not yet committed), which
  /// moves if the buffer grows: the puts below may then write that many from the cursor returned
  /// (and scribble up to k_slack bytes past them, which the next piece overwrites). A step writes
  /// through a local cursor and commits it once: stores through a char pointer may alias
  /// anything, so a cursor kept in the object would be reloaded after every byte. Throws
  /// std::bad_alloc (the checker reports it as json-too-large).
  [[nodiscard]] char* room(char* at, std::size_t n) {
    if (static_cast<std::size_t>(end_ - at) < n + k_slack) {
      at_ = at;
      grow(n + k_slack);
      return at_;
    }
    return at;
  }
  /// The cursor: where the text ends.
  [[nodiscard]] char* cursor() const noexcept { return at_; }
  /// Room for `n` more bytes at the end of the text: the cursor to write them from.
  [[nodiscard]] char* room(std::size_t n) { return room(at_, n); }
  /// The text now ends at `at` (a cursor returned by room, moved by puts).
  void commit(char* at) noexcept { at_ = at; }

  // The puts: each writes at a cursor, within the room reserved, and returns the cursor past it.
  static char* put(char* at, char c) noexcept {
    *at = c;
    return at + 1;
  }
  static char* put(char* at, std::string_view s) noexcept {
    copy(at, s.data(), s.size());
    return at + s.size();
  }
  /// `s` between double quotes (`s` needs no escaping).
  static char* put_quoted(char* at, std::string_view s) noexcept {
    *at = '"';
    copy(at + 1, s.data(), s.size());
    at[s.size() + 1] = '"';
    return at + s.size() + 2;
  }
  /// An optional comma, a line break and `indent` spaces, copied from a pre-rendered line.
  [[gnu::always_inline]] static char* put_line(char* at, bool comma, std::size_t indent) noexcept {
    const std::size_t skip = comma ? 0 : 1;
    const std::size_t n = 2 - skip + indent;
    if (n <= k_slack) {  // seven levels or fewer: a fixed-size copy, the rest overwritten later
      copy_slack(at, k_rendered_line.data() + skip);
      return at + n;
    }
    return put_long_line(at, skip, indent);
  }

  /// Frees a buffer grown past `limit` bytes (the text is then empty); true when it did.
  bool release_if_over(std::size_t limit) noexcept {
    if (static_cast<std::size_t>(end_ - begin_.get()) <= limit) return false;
    begin_.reset();
    at_ = end_ = nullptr;
    return true;
  }

 private:
  static constexpr std::size_t k_slack = 32;
  static constexpr std::size_t k_rendered_indent = 248;
  // ",\n" and k_rendered_indent spaces.
  static constexpr auto k_rendered_line = [] {
    std::array<char, 2 + k_rendered_indent> line{};
    line[0] = ',';
    line[1] = '\n';
    for (std::size_t i = 2; i < line.size(); ++i) line[i] = ' ';
    return line;
  }();

  // k_slack bytes, as two 16-byte moves where SSE2 has them (memcpy made four 8-byte ones).
  [[gnu::always_inline]] static void copy_slack(char* to, const char* from) noexcept {
#if defined(__SSE2__)
    const __m128i head = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to), head);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + 16), tail);
#else
    std::memcpy(to, from, k_slack);
#endif
  }
  static_assert(k_slack == 32);

  // put_line past seven levels.
  [[gnu::noinline]] static char* put_long_line(char* at, std::size_t skip, std::size_t indent) noexcept {
    const std::size_t n = 2 - skip + indent;
    if (indent <= k_rendered_indent) {
      copy(at, k_rendered_line.data() + skip, n);
      return at + n;
    }
    if (skip == 0) *at++ = ',';
    *at++ = '\n';
    std::memset(at, ' ', indent);
    return at + indent;
  }

  void grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(at_ - begin_.get());
    const std::size_t capacity = static_cast<std::size_t>(end_ - begin_.get());
    std::size_t wanted = capacity < 4096 ? 4096 : 2 * capacity;
    while (wanted - used < n) wanted *= 2;
    std::unique_ptr<char[]> bigger(new char[wanted]);
    if (used != 0) std::memcpy(bigger.get(), begin_.get(), used);
    begin_ = std::move(bigger);
    at_ = begin_.get() + used;
    end_ = begin_.get() + wanted;
  }

  // memcpy without its call for the short pieces expansion writes (keys, values, indentation):
  // overlapping loads and stores, every one inside [from, from + n) and [to, to + n).
  static void copy(char* to, const char* from, std::size_t n) noexcept {
    if (n <= 16) {
      if (n >= 8) {
        copy_overlapping<8>(to, from, n);
      } else if (n >= 4) {
        copy_overlapping<4>(to, from, n);
      } else if (n != 0) {
        to[0] = from[0];
        to[n / 2] = from[n / 2];
        to[n - 1] = from[n - 1];
      }
    } else if (n <= 32) {
      copy_overlapping<16>(to, from, n);
    } else if (n <= 64) {
      copy_overlapping<16>(to, from, 32);
      copy_overlapping<16>(to + n - 32, from + n - 32, 32);
    } else {
      std::memcpy(to, from, n);
    }
  }
  // The first and the last `W` bytes of `n` (W <= n <= 2W).
  template <std::size_t W>
  static void copy_overlapping(char* to, const char* from, std::size_t n) noexcept {
    char head[W], tail[W];
    std::memcpy(head, from, W);
    std::memcpy(tail, from + n - W, W);
    std::memcpy(to, head, W);
    std::memcpy(to + n - W, tail, W);
  }

  std::unique_ptr<char[]> begin_;
  char* at_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace sdsprofile::engine
