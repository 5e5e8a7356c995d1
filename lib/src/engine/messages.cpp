// The words of every finding (engine/messages.hpp). One overload of `words` per finding kind,
// each next to the catalogue entry it words (docs/rules.md "Catalogue").
#include "engine/messages.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <span>

#include "text_rules.hpp"

namespace sdsprofile::engine {
namespace {

using detail::civil_date;
using detail::domain_problem;

// --- Pieces of messages, formatted straight into the output (no temporary strings) ---------------

struct json_type_name {  // "an array", "a number"
  std::uint8_t bits;
};
struct expected_type {  // "Edm.String (a JSON string)", "a JSON array (Collection of ...)"
  const model& m;
  const slot& p;
  bool item;
};
struct quoted_list {  // "a", "b" or "c"
  std::span<const std::string_view> items;
};
struct concrete_types {  // the odata_type of every concrete type assignable to a type
  const model& m;
  const type_def& declared;
};
struct date_text {  // YYYY-MM-DD of a Unix time
  std::int64_t seconds;
};
struct with_article {  // "an educationCsvDataProvider", "a section"
  std::string_view noun;
};
// Text quoted from the input: cut past max_quoted_bytes at a UTF-8 boundary, with an ellipsis.
struct quoted {
  std::string_view text;
};

}  // namespace
}  // namespace sdsprofile::engine

template <>
struct fmt::formatter<sdsprofile::engine::quoted> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::quoted& q, format_context& ctx) const -> decltype(ctx.out()) {
    const std::string_view text = q.text;
    if (text.size() <= sdsprofile::engine::max_quoted_bytes) return fmt::formatter<std::string_view>::format(text, ctx);
    std::size_t cut = sdsprofile::engine::max_quoted_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // not inside a character
    return fmt::format_to(ctx.out(), FMT_COMPILE("{}\u2026"), text.substr(0, cut));
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::json_type_name> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::json_type_name& t, format_context& ctx) const -> decltype(ctx.out()) {
    using namespace sdsprofile::engine;
    std::string_view name = "a value";
    switch (t.bits) {
      case json_array:
        name = "an array";
        break;
      case json_object:
        name = "an object";
        break;
      case json_integer:
      case json_number:
        name = "a number";
        break;
      case json_string:
        name = "a string";
        break;
      case json_boolean:
        name = "a boolean";
        break;
      case json_null:
        name = "null";
        break;
      default:
        break;
    }
    return fmt::format_to(ctx.out(), FMT_COMPILE("{}"), name);
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::with_article> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::with_article& w, format_context& ctx) const -> decltype(ctx.out()) {
    const bool vowel = !w.noun.empty() && std::string_view("aeiouAEIOU").find(w.noun.front()) != std::string_view::npos;
    return fmt::format_to(ctx.out(), FMT_COMPILE("{} {}"), vowel ? "an" : "a", w.noun);
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::expected_type> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::expected_type& e, format_context& ctx) const -> decltype(ctx.out()) {
    using sdsprofile::engine::edm;
    auto out = ctx.out();
    const bool collection = e.p.collection && !e.item;
    if (collection) out = fmt::format_to(out, FMT_COMPILE("a JSON array (Collection of "));
    switch (e.p.kind) {
      case edm::string:
        out = fmt::format_to(out, FMT_COMPILE("Edm.String (a JSON string)"));
        break;
      case edm::boolean:
        out = fmt::format_to(out, FMT_COMPILE("Edm.Boolean (true or false, without quotes)"));
        break;
      case edm::int64:
        out = fmt::format_to(out, FMT_COMPILE("Edm.Int64 (a JSON integer)"));
        break;
      case edm::date:
        out = fmt::format_to(out, FMT_COMPILE("Edm.Date (a \"YYYY-MM-DD\" string)"));
        break;
      case edm::date_time_offset:
        out = fmt::format_to(out, FMT_COMPILE("Edm.DateTimeOffset (an RFC 3339 date-time string)"));
        break;
      case edm::enumeration:
        out = fmt::format_to(out, FMT_COMPILE("{} (a member name string)"),
                             e.m.enums[static_cast<std::size_t>(e.p.target)].name);
        break;
      case edm::complex:
        out =
            fmt::format_to(out, FMT_COMPILE("{} object"), sdsprofile::engine::with_article{e.m.type(e.p.target).name});
        break;
    }
    if (collection) out = fmt::format_to(out, FMT_COMPILE(")"));
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::quoted_list> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::quoted_list& l, format_context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    for (std::size_t i = 0; i < l.items.size(); ++i)
      out = fmt::format_to(out, FMT_COMPILE("{}\"{}\""), i == 0 ? "" : (i + 1 == l.items.size() ? " or " : ", "),
                           l.items[i]);
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::concrete_types> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::concrete_types& c, format_context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    const auto concrete = c.declared.concrete;
    for (std::size_t i = 0; i < concrete.size(); ++i)
      out = fmt::format_to(out, FMT_COMPILE("{}\"{}\""), i == 0 ? "" : (i + 1 == concrete.size() ? " or " : ", "),
                           c.m.types[concrete[i]].odata_type);
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::engine::date_text> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::engine::date_text& d, format_context& ctx) const -> decltype(ctx.out()) {
    const auto c = sdsprofile::detail::civil_from_days(sdsprofile::detail::days_from_seconds(d.seconds));
    return fmt::format_to(ctx.out(), FMT_COMPILE("{:04}-{:02}-{:02}"), c.year, c.month, c.day);
  }
};

