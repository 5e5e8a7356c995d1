// The bytes of an expansion as they are written: a buffer filled through a cursor. It grows by
// doubling and never shrinks on its own, and its memory is never zero-filled again, so writing a
// document of a size met before costs only the copies (std::string's append checks and resizes on
// every call, and its resize zero-fills).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace sdsprofile::engine {

class json_output {
 public:
  /// Empties the text, keeping the buffer.
  void clear() noexcept { at_ = begin_.get(); }
  /// What was written since clear().
  [[nodiscard]] std::string_view text() const noexcept {
    return {begin_.get(), static_cast<std::size_t>(at_ - begin_.get())};
  }

  void put(char c) {
    if (at_ == end_) grow(1);
    *at_++ = c;
  }
  void put(std::string_view s) {
    if (static_cast<std::size_t>(end_ - at_) < s.size()) grow(s.size());
    copy(at_, s.data(), s.size());
    at_ += s.size();
  }
  /// `s` between double quotes (`s` needs no escaping).
  void put_quoted(std::string_view s) {
    if (static_cast<std::size_t>(end_ - at_) < s.size() + 2) grow(s.size() + 2);
    *at_ = '"';
    copy(at_ + 1, s.data(), s.size());
    at_[s.size() + 1] = '"';
    at_ += s.size() + 2;
  }
  /// An optional comma, a line break and the indentation of `depth` open containers (four spaces
  /// each), written sixteen spaces at a time.
  void line(bool comma, std::size_t depth) {
    const std::size_t n = (comma ? 2 : 1) + 4 * depth;
    if (static_cast<std::size_t>(end_ - at_) < n + 16) grow(n + 16);
    *at_ = ',';
    at_ += comma ? 1 : 0;
    *at_++ = '\n';
    static constexpr char sixteen_spaces[16] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
                                                ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    for (std::size_t i = 0; i < 4 * depth; i += 16) std::memcpy(at_ + i, sixteen_spaces, 16);
    at_ += 4 * depth;
  }

  /// Frees a buffer grown past `limit` bytes (the text is then empty); true when it did.
  bool release_if_over(std::size_t limit) noexcept {
    if (static_cast<std::size_t>(end_ - begin_.get()) <= limit) return false;
    begin_.reset();
    at_ = end_ = nullptr;
    return true;
  }

 private:
  // Room for `n` more bytes. Throws std::bad_alloc (the checker reports it as json-too-large).
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

  // memcpy without its call for the short pieces expansion writes (keys, values, separators):
  // overlapping loads and stores, every one inside [from, from + n) and [to, to + n).
  static void copy(char* to, const char* from, std::size_t n) noexcept {
    if (n >= 8 && n <= 16) {
      std::uint64_t head, tail;
      std::memcpy(&head, from, 8);
      std::memcpy(&tail, from + n - 8, 8);
      std::memcpy(to, &head, 8);
      std::memcpy(to + n - 8, &tail, 8);
    } else if (n >= 4 && n < 8) {
      std::uint32_t head, tail;
      std::memcpy(&head, from, 4);
      std::memcpy(&tail, from + n - 4, 4);
      std::memcpy(to, &head, 4);
      std::memcpy(to + n - 4, &tail, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    } else {
      std::memcpy(to, from, n);
    }
  }

  std::unique_ptr<char[]> begin_;
  char* at_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace sdsprofile::engine
