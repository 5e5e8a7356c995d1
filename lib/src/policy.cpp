// Per-code policy (sdsprofile/policy.hpp): selectors resolved against all_codes(), layers, and the
// report filter.
#include "sdsprofile/policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace sdsprofile {
namespace {

// Optimal string alignment distance (Levenshtein plus swaps of neighbours), for did-you-mean.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

// The nearest code name or whole-word prefix of one ("odata-type-"): at most two edits and a third
// of the longer name; empty when none is that near.
std::string nearest_selector(std::string_view typed) {
  if (typed.size() > 64) return {};
  std::string best;
  std::size_t best_distance = 3;
  const auto consider = [&](std::string_view candidate) {
    const std::size_t distance = edit_distance(typed, candidate);
    if (distance < best_distance && distance * 3 <= std::max(typed.size(), candidate.size())) {
      best = candidate;
      best_distance = distance;
    }
  };
  for (const code_info& info : all_codes()) {
    consider(info.name);
    for (std::size_t dash = info.name.find('-'); dash != std::string_view::npos; dash = info.name.find('-', dash + 1))
      consider(info.name.substr(0, dash + 1));
  }
  return best;
}

// Whether `selector` names `name`: equal, or a prefix ending in '-'.
bool names(std::string_view selector, std::string_view name) {
  return selector == name || (selector.ends_with('-') && name.starts_with(selector));
}

// Of the selectors in `first` and `second` that name `name`, whether the most specific is in
// `second` (ties go to `second`); nullopt when none names it.
std::optional<bool> most_specific_in_second(const std::vector<std::string>& first,
                                            const std::vector<std::string>& second, std::string_view name) {
  std::optional<bool> winner;
  std::size_t length = 0;
  for (const std::string& s : first)
    if (names(s, name) && (!winner || s.size() > length)) {
      winner = false;
      length = s.size();
    }
  for (const std::string& s : second)
    if (names(s, name) && (!winner || s.size() >= length)) {
      winner = true;
      length = s.size();
    }
  return winner;
}

}  // namespace

std::string_view to_string(policy_list l) noexcept {
  switch (l) {
    case policy_list::select:
      return "select";
    case policy_list::ignore:
      return "ignore";
    case policy_list::warn:
      return "warn";
    case policy_list::error:
      return "error";
  }
  return {};
}

std::string_view to_string(code_action a) noexcept {
  switch (a) {
    case code_action::keep:
      return "keep";
    case code_action::ignore:
      return "ignore";
    case code_action::warning:
      return "warning";
    case code_action::error:
      return "error";
  }
  return {};
}

bool is_document_level(code c) noexcept {
  return c == code::json_syntax || c == code::json_encoding || c == code::json_too_deep || c == code::json_too_large;
}

std::vector<code> codes_named_by(std::string_view selector) {
  std::vector<code> named;
  if (selector.empty()) return named;
  for (const code_info& info : all_codes())
    if (names(selector, info.name)) named.push_back(info.id);
  return named;
}

std::string selector_problem(policy_list list, std::string_view selector) {
  if (selector.empty()) return "an empty code";
  const std::vector<code> named = codes_named_by(selector);
  if (named.empty()) {
    const std::string suggestion = nearest_selector(selector);
    return fmt::format("unknown code '{}'{}", selector,
                       suggestion.empty() ? std::string() : fmt::format(", did you mean '{}'?", suggestion));
  }
  if (list != policy_list::ignore && list != policy_list::warn) return {};
  const bool only_document_level = std::all_of(named.begin(), named.end(), is_document_level);
  if (!only_document_level) return {};
  const std::string_view verb = list == policy_list::ignore ? "ignored" : "made a warning";
  if (named.size() == 1 && to_string(named.front()) == selector)
    return fmt::format("'{}' is a document-level code: it cannot be {}", selector, verb);
  return fmt::format("'{}' names only document-level codes, which cannot be {}", selector, verb);
}

policy::policy() noexcept { actions_.fill(code_action::keep); }

std::string policy::add(const policy_layer& layer) {
  const std::pair<policy_list, const std::vector<std::string>*> lists[] = {{policy_list::select, &layer.select},
                                                                           {policy_list::ignore, &layer.ignore},
                                                                           {policy_list::warn, &layer.warn},
                                                                           {policy_list::error, &layer.error}};
  for (const auto& [list, selectors] : lists)
    for (const std::string& selector : *selectors)
      if (std::string problem = selector_problem(list, selector); !problem.empty())
        return fmt::format("{}: {}", to_string(list), problem);
  for (const code_info& info : all_codes()) {
    code_action& action = actions_[static_cast<std::size_t>(info.id)];
    if (is_document_level(info.id)) continue;  // always errors, as the catalogue reports them
    // Reported or not: the earlier layers' answer unless this layer has one.
    bool reported = action != code_action::ignore;
    if (const auto ignored = most_specific_in_second(layer.select, layer.ignore, info.name))
      reported = !*ignored;
    else if (!layer.select.empty())
      reported = false;
    // The severity: the earlier layers' unless this layer names the code in warn or error.
    code_action severity = action == code_action::ignore ? code_action::keep : action;
    if (const auto as_error = most_specific_in_second(layer.warn, layer.error, info.name))
      severity = *as_error ? code_action::error : code_action::warning;
    // An ignored code keeps no severity: a later layer that reports it again starts from the
    // catalogue's, or from what that layer says.
    action = reported ? severity : code_action::ignore;
  }
  return {};
}

code_action policy::action(code c) const noexcept {
  const auto i = static_cast<std::size_t>(c);
  return i < actions_.size() ? actions_[i] : code_action::keep;
}

bool policy::is_default() const noexcept {
  return std::all_of(actions_.begin(), actions_.end(), [](code_action a) { return a == code_action::keep; });
}

void policy::apply(const report& in, report& out) const {
  out = in;
  auto& items = out.items_;
  std::size_t kept = 0;
  for (const diagnostic& d : items) {
    const code_action a = action(d.code);
    if (a == code_action::ignore) continue;
    diagnostic& next = items[kept++];
    next = d;
    if (a == code_action::warning) next.severity = severity::warning;
    if (a == code_action::error) next.severity = severity::error;
  }
  items.resize(kept);
}

}  // namespace sdsprofile