namespace sdsprofile::engine {
namespace {

// fmt's buffer for put(), one per thread (not one per instantiation of put), so that nothing is
// allocated once it has grown.
fmt::memory_buffer& format_buffer() {
  thread_local fmt::memory_buffer buffer;
  return buffer;
}

// Formats into `out`, reusing its capacity: fmt writes into format_buffer() and the text is copied
// once (through a back_insert_iterator of a std::string, fmt copied the literal parts in small
// pieces). Formats are compiled (FMT_COMPILE): parsing them at run time cost more than the rest.
template <typename Format, typename... Args>
void put(std::string& out, const Format& format, Args&&... args) {
  fmt::memory_buffer& buffer = format_buffer();
  buffer.clear();
  fmt::format_to(fmt::appender(buffer), format, std::forward<Args>(args)...);
  out.assign(buffer.data(), buffer.size());
}

std::string_view domain_reason(domain_problem p) {
  switch (p) {
    case domain_problem::empty_label:
      return "it has an empty label (two dots in a row, or a leading dot)";
    case domain_problem::label_too_long:
      return "a label is longer than 63 characters";
    case domain_problem::bad_character:
      return "labels may hold only letters, digits and hyphens";
    case domain_problem::hyphen_at_edge:
      return "a label starts or ends with a hyphen";
    case domain_problem::too_long:
      return "it is longer than 253 characters";
    case domain_problem::single_label:
      return "it needs at least two labels (e.g. contoso.edu)";
    case domain_problem::leading_at:
      return "it starts with '@'";
    case domain_problem::trailing_dot:
      return "it ends with a dot";
    case domain_problem::surrounding_space:
      return "it has white space around it";
    case domain_problem::non_ascii:
      return "it has non-ASCII characters";
    case domain_problem::none:
      break;
  }
  return "it is not a DNS name";
}

bool is_stray_discriminator(const model& m, std::string_view key) {
  for (std::string_view stray : m.stray_discriminators)
    if (detail::iequals(stray, key)) return true;
  return false;
}

// Everything a kind's words need, by reference.
struct out {
  const word_context& ctx;
  std::string& message;
  std::string& hint;
};

// --- JSON itself: docs/rules.md "Catalogue", json-* -------------------------------------------

void words(const finding::json_failure& f, out o) {
  const failure_words w = words_of(f.what);
  put(o.message, FMT_COMPILE("{}"), f.what == scan_failure::parser_limit ? f.parser_message : w.message);
  put(o.hint, FMT_COMPILE("{}"), w.hint);
}
void words(const finding::too_large& f, out o) {
  put(o.message, FMT_COMPILE("The input is larger than the limit of {} bytes."), f.limit);
  put(o.hint, FMT_COMPILE("Graph accepts request bodies of at most 4 MiB (4194304 bytes)."));
}
void words(const finding::out_of_memory&, out o) {
  put(o.message, FMT_COMPILE("The input could not be checked: not enough memory for a document of this size."));
}
void words(const finding::bom&, out o) {
  put(o.message, FMT_COMPILE("A UTF-8 byte order mark precedes the JSON value; it was skipped."));
  put(o.hint, FMT_COMPILE("Save the file as UTF-8 without BOM (RFC 8259 section 8.1)."));
}
void words(const finding::duplicate_key& f, out o) {
  put(o.message,
      FMT_COMPILE("The name \"{}\" appears more than once in this object; OData JSON forbids duplicate names."),
      quoted{f.key});
  put(o.hint, FMT_COMPILE("Keep one \"{}\" member and remove the others."), quoted{f.key});
}

// --- Types and nulls: type-mismatch, serialized-object-text, null-not-allowed, null-collection ----

void words(const finding::type_mismatch& f, out o) {
  const model& m = o.ctx.m;
  if (f.prop == nullptr)
    put(o.message, FMT_COMPILE("The body must be a JSON object (an educationSynchronizationProfile), not {}."),
        json_type_name{f.got});
  else if (f.item)
    put(o.message, FMT_COMPILE("An item of \"{}\" must be {}, not {}."), f.prop->name, expected_type{m, *f.prop, true},
        json_type_name{f.got});
  else
    put(o.message, FMT_COMPILE("\"{}\" must be {}, not {}."), f.prop->name, expected_type{m, *f.prop, false},
        json_type_name{f.got});
  if (f.prop != nullptr && f.prop->kind == edm::boolean && f.got == json_string)
    put(o.hint, FMT_COMPILE("Write true or false without quotes."));
}
void words(const finding::discriminator_not_string& f, out o) {
  put(o.message, FMT_COMPILE("@odata.type must be Edm.String, not {}."), json_type_name{f.got});
}
void words(const finding::serialized_object& f, out o) {
  const model& m = o.ctx.m;
  if (f.prop == nullptr)
    put(o.message,
        FMT_COMPILE(
            "The body must be an object, but is the text \"{}\": a PowerShell object was converted to its type name."),
        quoted{f.text});
  else if (f.item)
    put(o.message,
        FMT_COMPILE("An item of \"{}\" must be {}, but holds the text \"{}\": a PowerShell object was converted to its "
                    "type name."),
        f.prop->name, expected_type{m, *f.prop, true}, quoted{f.text});
  else
    put(o.message,
        FMT_COMPILE(
            "\"{}\" must be {}, but holds the text \"{}\": a PowerShell object was converted to its type name."),
        f.prop->name, expected_type{m, *f.prop, false}, quoted{f.text});
  put(o.hint, FMT_COMPILE("ConvertTo-Json cut the object at its default depth of 2: pass -Depth 10."));
}
void words(const finding::null_not_allowed& f, out o) {
  if (f.item)
    put(o.message, FMT_COMPILE("An item of \"{}\" is null; items must be {}."), f.prop->name,
        expected_type{o.ctx.m, *f.prop, true});
  else
    put(o.message, FMT_COMPILE("\"{}\" is null, but it is not nullable: it must be {}."), f.prop->name,
        expected_type{o.ctx.m, *f.prop, true});
  put(o.hint, FMT_COMPILE("{}"),
      f.item ? "Remove the null item." : "Give a value (null is not \"missing\": the property is present).");
}
void words(const finding::null_collection& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is null; a collection is never null, so this is treated as if it were omitted."),
      f.prop->name);
  put(o.hint,
      FMT_COMPILE("Omit \"{}\" or send [] (for optionalPropertiesToSync, omitted means every optional attribute)."),
      f.prop->name);
}

// --- Names: missing-required, unknown-property, property-name-case, read-only, navigation,
// ignored-annotation --------------------------------------------------------------------------

void words(const finding::missing_required& f, out o) {
  put(o.message, FMT_COMPILE("Required property \"{}\" of {} is missing."), f.prop->name, f.type->name);
}
void words(const finding::unknown_property& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is not a property of {}."), quoted{f.key}, f.type->name);
  if (f.historic != nullptr) {
    if (!f.historic->replacement.empty())
      put(o.hint, FMT_COMPILE("\"{}\" is a historic name: {}. Use \"{}\"."), f.historic->name, f.historic->note,
          f.historic->replacement);
    else
      put(o.hint, FMT_COMPILE("\"{}\" is a historic name: {}."), f.historic->name, f.historic->note);
  } else if (is_stray_discriminator(o.ctx.m, f.key)) {  // "type", "odata.type", ... on a concrete type
    put(o.hint, FMT_COMPILE("Did you mean \"@odata.type\"? \"{}\" is not the OData type annotation."), quoted{f.key});
  } else if (auto near = detail::nearest_name(f.key, f.type->slots, [](const slot& s) { return s.name; })) {
    put(o.hint, FMT_COMPILE("Did you mean \"{}\"?"), *near);
  }
}
void words(const finding::property_name_case& f, out o) {
  if (f.discriminator)  // docs/rules.md "Vocabulary"
    put(o.message,
        FMT_COMPILE("\"{}\" is \"@odata.type\" only ignoring case: annotation names are case-sensitive, so the service "
                    "would see "
                    "no type."),
        quoted{f.key});
  else
    put(o.message, FMT_COMPILE("\"{}\" matches the property \"{}\" only ignoring case; names are case-sensitive."),
        quoted{f.key}, f.exact);
  put(o.hint, FMT_COMPILE("Write \"{}\"."), f.exact);
}
void words(const finding::read_only_property& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is read-only: the service ignores it in a create or update body."), quoted{f.key});
  put(o.hint, FMT_COMPILE("Remove \"{}\" (expansion drops it)."), quoted{f.key});
}
void words(const finding::navigation_property& f, out o) {
  put(o.message,
      FMT_COMPILE("\"{}\" is a navigation property and cannot be written inline in a create or update body."),
      quoted{f.key});
  put(o.hint, FMT_COMPILE("Remove \"{}\"."), quoted{f.key});
}
void words(const finding::ignored_annotation& f, out o) {
  put(o.message, FMT_COMPILE("The annotation \"{}\" is ignored in a create or update body (only @odata.type is used)."),
      quoted{f.key});
  if (is_stray_discriminator(o.ctx.m, f.key))  // "@type": meant as the type, which this object has already
    put(o.hint, FMT_COMPILE("Did you mean \"@odata.type\"? \"{}\" is not the OData type annotation."), quoted{f.key});
  else
    put(o.hint, FMT_COMPILE("Remove \"{}\" (expansion drops it)."), quoted{f.key});
}

// --- @odata.type: docs/rules.md "Vocabulary" (the discriminator key) and the odata-type codes ----

void words(const finding::odata_type_missing& f, out o) {
  const model& m = o.ctx.m;
  put(o.message, FMT_COMPILE("This {} object needs an \"@odata.type\": the type is abstract."), f.declared->name);
  if (!f.stray.empty() && f.named)
    put(o.hint,
        FMT_COMPILE("Write \"@odata.type\": \"{}\" in place of \"{}\", which is not the OData type annotation."),
        f.hint->odata_type, quoted{f.stray});
  else if (!f.stray.empty() && f.hint != nullptr)
    put(o.hint,
        FMT_COMPILE(
            "Add \"@odata.type\": \"{}\" (the type whose properties fit); \"{}\" is not the OData type annotation."),
        f.hint->odata_type, quoted{f.stray});
  else if (!f.stray.empty())
    put(o.hint, FMT_COMPILE("Add \"@odata.type\" with one of {}; \"{}\" is not the OData type annotation."),
        concrete_types{m, *f.declared}, quoted{f.stray});
  else if (f.hint != nullptr)
    put(o.hint, FMT_COMPILE("Add \"@odata.type\": \"{}\" (the type whose properties fit)."), f.hint->odata_type);
  else
    put(o.hint, FMT_COMPILE("Add \"@odata.type\" with one of {}."), concrete_types{m, *f.declared});
}
void words(const finding::unknown_odata_type& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" names no type of the model (namespace microsoft.graph) for {}."), quoted{f.value},
      with_article{f.declared->name});
  if (f.hint != nullptr)
    put(o.hint, FMT_COMPILE("Did you mean \"{}\"?"), f.hint->odata_type);
  else
    put(o.hint, FMT_COMPILE("Use one of {}."), concrete_types{o.ctx.m, *f.declared});
}
void words(const finding::abstract_type& f, out o) {
  put(o.message, FMT_COMPILE("{} is abstract; {} needs one of its concrete derived types."), f.type->name,
      with_article{f.declared->name});
  if (f.fits != nullptr)
    put(o.hint, FMT_COMPILE("Use \"{}\" (the type whose properties fit)."), f.fits->odata_type);
  else
    put(o.hint, FMT_COMPILE("Use one of {}."), concrete_types{o.ctx.m, *f.declared});
}
void words(const finding::odata_type_not_derived& f, out o) {
  put(o.message, FMT_COMPILE("{} is not {} nor derived from it."), f.type->name, f.declared->name);
  put(o.hint, FMT_COMPILE("Use one of {}."), concrete_types{o.ctx.m, *f.declared});
}
void words(const finding::odata_type_noncanonical& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" matches \"{}\" only ignoring case, the leading '#' or the namespace alias."),
      quoted{f.value}, f.type->odata_type);
  put(o.hint, FMT_COMPILE("Write \"{}\" (expansion writes it so)."), f.type->odata_type);
}

