// The walk: one pass over the tape with an explicit stack (no recursion anywhere, so any nesting
// the depth limit allows runs on a small thread stack), the compiled model deciding what each
// value must be. It emits typed findings and, when asked, writes the expansion in the same pass.
//
// The class is one, its concerns are in files of their own:
//   walk.cpp            traversal: the stack, objects' members, collections, values' JSON types
//   discriminators.cpp  "@odata.type": where it is, what it names, what fits (docs/rules.md
//                       "Vocabulary" and the odata-type codes)
//   duplicates.cpp      json-duplicate-key and duplicate-value
//   roles.cpp           duplicate-applies-to, role-without-domain, licenses-ignored
//   string_rules.cpp    the value rules of strings (enums, dates, domains, URLs, GUIDs, names)
//   writer.cpp          the expansion (docs/rules.md "Expansion")
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/candidates.hpp"
#include "engine/findings.hpp"
#include "engine/model.hpp"
#include "engine/tape.hpp"
#include "engine/writer.hpp"
#include "sdsprofile/options.hpp"

namespace sdsprofile::engine {

/// Reusable walker (one per checker): keeps its stacks and scratch between documents.
class walker {
 public:
  walker() noexcept;

  /// Walks the tape of one parsed document in `m` mode with the clock `now_seconds`, offering
  /// every finding to `out`. With a writer, also writes the expansion (meaningful only when the
  /// document turns out valid).
  void run(const tape& t, mode m, std::int64_t now_seconds, candidates& out, writer* expansion = nullptr);

  /// Releases the scratch an outsized document grew (lib/src/retained.hpp).
  bool release_outsized() noexcept;

 private:
  // What a value's check knows about where the value is.
  struct context {
    std::int8_t entity = -1;      // CSV entity of the enclosing customization
    bool csv_attributes = false;  // inside a provider whose optional attributes are known
    // Whether a CSV attribute name here is checked against its entity's attributes.
    [[nodiscard]] bool attributes_known() const noexcept { return csv_attributes && entity >= 0; }
  };
  // A member of an object whose value is checked: the slot it fills and the value's index.
  using member = writer::checked_member;
  // An open container of the walk. Objects are walked in document order, key by key; an object
  // whose expansion has a stored key order is walked in that order instead, through its
  // classified members (entries [next, end) of members_).
  struct frame {
    tape_index at = 0;               // the container
    tape_index next = 0;             // the next key or item (document order), or entry of members_
    tape_index end = 0;              // the closing word (document order), or past the last entry of members_
    const slot* prop = nullptr;      // the slot the container fills (null for the root)
    std::uint64_t exact = 0;         // object: slots given by their exact name (a repeat is a duplicate)
    std::uint64_t other_case = 0;    // object: slots given by a name in another case
    std::uint32_t base = 0;          // object: its entries of keys_; array: of values_
    std::uint32_t roles_base = 0;    // array: its entries of roles_ (duplicate-applies-to)
    std::uint32_t members_base = 0;  // object in stored order: its first entry of members_
    tape_index discriminator = 0;    // object: the key that types it (0: none)
    tape_index role_at = 0;          // object: where its appliesTo value is
    const type_def* type = nullptr;  // object: the type it is checked as (null: unresolved)
    std::int8_t role = -1;           // object: its appliesTo member (-1: none or not a member)
    context ctx;                     // what the values inside see
    bool is_array = false;
    bool stored_order = false;         // object: walked through members_
    bool large = false;                // object: duplicate names found by hashing, at the end
    bool exact_discriminator = false;  // object: the discriminator's name is exactly "@odata.type"
  };
  // A value a duplicate rule compares, with where it is.
  // 32 bytes, so that counting entries is a shift.
  struct keyed {
    const char* data = nullptr;
    std::uint64_t hi = 0, lo = 0;  // a GUID's 128 bits (unique_rule::guid)
    std::uint32_t size = 0;
    tape_index at = 0;

    keyed() noexcept = default;
    // The tape stores a string's length in 32 bits, so `size` holds every length.
    keyed(std::string_view text, std::uint64_t hi_bits, std::uint64_t lo_bits, tape_index where) noexcept
        : data(text.data()), hi(hi_bits), lo(lo_bits), size(static_cast<std::uint32_t>(text.size())), at(where) {}
    [[nodiscard]] std::string_view text() const noexcept { return {data, size}; }
  };
  struct role_at {
    int role;
    tape_index at;
  };

