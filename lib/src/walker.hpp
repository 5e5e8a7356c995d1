// The schema walk: one pass over the simdjson DOM, every value visited in document order, the
// generated model deciding what is checked. Emits records; builds no text.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"
#include "record.hpp"
#include "sdsprofile/options.hpp"
#include "text_rules.hpp"

namespace sdsprofile::detail {

/// Reusable walker (one per checker): keeps its scratch stacks between documents.
class walker {
 public:
  walker();
  /// Walk `root` in `mode`, with the clock `now_seconds` (Unix seconds), appending to `out`.
  void run(simdjson::dom::element root, mode m, std::int64_t now_seconds, std::vector<record>& out);
  /// Releases the scratch buffers an outsized document grew (retained.hpp); whether any was.
  bool release_outsized() noexcept;

 private:
  struct context {
    std::int8_t entity = -1;      // CSV entity of the enclosing customization
    bool csv_attributes = false;  // inside a provider whose optional attributes are known
  };
  struct value_result {
    bool clean = false;     // a string with no finding (a candidate for duplicate-value)
    std::string_view text;  // the string, when clean
    int member = -1;        // enum member index, when valid
    int type = -1;          // resolved object type, or -1
    int role = -1;          // object: appliesTo member index (-1 absent/invalid)
    std::uint32_t role_ordinal = 0;
    bool restart = false;  // check_members met a late "@odata.type" (optimistic path)
  };
  struct checkpoint {  // what an object's walk changes, to undo it on a restart
    std::size_t records, keys, licence_roles;
    int identity_type;
    std::uint64_t domain_roles;
    bool licences_nonempty;
    std::uint32_t licences_ordinal;
  };
  struct keyed {
    std::string_view text;
    std::uint32_t ordinal;
  };
  struct skip_frame {  // an open container of skip()
    simdjson::dom::object::iterator field, fields_end;
    simdjson::dom::array::iterator item, items_end;
    std::size_t base;  // keys_ size when the object opened
    bool is_object;
    bool large;
  };
  struct role_at {
    int role;
    std::uint32_t ordinal;
  };

  void emit(code c, severity s, std::uint32_t ordinal, anchor at, std::string_view a = {}, std::string_view b = {},
            std::int32_t n = -1, std::uint8_t variant = 0, const property_def* prop = nullptr);
  void skip(simdjson::dom::element e);
  void note_key(std::string_view key, std::size_t base, bool large);
  bool repeats_earlier_key(std::string_view key, std::size_t base) const noexcept;
  void end_object(std::size_t base, bool large);
  void report_later_duplicates(std::vector<keyed>& v, std::size_t base, bool case_insensitive, code c, anchor at,
                               std::string_view collection);
  void type_error(simdjson::dom::element v, std::uint32_t me, const property_def* p, bool container_expected,
                  bool item);

  value_result check_object(simdjson::dom::element v, int declared, context c);
  value_result check_members(simdjson::dom::object obj, std::uint32_t me, int declared, context c, std::size_t disc);
  std::size_t discriminator_at(simdjson::dom::object obj) const noexcept;
  checkpoint save() const noexcept;
  void restore(const checkpoint& k, std::uint32_t me) noexcept;
  value_result check_property(simdjson::dom::element v, const property_def& p, context c);
  value_result check_single(simdjson::dom::element v, const property_def& p, context c);
  value_result check_string(std::string_view s, std::uint32_t me, const property_def& p, context c);
  int resolve_odata_type(std::string_view value, int declared, std::uint32_t at, bool& resolved,
                         simdjson::dom::object obj);
  int fitting_type(int declared, simdjson::dom::object obj) const;
  int named_type(std::string_view value, int declared) const;

  const model& m_;
  int creation_type_ = -1, matching_type_ = -1, role_enum_ = -1;

  // Per document.
  mode mode_ = mode::create;
  std::int64_t now_ = 0;
  civil_date today_{};
  std::vector<record>* out_ = nullptr;
  std::uint32_t ordinal_ = 0;
  std::uint32_t seq_ = 0;
  int identity_type_ = -1;
  std::uint64_t domain_roles_ = 0;
  bool licences_nonempty_ = false;
  std::uint32_t licences_ordinal_ = 0;

  // Scratch, reused between documents.
  std::vector<keyed> keys_;
  std::vector<skip_frame> skip_stack_;
  std::vector<keyed> items_;
  std::vector<role_at> roles_;
  std::vector<role_at> licence_roles_;
  std::vector<std::uint32_t> order_;  // duplicate detection: sort order (fallback)
  std::vector<std::uint32_t> table_;  // duplicate detection: hash table of item indices
  std::vector<std::uint8_t> later_;   // duplicate detection: item repeats an earlier one
};

}  // namespace sdsprofile::detail