// --- Enums and roles: invalid-enum, role-not-supported, duplicate-applies-to, role-without-domain,
// licenses-ignored --------------------------------------------------------------------------------

void words(const finding::invalid_enum& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is not a member of {}: allowed values are {} (case-sensitive)."), quoted{f.value},
      f.e->name, quoted_list{f.e->members});
  if (auto near = detail::nearest_name(f.value, f.e->members)) put(o.hint, FMT_COMPILE("Did you mean \"{}\"?"), *near);
}
void words(const finding::role_not_supported& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is a member of {}, but SDS acts only on {}."), quoted{f.value}, f.e->name,
      quoted_list{f.e->supported});
}
void words(const finding::duplicate_applies_to& f, out o) {
  put(o.message, FMT_COMPILE("A second entry for the role \"{}\" in \"{}\"; each role may appear once."), f.role,
      f.collection->name);
  put(o.hint, FMT_COMPILE("Merge the two \"{}\" entries."), f.role);
}
void words(const finding::role_without_domain& f, out o) {
  put(o.message,
      FMT_COMPILE("Licences are assigned to \"{}\", but no userDomains entry creates accounts for that role."), f.role);
  put(o.hint, FMT_COMPILE("Add a userDomains entry with \"appliesTo\": \"{}\", or remove this licence."), f.role);
}
void words(const finding::licenses_ignored&, out o) {
  put(o.message,
      FMT_COMPILE(
          "licensesToAssign is ignored with an educationIdentityMatchingConfiguration: SDS assigns licences only to "
          "accounts it creates."));
  put(o.hint, FMT_COMPILE("Remove licensesToAssign, or use an educationIdentityCreationConfiguration."));
}

