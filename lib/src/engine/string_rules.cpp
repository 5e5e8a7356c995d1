// The value rules of strings (docs/rules.md "Catalogue"): enum members and roles, Edm.Date and
// Edm.DateTimeOffset with their date rules, blank values, DNS names, http(s) URLs, GUIDs, CSV
// attribute names and the names identity matching compares. The text predicates are in
// lib/src/text_rules.cpp; this file decides which finding a value gets.
#include "engine/walk.hpp"
#include "text_rules.hpp"

namespace sdsprofile::engine {

// empty-value.
bool walker::check_non_blank(tape_index at, std::string_view s, const slot& p) {
  if (!detail::is_blank(s)) return true;
  emit(at, finding::empty_value{&p});
  return false;
}

// empty-value, invalid-domain.
bool walker::check_dns_name(tape_index at, std::string_view s, const slot& p) {
  const detail::domain_problem problem = detail::check_domain(s);
  if (problem == detail::domain_problem::none) return true;
  if (detail::is_blank(s))
    emit(at, finding::empty_value{&p});
  else
    emit(at, finding::invalid_domain{s, problem});
  return false;
}

// empty-value, invalid-url, insecure-url.
bool walker::check_http_url(tape_index at, std::string_view s, const slot& p) {
  if (detail::is_blank(s)) {
    emit(at, finding::empty_value{&p});
    return false;
  }
  const detail::url_check u = detail::check_url(s);
  if (u.problem != detail::url_problem::none)
    emit(at, finding::invalid_url{s, &p});
  else if (u.insecure)
    emit(at, finding::insecure_url{&p});
  return u.problem == detail::url_problem::none && !u.insecure;
}

// invalid-guid, nil-guid; a valid GUID's bits stay in guid_hi_ and guid_lo_ for duplicate-value.
bool walker::check_guid(tape_index at, std::string_view s, const slot& p) {
  const bool parsed = detail::guid_bits(s, guid_hi_, guid_lo_);
  if (parsed && (guid_hi_ | guid_lo_) != 0) return true;
  report_guid(at, s, p, parsed);
  return false;
}

// The findings of check_guid, out of its way.
void walker::report_guid(tape_index at, std::string_view s, const slot& p, bool parsed) {
  if (!parsed)
    emit(at, finding::invalid_guid{s, &p});
  else
    emit(at, finding::nil_guid{});
}

// invalid-enum; role-not-supported for a member SDS does not act on (still a role: it counts for
// duplicate-applies-to).
bool walker::check_enum(tape_index at, std::string_view s, const slot& p, int* role) {
  const enum_def& e = m_.enums[static_cast<std::size_t>(p.target)];
  const int member = e.member_names.find(s, e.members);
  if (member >= 0 && role != nullptr) *role = member;
  if (member >= 0 && (e.supported_bits == 0 || ((e.supported_bits >> member) & 1u))) return true;
  report_enum(at, s, e, member >= 0);
  return false;
}

// The findings of check_enum, out of its way.
void walker::report_enum(tape_index at, std::string_view s, const enum_def& e, bool member) {
  if (!member)
    emit(at, finding::invalid_enum{s, &e});
  else
    emit(at, finding::role_not_supported{s, &e});
}

// invalid-date; for expirationDate, date-in-past and expiration-too-far (18 months after now).
void walker::check_date(tape_index at, std::string_view s, const slot& p) {
  const auto d = detail::parse_edm_date(s);
  if (!d) {
    emit(at, finding::invalid_date{s});
    return;
  }
  if (p.date != date_rule::expiration) return;
  const std::int64_t day = detail::days_from_civil(*d);
  if (day < today_)
    emit(at, finding::date_in_past{s, &p});
  else if (day > latest_expiration_)
    emit(at, finding::expiration_too_far{s});
}

// invalid-datetime; for synchronizationStartDate other than the "not set" sentinel, not-applicable
// on an entity it does not apply to, else date-in-past.
void walker::check_date_time(tape_index at, std::string_view s, const slot& p, context c) {
  const auto t = detail::parse_date_time_offset(s);
  if (!t) {
    emit(at, finding::invalid_datetime{s});
    return;
  }
  if (p.date != date_rule::start || *t == detail::sentinel_seconds()) return;
  if (c.entity >= 0 && !m_.csv_entities[static_cast<std::size_t>(c.entity)].start_date_applies)
    emit(at, finding::start_date_not_applicable{&m_.csv_entities[static_cast<std::size_t>(c.entity)]});
  else if (*t < now_)
    emit(at, finding::date_in_past{s, &p});
}

// An optionalPropertiesToSync item of the CSV provider: an optional attribute of its entity, or
// not (deprecated, required, unknown). Other providers have no known list: check_string does
// not call this for them.
bool walker::check_attribute(tape_index at, std::string_view s, context c) {
  const csv_entity_def& e = m_.csv_entities[static_cast<std::size_t>(c.entity)];
  const int i = e.attribute_names.find(s, [&e](std::size_t k) { return e.attributes[k].name; });
  const attribute_class kind = i >= 0 ? e.attributes[static_cast<std::size_t>(i)].kind : attribute_class::identity;
  if (kind == attribute_class::optional) return true;
  report_attribute(at, s, e, kind);
  return false;
}

// The findings of check_attribute about a name that is not an optional attribute, out of its way.
void walker::report_attribute(tape_index at, std::string_view s, const csv_entity_def& e, attribute_class kind) {
  switch (kind) {
    case attribute_class::optional:
      return;
    case attribute_class::deprecated:
      emit(at, finding::deprecated_optional_property{s});
      return;
    case attribute_class::required:
      emit(at, finding::required_attribute_listed{s, &e});
      return;
    case attribute_class::identity:
      break;  // identity columns are not optional attributes
  }
  emit(at, finding::unknown_optional_property{s, &e});
}

// sourcePropertyName / targetPropertyName: empty-value, or case-sensitive-value for a known name
// written in another case.
bool walker::check_matching_name(tape_index at, std::string_view s, const slot& p) {
  if (detail::is_blank(s)) {
    emit(at, finding::empty_value{&p});
    return false;
  }
  const bool source = p.rule == string_rule::matching_source;
  const auto known = source ? m_.matching_source_names : m_.matching_target_names;
  const name_hash& hash = source ? m_.matching_source_hash : m_.matching_target_hash;
  if (hash.find(s, known) >= 0) return true;
  for (std::string_view k : known)
    if (detail::iequals(k, s)) {
      emit(at, finding::case_sensitive_value{s, k, &p});
      return false;
    }
  return true;
}

}  // namespace sdsprofile::engine
