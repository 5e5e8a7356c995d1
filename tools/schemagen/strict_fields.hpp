// Strict reading of the schema files (schemas/*.json) for the build-time generators: every key of an
// object must be read or be informational, every entry names its source, and a failure names the
// file and the place. Shared by schemagen (schema_data.cpp) and csvgen (csv_data.cpp).
#pragma once

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdint>
#include <exception>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "schema_data.hpp"

namespace schemagen {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

/// Throws a schema_error "WHERE: WHAT".
[[noreturn]] inline void fail(const std::string& where, const std::string& what) {
  throw schema_error(fmt::format("{}: {}", where, what));
}

/// One JSON object of a schema file, read strictly: every key must be read or be one of the
/// informational keys ($comment, and the provenance keys: "source" and "...Source"), so that a
/// misspelt key is an error rather than a rule silently not applied.
class fields {
 public:
  fields(element e, std::string where) : where_(std::move(where)) {
    if (e.get_object().get(object_)) fail(where_, "expected an object");
  }
  fields(const fields&) = delete;
  fields& operator=(const fields&) = delete;
  ~fields() noexcept(false) {
    if (std::uncaught_exceptions() != 0) return;
    for (auto field : object_) {
      const std::string key(field.key);
      const bool informational = key == "$comment" || key == "source" || key == "sources" ||
                                 (key.size() > 6 && key.compare(key.size() - 6, 6, "Source") == 0);
      if (!informational && !read_.count(key)) fail(where_, fmt::format("unknown key '{}'", key));
    }
  }

  [[nodiscard]] const std::string& where() const noexcept { return where_; }
  [[nodiscard]] bool has(const char* key) {
    element e;
    return !object_[key].get(e);
  }
  element required(const char* key) {
    read_.insert(key);
    element e;
    if (object_[key].get(e)) fail(where_, fmt::format("'{}' is missing", key));
    return e;
  }
  std::string text(const char* key) { return as_text(required(key), key); }
  std::string text_or(const char* key, const std::string& fallback) {
    read_.insert(key);
    return has(key) ? as_text(required(key), key) : fallback;
  }
  bool flag_or(const char* key, bool fallback) {
    read_.insert(key);
    if (!has(key)) return fallback;
    bool b;
    if (required(key).get_bool().get(b)) fail(where_, fmt::format("'{}': expected true or false", key));
    return b;
  }
  std::vector<std::string> texts_or_empty(const char* key) {
    read_.insert(key);
    std::vector<std::string> out;
    if (!has(key)) return out;
    array a;
    if (required(key).get_array().get(a)) fail(where_, fmt::format("'{}': expected an array", key));
    for (element item : a) out.push_back(as_text(item, key));
    return out;
  }
  /// The non-negative integer at `key` (required).
  std::uint64_t integer(const char* key) {
    std::uint64_t n;
    if (required(key).get_uint64().get(n)) fail(where_, fmt::format("'{}': expected a non-negative integer", key));
    return n;
  }
  array list(const char* key) {
    array a;
    if (required(key).get_array().get(a)) fail(where_, fmt::format("'{}': expected an array", key));
    return a;
  }
  /// Marks `key` read without reading it (a value another file's reader consumes).
  void skip(const char* key) { read_.insert(key); }

 private:
  std::string as_text(element e, const char* key) const {
    std::string_view v;
    if (e.get_string().get(v)) fail(where_, fmt::format("'{}': expected a string", key));
    return std::string(v);
  }

  object object_;
  std::string where_;
  std::set<std::string> read_;
};

/// Every entry must name its provenance: "source" (or a "...Source" key for one of its lists).
inline void require_source(fields& f) {
  if (f.text_or("source", "").empty()) fail(f.where(), "'source' is missing or empty");
}

/// `value` when it is one of `allowed`; a schema_error naming `key` otherwise.
inline std::string choice(fields& f, const char* key, const std::string& value,
                          std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (value == a) return value;
  fail(f.where(), fmt::format("'{}': unknown value '{}'", key, value));
}

}  // namespace schemagen