// --- String values: GUIDs, collections, blanks, domains, URLs --------------------------------------

void words(const finding::invalid_guid& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" in \"{}\" is not a GUID (8-4-4-4-12 hexadecimal digits)."), quoted{f.value},
      f.prop->name);
  if (auto g = detail::recover_guid(f.value))
    put(o.hint, FMT_COMPILE("Write \"{}\"."), g->view());
  else
    put(o.hint, FMT_COMPILE("skuIds take the SKU's GUID (skuId, e.g. from GET /subscribedSkus), not its part number."));
}
void words(const finding::nil_guid&, out o) {
  put(o.message, FMT_COMPILE("The nil GUID is not a SKU; it is a placeholder."));
  put(o.hint, FMT_COMPILE("Use the skuId of a subscribed SKU."));
}
void words(const finding::duplicate_value& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" appears more than once in \"{}\"."), quoted{f.value}, f.collection->name);
  put(o.hint, FMT_COMPILE("Remove the repeated item."));
}
void words(const finding::empty_collection& f, out o) {
  if (f.prop->empty == empty_rule::warning)
    put(o.message, FMT_COMPILE("\"{}\" is empty: no licence is assigned by this item."), f.prop->name);
  else
    put(o.message, FMT_COMPILE("\"{}\" is empty; it needs at least one entry."), f.prop->name);
}
void words(const finding::empty_value& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is empty or only white space."), f.prop->name);
}
void words(const finding::invalid_domain& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is not a DNS domain name: {}."), quoted{f.value}, domain_reason(f.problem));
  // A "Write ..." hint only when the mechanical repair gives a valid name.
  std::string_view repaired;
  if (f.problem == domain_problem::leading_at)
    repaired = f.value.substr(1);
  else if (f.problem == domain_problem::trailing_dot)
    repaired = f.value.substr(0, f.value.size() - 1);
  else if (f.problem == domain_problem::surrounding_space)
    repaired = detail::trim_white_space(f.value);
  if (!repaired.empty() && detail::check_domain(repaired) == domain_problem::none)
    put(o.hint, FMT_COMPILE("Write \"{}\"."), quoted{repaired});
  else if (f.problem == domain_problem::non_ascii)
    put(o.hint, FMT_COMPILE("Write the domain in its ASCII (xn--) form."));
}
void words(const finding::invalid_url& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" in \"{}\" is not an absolute http(s) URL."), quoted{f.value}, f.prop->name);
  put(o.hint, FMT_COMPILE("Write a URL such as \"https://sis.example.edu/\"."));
}
void words(const finding::insecure_url& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" uses http: the client credentials would travel in clear."), f.prop->name);
  put(o.hint, FMT_COMPILE("Use https."));
}

