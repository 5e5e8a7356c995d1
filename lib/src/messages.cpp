// Message and hint text of each code. Runs only for diagnostics that are kept (slow path).
#include <fmt/format.h>

#include <simdjson.h>

#include "record.hpp"
#include "text_rules.hpp"

namespace sdsprofile::detail {
namespace {

std::string_view json_type_name(std::uint8_t t) {
  using simdjson::dom::element_type;
  switch (static_cast<element_type>(t)) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

// Pieces of messages, formatted straight into the output (no temporary strings).
struct expected_type {  // "Edm.String (a JSON string)", "a JSON array (Collection of ...)"
  const model& m;
  const property_def& p;
  bool item;
};
struct quoted_list {  // "a", "b" or "c"
  std::span<const std::string_view> items;
};
struct concrete_types {  // the odata_type of every concrete type assignable to `declared`
  const model& m;
  std::string_view declared;
};
struct date_text {  // YYYY-MM-DD of a Unix time
  std::int64_t seconds;
};
struct with_article {  // "an educationCsvDataProvider", "a section"
  std::string_view noun;
};
// Text quoted from the input: cut past max_quoted_bytes, at a UTF-8 sequence boundary, and
// ended with an ellipsis (docs/rules.md "Limits and safety"), so that the words of a diagnostic
// stay short however long the key or value they quote. Text from the model is never that long.
struct quoted {
  std::string_view text;
};

}  // namespace
}  // namespace sdsprofile::detail

template <>
struct fmt::formatter<sdsprofile::detail::quoted> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::quoted& q, format_context& ctx) const -> decltype(ctx.out()) {
    std::string_view text = q.text;
    if (text.size() <= sdsprofile::detail::max_quoted_bytes) return fmt::format_to(ctx.out(), "{}", text);
    std::size_t cut = sdsprofile::detail::max_quoted_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // not inside a sequence
    return fmt::format_to(ctx.out(), "{}\u2026", text.substr(0, cut));
  }
};

template <>
struct fmt::formatter<sdsprofile::detail::with_article> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::with_article& w, format_context& ctx) const -> decltype(ctx.out()) {
    const bool vowel = !w.noun.empty() && std::string_view("aeiouAEIOU").find(w.noun.front()) != std::string_view::npos;
    return fmt::format_to(ctx.out(), "{} {}", vowel ? "an" : "a", w.noun);
  }
};

template <>
struct fmt::formatter<sdsprofile::detail::expected_type> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::expected_type& e, format_context& ctx) const -> decltype(ctx.out()) {
    using sdsprofile::detail::value_kind;
    auto out = ctx.out();
    const bool collection = e.p.collection && !e.item;
    if (collection) out = fmt::format_to(out, "a JSON array (Collection of ");
    switch (e.p.kind) {
      case value_kind::string:
        out = fmt::format_to(out, "Edm.String (a JSON string)");
        break;
      case value_kind::boolean:
        out = fmt::format_to(out, "Edm.Boolean (true or false, without quotes)");
        break;
      case value_kind::int64:
        out = fmt::format_to(out, "Edm.Int64 (a JSON integer)");
        break;
      case value_kind::date:
        out = fmt::format_to(out, "Edm.Date (a \"YYYY-MM-DD\" string)");
        break;
      case value_kind::date_time_offset:
        out = fmt::format_to(out, "Edm.DateTimeOffset (an RFC 3339 date-time string)");
        break;
      case value_kind::enumeration:
        out = fmt::format_to(out, "{} (a member name string)", e.m.enums[static_cast<std::size_t>(e.p.target)].name);
        break;
      case value_kind::complex:
        out = fmt::format_to(out, "{} object",
                             sdsprofile::detail::with_article{e.m.types[static_cast<std::size_t>(e.p.target)].name});
        break;
    }
    if (collection) out = fmt::format_to(out, ")");
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::detail::quoted_list> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::quoted_list& l, format_context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    for (std::size_t i = 0; i < l.items.size(); ++i)
      out = fmt::format_to(out, "{}\"{}\"", i == 0 ? "" : (i + 1 == l.items.size() ? " or " : ", "), l.items[i]);
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::detail::concrete_types> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::concrete_types& c, format_context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    const int t = c.m.find_type(c.declared);
    if (t < 0) return out;
    const auto concrete = c.m.concrete_of(c.m.types[static_cast<std::size_t>(t)]);
    for (std::size_t i = 0; i < concrete.size(); ++i)
      out = fmt::format_to(out, "{}\"{}\"", i == 0 ? "" : (i + 1 == concrete.size() ? " or " : ", "),
                           c.m.types[concrete[i]].odata_type);
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::detail::date_text> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::detail::date_text& d, format_context& ctx) const -> decltype(ctx.out()) {
    const auto c = sdsprofile::detail::civil_from_days(sdsprofile::detail::days_from_seconds(d.seconds));
    return fmt::format_to(ctx.out(), "{:04}-{:02}-{:02}", c.year, c.month, c.day);
  }
};