  // walk.cpp: traversal.
  bool walk(bool careful);
  void emit(tape_index at, payload what);
  bool open_object(tape_index at, std::int16_t declared, const slot* prop, context c);
  void open_expansion(frame& f, const type_def& t);
  // Each walks the container on top of stack_ (references into stack_ do not survive a push).
  void walk_members();
  void walk_stored_members();
  [[nodiscard]] int admit_member(frame& f, tape_index key);
  [[nodiscard]] int slot_of_name(frame& f, tape_index key);
  [[nodiscard]] int slot_of_other_name(frame& f, const type_def& t, tape_index key);
  [[nodiscard]] bool admitted(tape_index key, const slot& p);
  void close_object(frame& f);
  [[gnu::noinline]] void report_missing(tape_index object, const type_def& t, std::uint64_t missing);
  bool visit_member(frame& f, const slot& p, tape_index value);
  bool open_collection(tape_index at, const slot& p, context c);
  void walk_items();
  void walk_scalar_items(tape_index at, const slot& p, context c);
  void walk_short_unique_items(tape_index at, const slot& p, context c);
  // The kinds of lists of unique scalars, each walked by a loop of its own.
  enum class list_kind { guids, attributes, texts };
  template <list_kind Kind>
  void walk_unique_items_as(tape_index at, const slot& p, context c);
  template <list_kind Kind>
  void walk_short_unique_items_as(tape_index at, const slot& p, context c);
  template <typename Walk>
  void with_list_kind(const slot& p, Walk walk);
  template <list_kind Kind>
  bool check_item(tape_index item, std::string_view s, const slot& p, context c, bool attributes_known);
  void close_array(frame& f);
  bool visit_single(tape_index at, const slot& p, context c, bool item, int* role = nullptr);
  void type_error(tape_index at, const slot* p, bool container_expected, bool item);
  [[nodiscard]] std::uint8_t json_type(tape_index at) const noexcept {
    const tape_kind kind = t_.kind(at);
    if (kind == tape_kind::uint64 && t_.uint64(at) > 0x7FFFFFFFFFFFFFFFull) return json_number;
    return json_bits_of_kind[static_cast<unsigned char>(kind)];
  }
  // The JSON type of each tape kind (uint64 beyond Edm.Int64 is a json_number, above).
  static constexpr auto json_bits_of_kind = [] {
    std::array<std::uint8_t, 256> bits{};
    bits[static_cast<unsigned char>(tape_kind::object)] = json_object;
    bits[static_cast<unsigned char>(tape_kind::array)] = json_array;
    bits[static_cast<unsigned char>(tape_kind::string)] = json_string;
    bits[static_cast<unsigned char>(tape_kind::int64)] = json_integer;
    bits[static_cast<unsigned char>(tape_kind::uint64)] = json_integer;
    bits[static_cast<unsigned char>(tape_kind::float64)] = json_number;
    bits[static_cast<unsigned char>(tape_kind::true_value)] = json_boolean;
    bits[static_cast<unsigned char>(tape_kind::false_value)] = json_boolean;
    bits[static_cast<unsigned char>(tape_kind::null_value)] = json_null;
    return bits;
  }();
  void skip(tape_index at);

  // discriminators.cpp
  [[nodiscard]] tape_index discriminator_at(tape_index object, bool& exact) const noexcept;
  std::int16_t resolve_discriminator(tape_index object, const type_def& declared, tape_index key, bool& resolved);
  void report_missing_discriminator(tape_index object, const type_def& declared);
  [[nodiscard]] const type_def* fitting_type(const type_def& declared, tape_index object) const noexcept;
  [[nodiscard]] const type_def* named_type(std::string_view value, const type_def& declared) const noexcept;
  [[nodiscard]] const type_def* nearest_type(std::string_view value, const type_def& declared) const noexcept;

  // duplicates.cpp
  void note_key(tape_index key, std::size_t base, bool large);
  [[nodiscard]] bool repeats_earlier_key(std::string_view key, std::size_t base) const noexcept;
  // The names of an object are done: its duplicates (large objects), and its entries of keys_ go.
  void end_keys(std::size_t base, bool large) {
    if (large) report_later_duplicates(keys_, base, false, nullptr);
    keys_.resize(base);
  }
  void report_later_duplicates(std::vector<keyed>& v, std::size_t base, bool by_value, const slot* collection) {
    if (v.size() - base >= 2) report_later_duplicates_of(v, base, by_value, collection);
  }
  void report_later_duplicates_of(std::vector<keyed>& v, std::size_t base, bool by_value, const slot* collection);

