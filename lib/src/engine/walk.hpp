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

#include <cstdint>
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
  };
  // A member of an object whose value is checked: the slot it fills and the value's index.
  using member = writer::checked_member;
  // An open container of the walk.
  struct frame {
    tape_index at = 0;         // the container
    tape_index end = 0;        // array: its closing word
    tape_index next = 0;       // array: the next item; object: the next entry of members_
    std::uint32_t members_end = 0;   // object: past its entries of members_
    std::uint32_t values_base = 0;   // array: its entries of values_ (duplicate-value)
    std::uint32_t roles_base = 0;    // array: its entries of roles_ (duplicate-applies-to)
    const slot* prop = nullptr;      // the slot the container fills (null for the root)
    std::int16_t type = -1;          // object: the type it is checked as
    context ctx;                     // object: what its members' values see
    std::int8_t role = -1;           // object: its appliesTo member (-1: none or not a member)
    tape_index role_at = 0;          //   and where that value is
    bool is_array = false;
  };
  // A value a duplicate rule compares, with where it is.
  struct keyed {
    std::string_view text;
    std::uint64_t hi = 0, lo = 0;  // a GUID's 128 bits (unique_rule::guid)
    tape_index at = 0;
  };
  struct role_at {
    int role;
    tape_index at;
  };

  // walk.cpp: traversal.
  void emit(tape_index at, payload what);
  void open_object(tape_index at, std::int16_t declared, const slot* prop, context c);
  // What a member's name makes of it.
  enum class member_kind : std::uint8_t { checked, not_checked, late_discriminator };
  bool classify_members(frame& f, const type_def& t, std::size_t disc, bool disc_exact, bool resolved,
                        bool optimistic);
  member_kind classify_key(frame& f, const type_def& t, tape_index key, std::uint64_t& exact, std::uint64_t& present,
                           std::size_t keys_base, bool large, bool disc_exact, bool optimistic);
  void close_object(frame& f);
  void visit_member(const frame& f, member m);
  void visit_collection(tape_index at, const slot& p, context c);
  void visit_item(frame& f);
  void close_array(frame& f);
  void visit_single(tape_index at, const slot& p, context c, bool item, int* role = nullptr);
  void type_error(tape_index at, const slot* p, bool container_expected, bool item);
  [[nodiscard]] std::uint8_t json_type(tape_index at) const noexcept {
    switch (t_->kind(at)) {
      case tape_kind::object: return json_object;
      case tape_kind::array: return json_array;
      case tape_kind::string: return json_string;
      case tape_kind::int64: return json_integer;
      case tape_kind::uint64: return t_->uint64(at) <= 0x7FFFFFFFFFFFFFFFull ? json_integer : json_number;
      case tape_kind::float64: return json_number;
      case tape_kind::true_value:
      case tape_kind::false_value: return json_boolean;
      case tape_kind::null_value: return json_null;
      default: return 0;
    }
  }
  void skip(tape_index at);

  // discriminators.cpp
  [[nodiscard]] std::size_t discriminator_at(tape_index object, bool& exact) const noexcept;
  std::int16_t resolve_discriminator(tape_index object, const type_def& declared, std::size_t disc, bool& resolved);
  void report_missing_discriminator(tape_index object, const type_def& declared);
  [[nodiscard]] const type_def* fitting_type(const type_def& declared, tape_index object) const noexcept;
  [[nodiscard]] const type_def* named_type(std::string_view value, const type_def& declared) const noexcept;
  [[nodiscard]] int odata_type_of(std::string_view value, bool& canonical) const noexcept;
  [[nodiscard]] const type_def* nearest_type(std::string_view value, const type_def& declared) const noexcept;

  // duplicates.cpp
  void note_key(tape_index key, std::size_t base, bool large);
  [[nodiscard]] bool repeats_earlier_key(std::string_view key, std::size_t base) const noexcept;
  void end_keys(std::size_t base, bool large);
  void report_later_duplicates(std::vector<keyed>& v, std::size_t base, bool by_value, const slot* collection);

  // roles.cpp
  void check_roles(const slot& p, std::uint32_t roles_base);
  void check_cross_fields();

  // string_rules.cpp: `text` is clean (a duplicate-value candidate) when it returns true.
  bool check_string(tape_index at, std::string_view s, const slot& p, context c, int* role);
  bool check_enum(tape_index at, std::string_view s, const slot& p, int* role);
  void check_date(tape_index at, std::string_view s, const slot& p);
  void check_date_time(tape_index at, std::string_view s, const slot& p, context c);
  bool check_attribute(tape_index at, std::string_view s, context c);
  bool check_matching_name(tape_index at, std::string_view s, const slot& p);

  const model& m_;

  // Per document.
  const tape* t_ = nullptr;
  mode mode_ = mode::create;
  std::int64_t now_ = 0;
  std::int64_t today_ = 0;              // days since 1970-01-01
  std::int64_t latest_expiration_ = 0;  // days: today plus 18 months
  candidates* out_ = nullptr;
  writer* writer_ = nullptr;
  std::uint32_t seq_ = 0;
  std::int16_t identity_type_ = -1;
  std::uint64_t domain_roles_ = 0;
  bool licences_nonempty_ = false;
  tape_index licences_at_ = 0;
  std::uint64_t guid_hi_ = 0, guid_lo_ = 0;  // the last GUID check_string read
  bool deferring_ = false;                    // emit() holds findings back (deferred_)

  // Scratch, reused between documents.
  std::vector<frame> stack_;
  std::vector<member> members_;
  std::vector<located> deferred_;  // an object's findings while it may still start again
  std::vector<keyed> keys_;
  std::vector<keyed> values_;
  std::vector<role_at> roles_;
  std::vector<role_at> licence_roles_;
  std::vector<tape_index> skip_stack_;
  std::vector<std::uint32_t> table_;  // duplicate detection: hash table of entry indices
  std::vector<std::uint32_t> order_;  // duplicate detection: sort order (fallback)
  std::vector<std::uint8_t> later_;   // duplicate detection: entry repeats an earlier one
};

}  // namespace sdsprofile::engine