// --- CSV attributes: unknown-optional-property, required-attribute-listed, deprecated-..., not-applicable

void words(const finding::unknown_optional_property& f, out o) {
  put(o.message,
      FMT_COMPILE("\"{}\" is not an optional attribute of {} in the SDS v1 CSV format (names are exact CSV headers)."),
      quoted{f.value}, f.entity->name);
  auto near = detail::nearest_name(f.value, f.entity->optional);
  if (!near) {  // a name that only ends like a real one ("Email" for "Secondary Email")
    for (std::string_view optional : f.entity->optional)
      if (detail::folded_ends_with(optional, f.value)) {
        near = optional;
        break;
      }
  }
  if (near)
    put(o.hint, FMT_COMPILE("Did you mean \"{}\"?"), *near);
  else
    put(o.hint, FMT_COMPILE("Optional attributes of {}: {}."), f.entity->name, quoted_list{f.entity->optional});
}
void words(const finding::required_attribute_listed& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is a required {} attribute: it is always synced, listing it changes nothing."),
      quoted{f.value}, f.entity->name);
  put(o.hint, FMT_COMPILE("Remove \"{}\" from optionalPropertiesToSync."), quoted{f.value});
}
void words(const finding::deprecated_optional_property& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" is a student attribute SDS stopped syncing in December 2018."), quoted{f.value});
  put(o.hint, FMT_COMPILE("Remove \"{}\"."), quoted{f.value});
}
void words(const finding::list_not_applicable& f, out o) {
  put(o.message, FMT_COMPILE("optionalPropertiesToSync does not apply to {}; the list is ignored."), f.entity->name);
  put(o.hint, FMT_COMPILE("Send [] or omit optionalPropertiesToSync for {}."), f.entity->name);
}
void words(const finding::start_date_not_applicable& f, out o) {
  put(o.message, FMT_COMPILE("synchronizationStartDate applies only to studentEnrollment; on {} it is ignored."),
      f.entity->name);
  put(o.hint, FMT_COMPILE("Omit it, or send the \"not set\" value \"0001-01-01T00:00:00Z\"."));
}