namespace sdsprofile::detail {
namespace {

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

// Formats into `out`, reusing its capacity (no allocation once the buffers have grown).
template <typename... Args>
void put(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  out.clear();
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

}  // namespace

void format_record(const record& r, const record_text_context& ctx, std::string& message, std::string& hint) {
  const model& m = ctx.m;
  message.clear();
  hint.clear();
  // Input quoted in the words is cut past max_quoted_bytes (docs/rules.md "Limits and safety").
  const quoted a{r.a}, b{r.b};
  const std::string_view prop = r.prop != nullptr ? r.prop->name : std::string_view{};
  switch (r.id) {
    case code::json_syntax:
    case code::json_encoding:
    case code::json_too_deep:
      put(message, "{}", a);
      if (!r.b.empty()) put(hint, "{}", b);
      break;
    case code::json_too_large:
      put(message, "The input is larger than the limit of {} bytes.", r.n);
      put(hint, "Graph accepts request bodies of at most 4 MiB (4194304 bytes).");
      break;
    case code::json_bom:
      put(message, "A UTF-8 byte order mark precedes the JSON value; it was skipped.");
      put(hint, "Save the file as UTF-8 without BOM (RFC 8259 section 8.1).");
      break;
    case code::json_duplicate_key:
      put(message, "The name \"{}\" appears more than once in this object; OData JSON forbids duplicate names.", a);
      put(hint, "Keep one \"{}\" member and remove the others.", a);
      break;
    case code::type_mismatch:
      if (r.prop != nullptr && r.n == 1)
        put(message, "An item of \"{}\" must be {}, not {}.", prop, expected_type{m, *r.prop, true},
            json_type_name(r.variant));
      else if (r.prop != nullptr)
        put(message, "\"{}\" must be {}, not {}.", prop, expected_type{m, *r.prop, false}, json_type_name(r.variant));
      else if (!r.a.empty())
        put(message, "@odata.type must be {}, not {}.", a, json_type_name(r.variant));
      else
        put(message, "The body must be a JSON object (an educationSynchronizationProfile), not {}.",
            json_type_name(r.variant));
      if (r.prop != nullptr && r.prop->kind == value_kind::boolean &&
          r.variant == static_cast<std::uint8_t>(simdjson::dom::element_type::STRING))
        put(hint, "Write true or false without quotes.");
      break;
    case code::null_not_allowed:
      if (r.variant != 0)
        put(message, "An item of \"{}\" is null; items must be {}.", prop, expected_type{m, *r.prop, true});
      else
        put(message, "\"{}\" is null, but it is not nullable: it must be {}.", prop, expected_type{m, *r.prop, true});
      hint =
          r.variant != 0 ? "Remove the null item." : "Give a value (null is not \"missing\": the property is present).";
      break;
    case code::null_collection:
      put(message, "\"{}\" is null; a collection is never null, so this is treated as if it were omitted.", prop);
      put(hint, "Omit \"{}\" or send [] (for optionalPropertiesToSync, omitted means every optional attribute).", prop);
      break;
    case code::missing_required:
      put(message, "Required property \"{}\" of {} is missing.", a, b);
      break;
    case code::unknown_property: {
      put(message, "\"{}\" is not a property of {}.", a, b);
      if (r.n >= 0) {
        const historic_name& h = m.historic_names[static_cast<std::size_t>(r.n)];
        if (!h.replacement.empty())
          put(hint, "\"{}\" is a historic name: {}. Use \"{}\".", h.name, h.note, h.replacement);
        else
          put(hint, "\"{}\" is a historic name: {}.", h.name, h.note);
      } else if (m.is_stray_discriminator(r.a)) {  // "type", "odata.type", ... on a concrete type
        put(hint, "Did you mean \"@odata.type\"? \"{}\" is not the OData type annotation.", a);
      } else {
        const int t = m.find_type(r.b);
        if (t >= 0)
          if (auto near = nearest_name(r.a, m.properties_of(m.types[static_cast<std::size_t>(t)]),
                                       [](const property_def& p) { return p.name; }))
            put(hint, "Did you mean \"{}\"?", *near);
      }
      break;
    }
    case code::property_name_case:
      if (r.variant == 1)  // the discriminator key (docs/rules.md "Vocabulary")
        put(message,
            "\"{}\" is \"@odata.type\" only ignoring case: annotation names are case-sensitive, so the service would "
            "see no type.",
            a);
      else
        put(message, "\"{}\" matches the property \"{}\" only ignoring case; names are case-sensitive.", a, b);
      put(hint, "Write \"{}\".", b);
      break;
    case code::read_only_property:
      put(message, "\"{}\" is read-only: the service ignores it in a create or update body.", a);
      put(hint, "Remove \"{}\" (expansion drops it).", a);
      break;
    case code::navigation_property:
      put(message, "\"{}\" is a navigation property and cannot be written inline in a create or update body.", a);
      put(hint, "Remove \"{}\".", a);
      break;
    case code::ignored_annotation:
      put(message, "The annotation \"{}\" is ignored in a create or update body (only @odata.type is used).", a);
      if (m.is_stray_discriminator(r.a))  // "@type": meant as the type, which this object has already
        put(hint, "Did you mean \"@odata.type\"? \"{}\" is not the OData type annotation.", a);
      else
        put(hint, "Remove \"{}\" (expansion drops it).", a);
      break;
    case code::odata_type_missing:
      // b: a stray discriminator key (docs/rules.md "Vocabulary"); variant 1: its value names type n.
      put(message, "This {} object needs an \"@odata.type\": the type is abstract.", a);
      if (!r.b.empty() && r.variant == 1)
        put(hint, "Write \"@odata.type\": \"{}\" in place of \"{}\", which is not the OData type annotation.",
            m.types[static_cast<std::size_t>(r.n)].odata_type, b);
      else if (!r.b.empty() && r.n >= 0)
        put(hint,
            "Add \"@odata.type\": \"{}\" (the type whose properties fit); \"{}\" is not the OData type annotation.",
            m.types[static_cast<std::size_t>(r.n)].odata_type, b);
      else if (!r.b.empty())
        put(hint, "Add \"@odata.type\" with one of {}; \"{}\" is not the OData type annotation.",
            concrete_types{m, r.a}, b);
      else if (r.n >= 0)
        put(hint, "Add \"@odata.type\": \"{}\" (the type whose properties fit).",
            m.types[static_cast<std::size_t>(r.n)].odata_type);
      else
        put(hint, "Add \"@odata.type\" with one of {}.", concrete_types{m, r.a});
      break;
    case code::unknown_odata_type:
      put(message, "\"{}\" names no type of the model (namespace microsoft.graph) for {}.", a, with_article{r.b});
      if (r.n >= 0) put(hint, "Did you mean \"{}\"?", m.types[static_cast<std::size_t>(r.n)].odata_type);
      break;
    case code::abstract_type:
      put(message, "{} is abstract; {} needs one of its concrete derived types.", a, with_article{r.b});
      if (r.n >= 0)
        put(hint, "Use \"{}\" (the type whose properties fit).", m.types[static_cast<std::size_t>(r.n)].odata_type);
      else
        put(hint, "Use one of {}.", concrete_types{m, r.b});
      break;
    case code::odata_type_not_derived:
      put(message, "{} is not {} nor derived from it.", a, b);
      put(hint, "Use one of {}.", concrete_types{m, r.b});
      break;
    case code::odata_type_noncanonical:
      put(message, "\"{}\" matches \"{}\" only ignoring case, the leading '#' or the namespace alias.", a, b);
      put(hint, "Write \"{}\" (expansion writes it so).", b);
      break;
    case code::invalid_enum: {
      const auto members = m.list(m.enums[static_cast<std::size_t>(r.n)].members);
      put(message, "\"{}\" is not a member of {}: allowed values are {} (case-sensitive).", a, b, quoted_list{members});
      if (auto near = nearest_name(r.a, members)) put(hint, "Did you mean \"{}\"?", *near);
      break;
    }
    case code::role_not_supported: {
      const auto supported = m.list(m.enums[static_cast<std::size_t>(r.n)].supported);
      put(message, "\"{}\" is a member of {}, but SDS acts only on {}.", a, b, quoted_list{supported});
      break;
    }
    case code::duplicate_applies_to:
      put(message, "A second entry for the role \"{}\" in \"{}\"; each role may appear once.", a, b);
      put(hint, "Merge the two \"{}\" entries.", a);
      break;
    case code::role_without_domain:
      put(message, "Licences are assigned to \"{}\", but no userDomains entry creates accounts for that role.", a);
      put(hint, "Add a userDomains entry with \"appliesTo\": \"{}\", or remove this licence.", a);
      break;
    case code::licenses_ignored:
      put(message,
          "licensesToAssign is ignored with an educationIdentityMatchingConfiguration: SDS assigns licences only to "
          "accounts it creates.");
      put(hint, "Remove licensesToAssign, or use an educationIdentityCreationConfiguration.");
      break;
    case code::invalid_guid: {
      put(message, "\"{}\" in \"{}\" is not a GUID (8-4-4-4-12 hexadecimal digits).", a, prop);
      if (auto g = recover_guid(r.a))
        put(hint, "Write \"{}\".", g->view());
      else
        put(hint, "skuIds take the SKU's GUID (skuId, e.g. from GET /subscribedSkus), not its part number.");
      break;
    }
    case code::nil_guid:
      put(message, "The nil GUID is not a SKU; it is a placeholder.");
      put(hint, "Use the skuId of a subscribed SKU.");
      break;
    case code::duplicate_value:
      put(message, "\"{}\" appears more than once in \"{}\".", a, b);
      put(hint, "Remove the repeated item.");
      break;
    case code::empty_collection:
      if (r.level == severity::error)
        put(message, "\"{}\" is empty; it needs at least one entry.", a);
      else
        put(message, "\"{}\" is empty: no licence is assigned by this item.", a);
      break;
    case code::empty_value:
      put(message, "\"{}\" is empty or only white space.", prop);
      break;
    case code::invalid_domain: {
      const auto problem = static_cast<domain_problem>(r.variant);
      put(message, "\"{}\" is not a DNS domain name: {}.", a, domain_reason(problem));
      // A "Write ..." hint only when the mechanical repair gives a valid name.
      std::string_view repaired;
      if (problem == domain_problem::leading_at)
        repaired = r.a.substr(1);
      else if (problem == domain_problem::trailing_dot)
        repaired = r.a.substr(0, r.a.size() - 1);
      else if (problem == domain_problem::surrounding_space)
        repaired = trim_white_space(r.a);
      if (!repaired.empty() && check_domain(repaired) == domain_problem::none)
        put(hint, "Write \"{}\".", quoted{repaired});
      else if (problem == domain_problem::non_ascii)
        put(hint, "Write the domain in its ASCII (xn--) form.");
      break;
    }
    case code::invalid_url:
      put(message, "\"{}\" in \"{}\" is not an absolute http(s) URL.", a, prop);
      put(hint, "Write a URL such as \"https://sis.example.edu/\".");
      break;
    case code::insecure_url:
      put(message, "\"{}\" uses http: the client credentials would travel in clear.", prop);
      put(hint, "Use https.");
      break;
    case code::unknown_optional_property: {
      const csv_entity_def& e = m.csv_entities[static_cast<std::size_t>(r.n)];
      put(message, "\"{}\" is not an optional attribute of {} in the SDS v1 CSV format (names are exact CSV headers).",
          a, e.name);
      auto near = nearest_name(r.a, m.list(e.optional));
      if (!near) {
        // A name that only ends like a real one ("Email" for "Secondary Email").
        for (std::string_view o : m.list(e.optional))
          if (folded_ends_with(o, r.a)) {
            near = o;
            break;
          }
      }
      if (near)
        put(hint, "Did you mean \"{}\"?", *near);
      else
        put(hint, "Optional attributes of {}: {}.", e.name, quoted_list{m.list(e.optional)});
      break;
    }
    case code::required_attribute_listed:
      put(message, "\"{}\" is a required {} attribute: it is always synced, listing it changes nothing.", a, b);
      put(hint, "Remove \"{}\" from optionalPropertiesToSync.", a);
      break;
    case code::deprecated_optional_property:
      put(message, "\"{}\" is a student attribute SDS stopped syncing in December 2018.", a);
      put(hint, "Remove \"{}\".", a);
      break;
    case code::not_applicable:
      if (r.variant == 0) {
        put(message, "optionalPropertiesToSync does not apply to {}; the list is ignored.", a);
        put(hint, "Send [] or omit optionalPropertiesToSync for {}.", a);
      } else {
        put(message, "synchronizationStartDate applies only to studentEnrollment; on {} it is ignored.", b);
        put(hint, "Omit it, or send the \"not set\" value \"0001-01-01T00:00:00Z\".");
      }
      break;
    case code::invalid_datetime:
      put(message,
          "\"{}\" is not an Edm.DateTimeOffset: an RFC 3339 date-time with offset is required (e.g. "
          "\"2025-09-01T00:00:00Z\").",
          a);
      if (auto s = suggest_date_time(r.a)) put(hint, "Write \"{}\".", s->view());
      break;
    case code::invalid_date:
      if (parse_date_time_offset(r.a) && r.a.size() > 10) put(hint, "Write \"{}\".", quoted{r.a.substr(0, 10)});
      put(message, "\"{}\" is not an Edm.Date: a real date written \"YYYY-MM-DD\" is required.", a);
      break;
    case code::date_in_past:
      put(message, "\"{}\" ({}) is before now ({}).", a, prop, date_text{ctx.now_seconds});
      hint = prop == "expirationDate" ? "Choose a future date, or omit expirationDate (never expires)."
                                      : "Choose a future date, or omit it to sync when setup completes.";
      break;
    case code::expiration_too_far: {
      const civil_date limit = add_months(civil_from_days(days_from_seconds(ctx.now_seconds)), 18);
      put(message, "expirationDate \"{}\" is more than 18 months after now (the latest is {:04}-{:02}-{:02}).", a,
          limit.year, limit.month, limit.day);
      put(hint, "Choose {:04}-{:02}-{:02} or earlier.", limit.year, limit.month, limit.day);
      break;
    }
    case code::case_sensitive_value:
      put(message, "\"{}\" matches \"{}\" only ignoring case; the service compares {} case-sensitively.", a, b, prop);
      put(hint, "Write \"{}\".", b);
      break;
    case code::too_many_diagnostics:
      if (r.variant == too_many_report_bytes)
        put(message,
            "The diagnostics' text (paths, messages and hints) reached the limit of {} bytes; the rest are not listed.",
            ctx.max_report_bytes);
      else
        put(message, "More than {} diagnostics; the rest are not listed.", ctx.max_diagnostics);
      put(hint, "Fix these first, or raise the limit.");
      break;
    case code::serialized_object_text:
      if (r.prop == nullptr)
        put(message,
            "The body must be an object, but is the text \"{}\": a PowerShell object was converted to its type name.",
            a);
      else if (r.n == 1)
        put(message,
            "An item of \"{}\" must be {}, but holds the text \"{}\": a PowerShell object was converted to its type "
            "name.",
            prop, expected_type{m, *r.prop, true}, a);
      else
        put(message,
            "\"{}\" must be {}, but holds the text \"{}\": a PowerShell object was converted to its type name.", prop,
            expected_type{m, *r.prop, false}, a);
      put(hint, "ConvertTo-Json cut the object at its default depth of 2: pass -Depth 10.");
      break;
    // The CSV folder's codes: worded by csv/messages.cpp, never recorded by this engine.
    case code::csv_file_missing:
    case code::csv_file_name_case:
    case code::csv_extra_file:
    case code::csv_encoding:
    case code::csv_bom:
    case code::csv_syntax:
    case code::csv_line_break_in_field:
    case code::csv_field_count:
    case code::csv_blank_line:
    case code::csv_too_many_rows:
    case code::csv_header_missing:
    case code::csv_required_column_missing:
    case code::csv_duplicate_column:
    case code::csv_header_case:
    case code::csv_unknown_column:
    case code::csv_deprecated_column:
    case code::csv_required_value_missing:
    case code::csv_id_format:
    case code::csv_section_alias:
    case code::csv_whitespace:
    case code::csv_special_characters:
    case code::csv_value_too_long:
    case code::csv_duplicate_id:
    case code::csv_duplicate_username:
    case code::csv_invalid_date:
    case code::csv_date_not_iso:
    case code::csv_date_format_mixed:
    case code::csv_term_dates_reversed:
    case code::csv_email_syntax:
    case code::csv_dangling_reference:
    case code::csv_dangling_school:
    case code::csv_not_csv_provider:
    case code::csv_enabled_column_missing:
    case code::csv_enabled_column_empty:
    case code::csv_role_without_domain:
    case code::csv_username_has_domain:
    case code::csv_upn_invalid:
    case code::csv_password_policy:
    case code::csv_matching_column_missing:
    case code::csv_matching_source_unsupported:
    case code::csv_matching_value_missing:
    case code::csv_matching_value_format:
    case code::csv_matching_duplicate_key:
    case code::csv_role_without_matching:
      break;
  }
}

}  // namespace sdsprofile::detail