  // roles.cpp
  void check_roles(const slot& p, std::uint32_t roles_base);
  void check_cross_fields();

  // The rule of a string value (below: a switch the walk inlines), each rule in string_rules.cpp.
  // True when the value is clean (no finding: a duplicate-value candidate). `role`: where an enum
  // value's member index goes (appliesTo), -1 when it is none.
  bool check_string(tape_index at, std::string_view s, const slot& p, context c, int* role);
  bool check_non_blank(tape_index at, std::string_view s, const slot& p);
  bool check_dns_name(tape_index at, std::string_view s, const slot& p);
  bool check_http_url(tape_index at, std::string_view s, const slot& p);
  bool check_guid(tape_index at, std::string_view s, const slot& p);
  bool check_enum(tape_index at, std::string_view s, const slot& p, int* role);
  void check_date(tape_index at, std::string_view s, const slot& p);
  void check_date_time(tape_index at, std::string_view s, const slot& p, context c);
  bool check_attribute(tape_index at, std::string_view s, context c);
  bool check_matching_name(tape_index at, std::string_view s, const slot& p);
  // The findings of the rules above, kept out of their common path (no finding).
  [[gnu::cold, gnu::noinline]] void report_guid(tape_index at, std::string_view s, const slot& p, bool parsed);
  [[gnu::cold, gnu::noinline]] void report_enum(tape_index at, std::string_view s, const enum_def& e, bool member);
  [[gnu::cold, gnu::noinline]] void report_attribute(tape_index at, std::string_view s, const csv_entity_def& e,
                                                     attribute_class kind);

  const model& m_;

  // Per document.
  tape t_;  // a copy (two pointers): one load less per access than through a pointer
  mode mode_ = mode::create;
  std::int64_t now_ = 0;
  std::int64_t today_ = 0;                                                   // days since 1970-01-01
  std::int64_t latest_expiration_ = 0;                                       // days: today plus 18 months
  std::int64_t expiration_from_ = std::numeric_limits<std::int64_t>::min();  // the today_ it was computed for
  candidates* out_ = nullptr;
  writer* writer_ = nullptr;
  std::uint32_t seq_ = 0;
  std::int16_t identity_type_ = -1;
  std::uint64_t domain_roles_ = 0;
  bool licences_nonempty_ = false;
  tape_index licences_at_ = 0;
  std::uint64_t guid_hi_ = 0, guid_lo_ = 0;  // the last GUID check_string read
  bool careful_ = false;                     // every object is searched for a discriminator (walk)
  bool restart_ = false;                     // a discriminator turned up where none was searched for
  bool deferring_ = false;                   // emit() holds findings back (deferred_)

  // Scratch, reused between documents.
  std::vector<frame> stack_;
  std::vector<member> members_;
  std::vector<keyed> keys_;
  std::vector<keyed> values_;
  std::vector<role_at> roles_;
  std::vector<role_at> licence_roles_;
  std::vector<tape_index> skip_stack_;
  std::vector<std::uint32_t> table_;  // duplicate detection: hash table of entry indices
  std::vector<std::uint32_t> order_;  // duplicate detection: sort order (fallback)
  std::vector<std::uint8_t> later_;   // duplicate detection: entry repeats an earlier one
};

[[gnu::always_inline]] inline bool walker::check_string(tape_index at, std::string_view s, const slot& p, context c,
                                                        int* role) {
  switch (p.rule) {
    case string_rule::none:
      return true;
    case string_rule::enum_member:
      return check_enum(at, s, p, role);
    case string_rule::edm_date:
      check_date(at, s, p);
      return false;
    case string_rule::edm_date_time:
      check_date_time(at, s, p, c);
      return false;
    case string_rule::non_blank:
      return check_non_blank(at, s, p);
    case string_rule::dns_name:
      return check_dns_name(at, s, p);
    case string_rule::http_url:
      return check_http_url(at, s, p);
    case string_rule::guid:
      return check_guid(at, s, p);
    case string_rule::csv_attribute:
      return !c.attributes_known() || check_attribute(at, s, c);
    case string_rule::matching_source:
    case string_rule::matching_target:
      return check_matching_name(at, s, p);
  }
  return true;
}

}  // namespace sdsprofile::engine