// --- Dates: invalid-datetime, invalid-date, date-in-past, expiration-too-far -------------------------

void words(const finding::invalid_datetime& f, out o) {
  put(o.message,
      FMT_COMPILE("\"{}\" is not an Edm.DateTimeOffset: an RFC 3339 date-time with offset is required (e.g. "
                  "\"2025-09-01T00:00:00Z\")."),
      quoted{f.value});
  if (auto s = detail::suggest_date_time(f.value)) put(o.hint, FMT_COMPILE("Write \"{}\"."), s->view());
}
void words(const finding::invalid_date& f, out o) {
  if (detail::parse_date_time_offset(f.value) && f.value.size() > 10)
    put(o.hint, FMT_COMPILE("Write \"{}\"."), quoted{f.value.substr(0, 10)});
  put(o.message, FMT_COMPILE("\"{}\" is not an Edm.Date: a real date written \"YYYY-MM-DD\" is required."),
      quoted{f.value});
}
void words(const finding::date_in_past& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" ({}) is before now ({})."), quoted{f.value}, f.prop->name,
      date_text{o.ctx.now_seconds});
  put(o.hint, FMT_COMPILE("{}"),
      f.prop->name == "expirationDate" ? "Choose a future date, or omit expirationDate (never expires)."
                                       : "Choose a future date, or omit it to sync when setup completes.");
}
void words(const finding::expiration_too_far& f, out o) {
  const civil_date limit =
      detail::add_months(detail::civil_from_days(detail::days_from_seconds(o.ctx.now_seconds)), 18);
  put(o.message,
      FMT_COMPILE("expirationDate \"{}\" is more than 18 months after now (the latest is {:04}-{:02}-{:02})."),
      quoted{f.value}, limit.year, limit.month, limit.day);
  put(o.hint, FMT_COMPILE("Choose {:04}-{:02}-{:02} or earlier."), limit.year, limit.month, limit.day);
}

