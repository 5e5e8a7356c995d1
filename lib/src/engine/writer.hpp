// The expansion (docs/rules.md "Expansion"), written during the walk: the walk visits each
// object's members in the order this writer puts them in (the stored key order), and the writer
// writes keys and scalars from the tape and the model's pre-quoted constants, and the defaults
// where nothing was sent. The raw text is read only for numbers and, in a document that has
// escapes, for strings: both are written byte for byte as sent.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json_output.hpp"
#include "engine/model.hpp"
#include "engine/tape.hpp"

namespace simdjson::dom {
class parser;
}

namespace sdsprofile::engine {

class writer {
 public:
  /// A member of an object whose value the walk checks (walk.hpp's member).
  struct checked_member {
    std::uint8_t slot;
    tape_index value;
  };

  writer() noexcept;

  /// Whether objects of type `t` are written in a stored key order rather than as sent (the walk
  /// then visits their members in the order open_object puts them in).
  [[nodiscard]] static bool has_stored_order(const type_def& t) noexcept {
    return t.shape == expansion_shape::profile || t.shape == expansion_shape::customizations ||
           t.shape == expansion_shape::customization;
  }

  /// Starts an expansion (text() empty). `id`: the profile's id to write, or empty to keep
  /// the sent one (resource mode); `resource`: the sent state is kept. `text` and `parser` give
  /// the raw bytes of values that must be copied as sent.
  void reset(bool pretty, std::string_view id, bool resource, std::string_view text,
             const simdjson::dom::parser& parser);
  /// Forgets everything written since reset, to write the expansion again.
  void restart();
  /// Ends the expansion (the final newline of indented output).
  void finish();

  /// An object of type `t` begins (the value of slot `prop`, null for the root); `sent_odata_type`:
  /// it has a member named "@odata.type" exactly. Puts its checked members, `members[begin, end)`,
  /// in stored order, and writes what comes before them.
  void open_object(const type_def& t, const slot* prop, bool sent_odata_type, std::vector<checked_member>& members,
                   std::uint32_t begin);
  /// The member of slot `p` with the value at `value`, about to be checked: its key, and its value
  /// when that is a scalar (a container is written by the open and close calls that follow).
  void member(const tape& tp, const type_def& t, const slot& p, tape_index value);
  /// The object opened last ends: the defaults still due, then its closing brace.
  void close_object(const tape& tp, tape_index at, const type_def& t, const slot* prop);
  void open_array();
  /// An item of the collection `p` about to be checked (written here when it is a scalar).
  void item(const tape& tp, const slot& p, tape_index at);
  void close_array();
  /// A collection of scalars `at` (not empty), written whole: open_array, item and close_array in
  /// one call.
  void scalar_array(const tape& tp, tape_index at);
  /// `[]` for an empty collection.
  void empty_array(const slot& p);
  /// The value at `at`, a subtree the walk does not visit, written as sent.
  void raw_value(const tape& tp, tape_index at);

  /// The expansion written since reset.
  [[nodiscard]] std::string_view text() const noexcept { return out_.text(); }

  /// Releases the scratch an outsized document grew (not the expansion: the caller may hold it).
  bool release_outsized() noexcept;
  /// Releases the expansion's buffer if an outsized document grew it (before the next expansion).
  bool release_outsized_text() noexcept;

 private:
  // One open object of the output: where its defaults stand.
  struct object_state {
    const type_def* type;
    std::int8_t entity;        // customization: its entity (for the default list)
    std::uint8_t plan_next;    // the next position of the stored order not yet written
    bool customizations_sent;  // as_sent providers
  };
  // A scalar's output: its bytes, and whether they go between double quotes.
  struct scalar_text {
    std::string_view bytes;
    bool quoted;
  };

  // Each public call picks the instance of its output mode once (`Pretty`: indented). Each piece
  // below reserves the room it writes once, writes through a local cursor and commits it.
  template <bool Pretty>
  char* begin_piece(std::size_t n);
  template <bool Pretty>
  void key(const slot& p);
  template <bool Pretty>
  void key_named(std::string_view name);
  template <bool Pretty>
  void open(char c);
  template <bool Pretty>
  void close(char c);
  template <bool Pretty>
  void text(std::string_view s);
  template <bool Pretty>
  void keyed_text(const slot& p, std::string_view s);
  template <bool Pretty>
  void keyed_scalar(const slot* p, const tape& tp, tape_index at);
  [[nodiscard]] scalar_text scalar_of(const tape& tp, tape_index at);
  [[nodiscard]] std::string_view raw_text(tape_index at);

  template <bool Pretty>
  void open_object_in(const type_def& t, const slot* prop, bool sent_odata_type);
  [[gnu::noinline]] void member_any(const tape& tp, const type_def& t, const slot& p, tape_index value);
  template <bool Pretty>
  void member_in(const tape& tp, const type_def& t, const slot& p, tape_index value);
  template <bool Pretty>
  void close_object_in(const type_def& t);
  template <bool Pretty>
  void scalar_array_in(const tape& tp, tape_index at);
  template <bool Pretty>
  void raw_value_in(const tape& tp, tape_index at);

  // The stored order of each shape, and the defaults in it.
  template <bool Pretty>
  void defaults_before(std::uint8_t position);
  template <bool Pretty>
  void write_defaults(std::uint8_t start, std::uint8_t end);
  template <bool Pretty>
  void write_default(std::uint8_t position);
  template <bool Pretty>
  void default_customizations();
  template <bool Pretty>
  void default_customization(std::size_t entity);
  [[nodiscard]] bool muted() const noexcept { return mute_ > 0; }
  /// Whether a value that opens nothing to walk (a list written at once, `[]`, a raw subtree) is
  /// left out: inside a muted object, or as the value of a member not written (then that is done).
  [[nodiscard]] bool skips_value() noexcept {
    const bool skipped = muted() || mute_next_;
    mute_next_ = false;
    return skipped;
  }

  const model& m_;
  // Found in the model once.
  const type_def* customizations_type_ = nullptr;
  const type_def* customization_type_ = nullptr;
  std::uint8_t profile_state_rank_ = 255;  // the profile's "state" in its stored order
  std::uint8_t profile_id_rank_ = 255;     // the profile's "id" in its stored order
  std::uint8_t list_position_ = 255;       // a customization's list of attributes in its stored order

  // A run of defaults as written last (defaults_before), with what its text depends on: the
  // output mode, the indentation, whether it began its object, and the entity for a run that
  // holds a customization's list of attributes.
  struct default_run {
    std::string text;
    std::size_t indent = 0;
    std::int8_t entity = -1;
    bool pretty = false;
    bool first = false;
    bool written = false;
  };
  static constexpr std::size_t k_max_run_positions = 8;
  // [customization or customizations][start][end].
  std::array<std::array<std::array<default_run, k_max_run_positions + 1>, k_max_run_positions + 1>, 2> runs_;

  json_output out_;
  bool pretty_ = true;
  std::string_view id_;
  bool resource_ = false;
  std::string_view text_;
  const simdjson::dom::parser* parser_ = nullptr;
  bool text_has_escapes_ = false;
  std::vector<std::size_t> offsets_;  // tape index -> byte offset, filled on first need
  bool offsets_ready_ = false;
  std::size_t indent_ = 0;  // four spaces per open container
  bool first_ = true;       // nothing written yet in the innermost open container
  bool after_key_ = false;
  std::vector<object_state> objects_;
  std::uint32_t mute_ = 0;  // open containers of a member not written
  bool mute_next_ = false;  // the next container opened is such a member's value
};

}  // namespace sdsprofile::engine
