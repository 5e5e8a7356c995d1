// Expansion (docs/rules.md "Expansion"): writes the profile the service would store, in one pass over
// the raw text of a body that checked valid, into one growing buffer. Scalars are copied byte for
// byte as sent; objects and arrays are re-emitted in the stored key order with the defaults of
// schemas/expansion.json filled in.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace sdsprofile::detail {

class expander {
 public:
  expander();
  /// `text`: one JSON object that checked valid (no BOM). `id`: JSON-ready GUID text (no
  /// quotes), or empty to keep the input's id (resource mode). `resource`: the input is a stored
  /// profile (its state is kept). Appends to `out` (cleared first).
  void run(std::string_view text, std::string_view id, bool pretty, bool resource, std::string& out);
  /// Releases the scratch buffers an outsized document grew (retained.hpp); whether any was.
  bool release_outsized() noexcept;

 private:
  struct member {
    std::string_view key;   // unescaped name (views into text, or into keys_ when escaped)
    std::size_t value = 0;  // offset of the value's first byte
  };

  // Reading (the text is valid JSON: no error handling needed beyond bounds).
  std::size_t ws(std::size_t p) const noexcept;
  std::size_t skip_string(std::size_t p) const noexcept;
  std::size_t skip_value(std::size_t p) const noexcept;
  void index_containers();                 // fills containers_
  std::size_t collect(std::size_t brace);  // pushes the members onto members_; returns base index
  const member* find(std::size_t base, std::string_view key) const noexcept;
  bool is_null(std::size_t p) const noexcept { return p < t_.size() && t_[p] == 'n'; }
  std::string_view string_content(std::size_t p);  // unescaped content of the string at p

  // Writing.
  void item_prefix();
  void key(std::string_view name);
  void open(char c);
  void close(char c);
  void raw(std::string_view text);
  void string_literal(std::string_view s);  // the literal alone (keys)
  void string_value(std::string_view s);    // a string value in the current container

  // Structure.
  void profile(std::size_t p, std::string_view id, bool resource);
  void object(std::size_t p, int type);
  void value(std::size_t p, const property_def* prop);
  void customizations(std::size_t p);
  void customization(std::size_t p, int entity);
  void odata_type(std::size_t p);

  const model& m_;
  int customizations_type_ = -1, licence_type_ = -1;
  std::string_view t_;
  std::string* out_ = nullptr;
  bool pretty_ = true;
  std::vector<member> members_;
  // Each container's [open, past-close) offsets, by open offset: one scan of the text, so that
  // skipping a value is a binary search instead of a rescan of everything below it.
  std::vector<std::pair<std::size_t, std::size_t>> containers_;
  std::vector<std::size_t> open_containers_;
  std::vector<char> has_items_;  // per open container: something was written in it
  bool after_key_ = false;
  std::deque<std::string> keys_;  // unescaped names that had escapes (stable addresses)
};

}  // namespace sdsprofile::detail