// --- Matching names and the report itself -----------------------------------------------------------

void words(const finding::case_sensitive_value& f, out o) {
  put(o.message, FMT_COMPILE("\"{}\" matches \"{}\" only ignoring case; the service compares {} case-sensitively."),
      quoted{f.value}, f.known, f.prop->name);
  put(o.hint, FMT_COMPILE("Write \"{}\"."), f.known);
}
void words(const finding::too_many_diagnostics& f, out o) {
  word_too_many_diagnostics(f.by_report_bytes, o.ctx.max_diagnostics, o.ctx.max_report_bytes, o.message, o.hint);
}

}  // namespace

void word(const payload& p, const word_context& ctx, std::string& message, std::string& hint) {
  message.clear();
  hint.clear();
  std::visit([&](const auto& f) { words(f, out{ctx, message, hint}); }, p);
}

void word_too_many_diagnostics(bool by_report_bytes, std::size_t max_diagnostics, std::size_t max_report_bytes,
                               std::string& message, std::string& hint) {
  if (by_report_bytes)
    put(message,
        FMT_COMPILE("The diagnostics' text (paths, messages and hints) reached the limit of {} bytes; the rest are not "
                    "listed."),
        max_report_bytes);
  else
    put(message, FMT_COMPILE("More than {} diagnostics; the rest are not listed."), max_diagnostics);
  put(hint, FMT_COMPILE("Fix these first, or raise the limit."));
}

void word_held_back(held_back why, std::string_view name, std::string& hint) {
  if (why == held_back::none) return;
  if (!hint.empty()) hint += ' ';
  if (why == held_back::name_taken)
    fmt::format_to(std::back_inserter(hint), "Not fixed automatically: \"{}\" is already a member of this object.",
                   name);
  else
    fmt::format_to(std::back_inserter(hint),
                   "Not fixed automatically: another member of this object would also be named \"{}\".", name);
}

failure_words words_of(scan_failure f) noexcept {
  constexpr std::string_view numbers = "JSON numbers look like -12, 0.5 or 1e3.";
  constexpr std::string_view surrogate =
      "A UTF-16 string was cut in the middle of a character: complete or remove the escape.";
  constexpr std::string_view deep =
      "No valid profile nests this deep; look for a generator that wraps values repeatedly.";
  switch (f) {
    case scan_failure::none:
      break;
    case scan_failure::truncated:
      return {"The input ends in the middle of the JSON value.",
              "The body was truncated: complete it, or send the whole file."};
    case scan_failure::empty:
      return {"The input is empty or contains only white space.", "Send the profile as one JSON object."};
    case scan_failure::trailing_comma_object:
      return {"A trailing comma stands before '}'.", "Remove the comma after the last member (RFC 8259 allows none)."};
    case scan_failure::trailing_comma_array:
      return {"A trailing comma stands before ']'.", "Remove the comma after the last item (RFC 8259 allows none)."};
    case scan_failure::member_name:
      return {"A member name in double quotes was expected here.",
              "Write every name as a double-quoted string: \"name\": value."};
    case scan_failure::single_quote:
      return {"Single quotes are not JSON.",
              "Use double quotes for names and strings (print the body with a JSON serializer, e.g. json.dumps)."};
    case scan_failure::comment:
      return {"Comments are not allowed in JSON.", "Remove the comment."};
    case scan_failure::after_value:
      return {"Unexpected text after the JSON value.",
              "A body holds exactly one JSON value: remove what follows it (a stray brace or a second document?)."};
    case scan_failure::literal:
      return {"Invalid literal: expected true, false or null.",
              "Literals are lower case and unquoted: true, false, null."};
    case scan_failure::nan_or_infinity:
      return {"NaN and Infinity are not JSON values.", "Use a number or null."};
    case scan_failure::number:
      return {"Invalid number.", numbers};
    case scan_failure::number_minus:
      return {"Invalid number: a digit must follow '-'.", numbers};
    case scan_failure::number_leading_zero:
      return {"Invalid number: leading zeros are not allowed.",
              "Remove the leading zeros, or quote the value if it is an identifier."};
    case scan_failure::number_fraction:
      return {"Invalid number: a digit must follow '.'.", numbers};
    case scan_failure::number_exponent:
      return {"Invalid number: the exponent has no digit.", numbers};
    case scan_failure::control_character:
      return {"A control character in a string must be escaped.",
              "Write \\n, \\t or \\u00XX instead of the raw character."};
    case scan_failure::escape:
      return {"Invalid escape sequence in a string.",
              "Valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\."};
    case scan_failure::colon:
      return {"A ':' must follow the member name.", "Write \"name\": value."};
    case scan_failure::comma_object:
      return {"Expected ',' or '}' after the member.",
              "Separate members with commas; check for a missing comma or quote."};
    case scan_failure::comma_array:
      return {"Expected ',' or ']' after the item.", "Separate items with commas; check for a missing comma or quote."};
    case scan_failure::value:
      return {"A JSON value was expected here.",
              "Values are strings in double quotes, numbers, true, false, null, objects or arrays."};
    case scan_failure::utf8:
      return {"Invalid UTF-8 byte sequence.",
              "Send the body as UTF-8 (RFC 8259 section 8.1); was it saved as Latin-1 or UTF-16?"};
    case scan_failure::lone_high_surrogate:
      return {"Lone surrogate escape: a high surrogate is not followed by a \\uDC00-\\uDFFF escape.", surrogate};
    case scan_failure::lone_low_surrogate:
      return {"Lone surrogate escape: a low surrogate has no high surrogate before it.", surrogate};
    case scan_failure::too_deep:
      return {"Nesting is deeper than the limit.", deep};
    case scan_failure::too_deep_to_track:
      return {"Nesting is too deep to track.", deep};
    case scan_failure::unrepresentable_number:
      return {"A number is outside the range this parser can represent.",
              "Integers must fit in 64 bits and numbers in a double."};
    case scan_failure::parser_limit:
      break;
  }
  return {};
}

severity severity_of(const payload& p) noexcept {
  if (const auto* empty = std::get_if<finding::empty_collection>(&p))
    return empty->prop->empty == empty_rule::warning ? severity::warning : severity::error;
  return all_codes()[static_cast<std::size_t>(code_of(p))].default_severity;
}

}  // namespace sdsprofile::engine
