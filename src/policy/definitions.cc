// Reading ```minsheng blocks' YAML into a Pack's definitions (definitions.h).
//
// Every error names the definition and stands at the key or value that is wrong, so an
// author can go straight to it. Formulas are not parsed here; see check.h.
#include "policy/definitions.h"

#include <algorithm>
#include <initializer_list>
#include <limits>

#include "policy/check.h"
#include "policy/expression.h"

namespace minsheng::policy {
namespace {

const std::vector<std::string> kSectionKeys = {"pack",      "entities", "parameters",
                                               "variables", "programs", "stages"};
const std::vector<std::string> kPackKeys = {"id", "name", "region", "sources"};
// A reform changes parameters and formulas; entities, programs and stages stay the pack's.
const std::vector<std::string> kReformSectionKeys = {"reform", "parameters", "variables"};
const std::vector<std::string> kReformKeys = {"id", "title", "from"};
const std::vector<std::string> kTitleKeys = {"zh", "en"};
const std::vector<std::string> kEntityKeys = {"plural", "group", "roles", "id_column", "source"};
// Both kinds of parameter's keys, so that a key of the other kind gets its own message.
const std::vector<std::string> kParameterKeys = {
    "title", "unit", "values", "scale", "threshold", "result", "brackets", "assumption", "source"};
const std::vector<std::string> kPlainOnlyKeys = {"unit", "values"};
const std::vector<std::string> kScaleOnlyKeys = {"threshold", "result", "brackets"};
const std::vector<std::string> kDatedValueKeys = {"value", "until"};
const std::vector<std::string> kScaleVersionKeys = {"until", "brackets"};
const std::vector<std::string> kVariableKeys = {"title",    "entity",   "period",     "type",
                                                "values",   "input",    "default",    "formula",
                                                "formulas", "rounding", "assumption", "source"};
const std::vector<std::string> kFormulaVersionKeys = {"from", "until", "formula"};
const std::vector<std::string> kProgramKeys = {"title",    "variable",   "payer", "payee",
                                               "rounding", "assumption", "source"};
const std::vector<std::string> kStageKeys = {"title", "variable",   "payer", "payee",
                                             "order", "assumption", "source"};
const std::vector<std::string> kRoundingNames = {"half_up_fen", "half_even_fen", "toward_zero_fen",
                                                 "half_up_yuan"};
// What `input:` may read from besides the data: the words before the dot of a binding.
const std::vector<std::string> kBindingSources = {"claim", "items", "person", "year_before"};
constexpr const char* kInputForms =
    "true, false, claim.<field>, items.<category>, person.<variable> or year_before.<variable>";

std::string Quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

std::string Backticked(std::string_view key) {
  return "`" + std::string(key) + "`";
}

std::string JoinList(const std::vector<std::string>& words, std::string_view last) {
  std::string text;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " " + std::string(last) + " " : ", ";
    text += words[i];
  }
  return text;
}

std::string OrList(const std::vector<std::string>& words) {
  return JoinList(words, "or");
}

std::string AndList(const std::vector<std::string>& words) {
  return JoinList(words, "and");
}

std::string Where(const SourceLocation& location) {
  return location.file + ":" + std::to_string(location.line);
}

bool IsName(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Names are identifiers in formulas (and column names in tables), hence the narrow form.
Status CheckName(std::string_view name, const std::string& kind, const SourceLocation& location) {
  if (name.size() > kNameLengthMax) {
    return InvalidArgument(kind + " name " + Quoted(name.substr(0, 20)) + "… is longer than " +
                           std::to_string(kNameLengthMax) + " characters")
        .At(location);
  }
  if (!IsName(name)) {
    return InvalidArgument(Quoted(name) + " is not a valid " + kind +
                           " name: use lowercase letters, digits and _, starting with a letter")
        .At(location);
  }
  return Status::Ok();
}

Status MissingKey(const std::string& what, std::string_view key, const SourceLocation& location,
                  std::string_view help = "") {
  return InvalidArgument(what + " needs " + Backticked(std::string(key) + ":") + std::string(help))
      .At(location);
}

// One of a fixed set of words ("marginal", "month", "money"), with a hint for a typo.
Result<std::string> ReadChoice(const YamlBlock& yaml, const YamlEntry& entry,
                               const std::string& what, const std::vector<std::string>& choices) {
  Result<std::string> text = yaml.Scalar(entry, what);
  if (!text.ok()) return text.status();
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return *text;
  std::string hint = ClosestName(*text, choices);
  std::string message = what + " cannot be " + Quoted(*text);
  message +=
      hint.empty() ? ": expected " + OrList(choices) : "; did you mean " + Quoted(hint) + "?";
  return InvalidArgument(message).At(yaml.ValueLocation(entry));
}

Result<Type> ReadType(const YamlBlock& yaml, const YamlEntry& entry, const std::string& what,
                      std::initializer_list<Type> allowed) {
  std::vector<std::string> names;
  for (Type type : allowed) names.emplace_back(TypeName(type));
  // A type the language has but this place does not take gets no did-you-mean: 'date'
  // is not a typo of 'rate'.
  if (entry.value.IsScalar() && ParseTypeName(entry.value.Scalar()).ok() &&
      std::find(names.begin(), names.end(), entry.value.Scalar()) == names.end()) {
    return InvalidArgument(what + " cannot be " + Quoted(entry.value.Scalar()) + ": expected " +
                           OrList(names))
        .At(yaml.ValueLocation(entry));
  }
  Result<std::string> choice = ReadChoice(yaml, entry, what, names);
  if (!choice.ok()) return choice.status();
  return ParseTypeName(*choice);
}

Result<Date> ReadDate(const YamlBlock& yaml, const YAML::Node& node, const std::string& text,
                      const std::string& what) {
  Result<Date> date = Date::Parse(text);
  if (!date.ok()) {
    return Status(date.status().code(),
                  what + ": " + Quoted(text) + " is not a date: " + date.status().message())
        .At(yaml.LocationOf(node));
  }
  return *date;
}

Result<std::optional<Date>> ReadOptionalDate(const YamlBlock& yaml,
                                             const std::vector<YamlEntry>& entries,
                                             std::string_view key, const std::string& what) {
  const YamlEntry* entry = FindEntry(entries, key);
  if (entry == nullptr) return std::optional<Date>();
  const std::string label = Backticked(key) + " of " + what;
  Result<std::string> text = yaml.Scalar(*entry, label);
  if (!text.ok()) return text.status();
  Result<Date> date = ReadDate(yaml, entry->value, *text, label);
  if (!date.ok()) return date.status();
  return std::optional<Date>(*date);
}

Result<Value> ReadValue(const YamlBlock& yaml, const YamlEntry& entry, const std::string& what,
                        Type type, const EnumType* enum_type = nullptr) {
  Result<std::string> text = yaml.Scalar(entry, what);
  if (!text.ok()) return text.status();
  Result<Value> value = ParseValue(*text, type, enum_type);
  if (!value.ok()) {
    return Status(value.status().code(), std::string("not a ") + TypeName(type) + " value for " +
                                             what + ": " + value.status().message())
        .At(yaml.ValueLocation(entry));
  }
  return *value;
}

// "variable 'x' is money, but claim.stay_days is number: give it `type: number`".
Status BoundTypeMismatch(const Variable& variable, Type bound_type) {
  return InvalidArgument("variable " + Quoted(variable.name) + " is " + TypeName(variable.type) +
                         ", but " + ClaimBindingText(variable.binding) + " is " +
                         TypeName(bound_type) + ": give it `type: " + TypeName(bound_type) + "`")
      .At(variable.binding.location);
}

// A claim field holds what the hospital submits: the variable bound to it must have the
// field's type, and a hospital level must be able to hold every level a claim may give.
Status CheckClaimField(const Variable& variable) {
  const ClaimBinding& binding = variable.binding;
  const std::string bound =
      "variable " + Quoted(variable.name) + " is bound to " + ClaimBindingText(binding);
  const ClaimField* field = nullptr;
  std::vector<std::string> names;
  for (const ClaimField& candidate : kClaimFields) {
    if (candidate.name == binding.name) field = &candidate;
    names.emplace_back(candidate.name);
  }
  if (field == nullptr) {
    const std::string hint = ClosestName(binding.name, names);
    return InvalidArgument(bound + ", but a claim has no field " + Quoted(binding.name) +
                           (hint.empty() ? ": expected " + OrList(names)
                                         : "; did you mean " + Quoted(hint) + "?"))
        .At(binding.location);
  }
  if (variable.type != field->type) return BoundTypeMismatch(variable, field->type);
  if (field->type != Type::kEnum) return Status::Ok();
  std::vector<std::string> levels, missing;
  for (const char* level : kHospitalLevels) {
    levels.emplace_back(level);
    if (variable.enum_type->IndexOf(level) < 0) missing.emplace_back(level);
  }
  if (missing.empty()) return Status::Ok();
  return InvalidArgument(bound + ", so its `values:` must include " + AndList(levels) +
                         "; it lacks " + AndList(missing))
      .At(binding.location);
}

// Where a claim's input is read from: `claim.<field>`, `items.<category>`,
// `person.<variable>` or `year_before.<variable>`. The fields and the item lines are the
// claim's own, so they are checked here; the variables a binding names are checked with
// the rest of the pack's references, by CheckPack.
Result<ClaimBinding> ReadBinding(const std::string& text, const Variable& variable,
                                 const SourceLocation& location) {
  const std::string what = "`input` of variable " + Quoted(variable.name);
  const size_t dot = text.find('.');
  const std::string source = dot == std::string::npos ? "" : text.substr(0, dot);
  const auto known = std::find(kBindingSources.begin(), kBindingSources.end(), source);
  if (known == kBindingSources.end()) {
    const std::string hint = source.empty() ? "" : ClosestName(source, kBindingSources);
    return InvalidArgument(what + " cannot be " + Quoted(text) +
                           (hint.empty()
                                ? std::string(": expected ") + kInputForms
                                : "; did you mean " + Quoted(hint + text.substr(dot)) + "?"))
        .At(location);
  }
  static constexpr ClaimBinding::Kind kKinds[] = {
      ClaimBinding::Kind::kClaimField, ClaimBinding::Kind::kItems, ClaimBinding::Kind::kPerson,
      ClaimBinding::Kind::kYearBefore};
  ClaimBinding binding{.kind = kKinds[known - kBindingSources.begin()],
                       .name = text.substr(dot + 1),
                       .location = location};
  if (variable.entity != kClaimEntity) {
    return InvalidArgument("variable " + Quoted(variable.name) + " of entity " +
                           Quoted(variable.entity) + " cannot be bound to " + text +
                           ": only a variable of entity 'claim' is read from a claim; write "
                           "`input: true`")
        .At(location);
  }
  if (binding.kind == ClaimBinding::Kind::kClaimField) return binding;
  if (binding.name.size() > kNameLengthMax || !IsName(binding.name)) {
    const char* noun = binding.kind == ClaimBinding::Kind::kItems ? "category" : "variable";
    const std::string rule =
        "use lowercase letters, digits and _, starting with a letter, at most " +
        std::to_string(kNameLengthMax) + " characters";
    return InvalidArgument("variable " + Quoted(variable.name) + " is bound to " + text + ", but " +
                           Quoted(binding.name) + " is not a " + noun + " name: " + rule)
        .At(location);
  }
  return binding;
}

// `input:` of a variable: true or false, or a binding, which makes it an input too.
Status ReadInput(const YamlBlock& yaml, const YamlEntry& input, Variable& variable) {
  Result<std::string> text = yaml.Scalar(input, "`input` of variable " + Quoted(variable.name));
  if (!text.ok()) return text.status();
  if (Result<Value> flag = ParseValue(*text, Type::kBool); flag.ok()) {
    variable.is_input = flag->raw != 0;
    return Status::Ok();
  }
  Result<ClaimBinding> binding = ReadBinding(*text, variable, yaml.TextLocation(input.value));
  if (!binding.ok()) return binding.status();
  variable.binding = std::move(binding).value();
  variable.is_input = true;
  if (variable.binding.kind == ClaimBinding::Kind::kClaimField) return CheckClaimField(variable);
  if (variable.binding.kind == ClaimBinding::Kind::kItems && variable.type != Type::kMoney) {
    return BoundTypeMismatch(variable, Type::kMoney);
  }
  return Status::Ok();
}

// `title: {zh: …, en: …}` (or the pack's `name:`); both languages required when
// `required`.
Status ReadTitle(const YamlBlock& yaml, const std::vector<YamlEntry>& entries, std::string_view key,
                 const std::string& what, const SourceLocation& location, bool required,
                 std::string& zh, std::string& en) {
  const YamlEntry* title = FindEntry(entries, key);
  if (title == nullptr) {
    if (!required) return Status::Ok();
    return MissingKey(what, key, location, " {zh: …, en: …}");
  }
  const std::string label = Backticked(key) + " of " + what;
  Result<std::vector<YamlEntry>> languages =
      yaml.Entries(title->value, yaml.LocationOf(title->key_node), label, kTitleKeys);
  if (!languages.ok()) return languages.status();
  for (const YamlEntry& language : *languages) {
    Result<std::string> text = yaml.Scalar(language, Backticked(language.key) + " of " + label);
    if (!text.ok()) return text.status();
    (language.key == "zh" ? zh : en) = *text;
  }
  if (required && (zh.empty() || en.empty())) {
    return MissingKey(label, zh.empty() ? "zh" : "en", yaml.LocationOf(title->key_node));
  }
  return Status::Ok();
}

// The source of a definition: its own `source:` text, else the blockquote above the
// block. Without either, `assumption:` must say why the definition is as it is.
Status ReadSource(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                  const std::string& name, const SourceLocation& location, bool required,
                  Source& source, std::string* assumption) {
  if (const YamlEntry* text = FindEntry(entries, "source")) {
    Result<std::string> quote = yaml.Scalar(*text, "`source` of " + Quoted(name));
    if (!quote.ok()) return quote.status();
    source = Source{.quote = *quote, .location = yaml.TextLocation(text->value)};
  } else if (yaml.block().quote.has_value()) {
    source = Source{.quote = yaml.block().quote->text,
                    .location = SourceLocation::InText(yaml.file(), yaml.block().quote->line)};
  }
  if (assumption != nullptr) {
    if (const YamlEntry* why = FindEntry(entries, "assumption")) {
      Result<std::string> text = yaml.Scalar(*why, "`assumption` of " + Quoted(name));
      if (!text.ok()) return text.status();
      *assumption = *text;
    }
  }
  if (required && source.quote.empty() && (assumption == nullptr || assumption->empty())) {
    return InvalidArgument("definition " + Quoted(name) +
                           " has no source: put the quoted text above the block, or say "
                           "`assumption:`")
        .At(location);
  }
  return Status::Ok();
}

// Sorts dated entries (values, scale versions) by their start and checks that each ends
// no earlier than it starts and before the next one starts.
template <typename Dated>
Status SortDated(std::vector<Dated>& entries, const std::string& what) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Dated& a, const Dated& b) { return a.from < b.from; });
  for (size_t i = 0; i < entries.size(); ++i) {
    const Dated& entry = entries[i];
    if (entry.until.has_value() && *entry.until < entry.from) {
      return InvalidArgument(what + ": `until` " + entry.until->ToString() +
                             " is before the start " + entry.from.ToString())
          .At(entry.location);
    }
    if (i + 1 == entries.size()) break;
    const Dated& next = entries[i + 1];
    if (next.from == entry.from) {
      return InvalidArgument(what + ": two entries start on " + entry.from.ToString())
          .At(next.location);
    }
    if (entry.until.has_value() && *entry.until >= next.from) {
      return InvalidArgument(what + ": the entry from " + entry.from.ToString() + " runs until " +
                             entry.until->ToString() + ", past the start of the next on " +
                             next.from.ToString())
          .At(entry.location);
    }
  }
  return Status::Ok();
}

// A key of the other kind of parameter: explain the two kinds rather than just refuse it.
Status CheckParameterKind(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                          const std::string& what, bool is_scale) {
  const std::vector<std::string>& wrong = is_scale ? kPlainOnlyKeys : kScaleOnlyKeys;
  for (const YamlEntry& entry : entries) {
    if (std::find(wrong.begin(), wrong.end(), entry.key) == wrong.end()) continue;
    std::string message =
        is_scale ? Backticked(entry.key) + " belongs to a plain parameter, but " + what +
                       " is a scale: it has `threshold:`, `result:` and `brackets:`"
                 : Backticked(entry.key) + " belongs to a scale: give " + what +
                       " `scale: marginal` or `scale: flat`";
    return InvalidArgument(message).At(yaml.LocationOf(entry.key_node));
  }
  return Status::Ok();
}

Result<std::vector<Bracket>> ReadBrackets(const YamlBlock& yaml, const YAML::Node& list,
                                          const SourceLocation& where, const Parameter& parameter,
                                          const std::string& what) {
  if (!list.IsSequence() || list.size() == 0) {
    return InvalidArgument(what + " should be a list of brackets, e.g. - {from: 0, rate: 10%}")
        .At(list.IsDefined() && !list.IsNull() ? yaml.LocationOf(list) : where);
  }
  const bool marginal = parameter.scale_kind == ScaleKind::kMarginal;
  const std::string result_key = marginal ? "rate" : "amount";
  const std::vector<std::string> keys = {"from", result_key};
  std::vector<Bracket> brackets;
  for (const YAML::Node& node : list) {
    const SourceLocation location = yaml.LocationOf(node);
    const std::string label = "a bracket of " + what;
    Result<std::vector<YamlEntry>> entries = yaml.Entries(node, location, label, keys);
    if (!entries.ok()) return entries.status();
    const YamlEntry* from = FindEntry(*entries, "from");
    const YamlEntry* result = FindEntry(*entries, result_key);
    if (from == nullptr) return MissingKey(label, "from", location);
    if (result == nullptr) return MissingKey(label, result_key, location);
    Bracket bracket;
    bracket.location = location;
    Result<Value> threshold =
        ReadValue(yaml, *from, "`from` of " + label, parameter.threshold_unit);
    if (!threshold.ok()) return threshold.status();
    Result<Value> amount =
        ReadValue(yaml, *result, Backticked(result_key) + " of " + label, parameter.result_unit);
    if (!amount.ok()) return amount.status();
    bracket.threshold = *threshold;
    bracket.rate_or_amount = *amount;
    if (!brackets.empty() && bracket.threshold.raw <= brackets.back().threshold.raw) {
      return InvalidArgument(what + ": each bracket must start above the one before, but " +
                             bracket.threshold.ToString() + " does not start above " +
                             brackets.back().threshold.ToString())
          .At(yaml.LocationOf(from->value));
    }
    brackets.push_back(bracket);
  }
  return brackets;
}

// Formula versions with where each is written, to place an overlap at the later one.
using DatedFormulas = std::vector<std::pair<Formula, SourceLocation>>;

void SortFormulaVersions(DatedFormulas& dated) {
  std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
    return a.first.from.has_value() && b.first.from.has_value()
               ? *a.first.from < *b.first.from
               : !a.first.from.has_value() && b.first.from.has_value();
  });
}

// Sorted versions overlap when one has not ended by the time the next starts.
Status CheckFormulaOverlap(const DatedFormulas& dated, const std::string& what) {
  for (size_t i = 1; i < dated.size(); ++i) {
    const Formula& earlier = dated[i - 1].first;
    const Formula& later = dated[i].first;
    const bool overlap =
        !later.from.has_value() || !earlier.until.has_value() || *earlier.until >= *later.from;
    if (!overlap) continue;
    const std::string when = later.from.has_value() ? "on " + later.from->ToString()
                                                    : "from the start (neither has `from:`)";
    return InvalidArgument("formula versions of " + what + " overlap: the version at " +
                           Where(dated[i - 1].second) + " is still in force " + when)
        .At(dated[i].second);
  }
  return Status::Ok();
}

// Dated formula versions, sorted by start (an open start first: in force since always),
// at most one in force on any date. `what` names the variable.
Result<std::vector<Formula>> ReadFormulaVersions(const YamlBlock& yaml, const YamlEntry& versions,
                                                 const std::string& what) {
  const std::string versions_what = "`formulas` of " + what;
  if (!versions.value.IsSequence() || versions.value.size() == 0) {
    return InvalidArgument(versions_what +
                           " should be a list of versions, e.g. - {from: 2012-08-01, formula: …}")
        .At(yaml.ValueLocation(versions));
  }
  DatedFormulas dated;
  for (const YAML::Node& node : versions.value) {
    const SourceLocation location = yaml.LocationOf(node);
    const std::string label = "a version in " + versions_what;
    Result<std::vector<YamlEntry>> fields =
        yaml.Entries(node, location, label, kFormulaVersionKeys);
    if (!fields.ok()) return fields.status();
    const YamlEntry* text = FindEntry(*fields, "formula");
    if (text == nullptr) return MissingKey(label, "formula", location);
    Result<std::string> formula = yaml.Scalar(*text, "`formula` of " + label);
    if (!formula.ok()) return formula.status();
    Result<std::optional<Date>> from = ReadOptionalDate(yaml, *fields, "from", label);
    if (!from.ok()) return from.status();
    Result<std::optional<Date>> until = ReadOptionalDate(yaml, *fields, "until", label);
    if (!until.ok()) return until.status();
    if (from->has_value() && until->has_value() && **until < **from) {
      return InvalidArgument(label + ": `until` " + (*until)->ToString() + " is before `from` " +
                             (*from)->ToString())
          .At(location);
    }
    dated.emplace_back(Formula{.from = *from,
                               .until = *until,
                               .text = *formula,
                               .location = yaml.TextLocation(text->value),
                               .expression = nullptr},
                       location);
  }
  SortFormulaVersions(dated);
  Status overlap = CheckFormulaOverlap(dated, what);
  if (!overlap.ok()) return overlap;
  std::vector<Formula> formulas;
  for (auto& [formula, location] : dated) formulas.push_back(std::move(formula));
  return formulas;
}

// A pack id names the pack in folders and receipts: lowercase letters, digits and -.
Result<std::string> ReadPackId(const YamlBlock& yaml, const YamlEntry& id) {
  Result<std::string> text = yaml.Scalar(id, "the pack's `id`");
  if (!text.ok()) return text.status();
  const bool valid = !text->empty() && text->size() <= kNameLengthMax && text->front() != '-' &&
                     std::all_of(text->begin(), text->end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                     });
  if (!valid) {
    return InvalidArgument("pack id " + Quoted(*text) +
                           " should be lowercase letters, digits and -, e.g. wudi-2013")
        .At(yaml.ValueLocation(id));
  }
  return text;
}

// GB/T 2260 codes have two digits per level: province, prefecture, county.
Result<std::string> ReadRegion(const YamlBlock& yaml, const YamlEntry& region) {
  Result<std::string> text = yaml.Scalar(region, "the pack's `region`");
  if (!text.ok()) return text.status();
  const size_t digits = text->size();
  if ((digits != 2 && digits != 4 && digits != 6) ||
      !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument("region " + Quoted(*text) +
                           " should be a GB/T 2260 code of 2, 4 or 6 digits, e.g. \"371623\"")
        .At(yaml.ValueLocation(region));
  }
  return text;
}

Result<std::vector<std::string>> ReadSourceFiles(const YamlBlock& yaml, const YamlEntry& sources) {
  if (!sources.value.IsSequence()) {
    return InvalidArgument("the pack's `sources` should be a list of file names")
        .At(yaml.ValueLocation(sources));
  }
  std::vector<std::string> names;
  for (const YAML::Node& source : sources.value) {
    if (!source.IsScalar() || source.Scalar().empty()) {
      return InvalidArgument("each of the pack's `sources` should be a file name")
          .At(yaml.LocationOf(source));
    }
    names.push_back(source.Scalar());
  }
  return names;
}

Result<PayeeKind> ReadPayee(const YamlBlock& yaml, const YamlEntry& entry, const std::string& what,
                            std::string& organisation) {
  Result<std::string> text = yaml.Scalar(entry, what);
  if (!text.ok()) return text.status();
  if (*text == "person") return PayeeKind::kPerson;
  if (*text == "household_head") return PayeeKind::kHouseholdHead;
  constexpr std::string_view kOrganisation = "organisation:";
  if (text->starts_with(kOrganisation) && text->size() > kOrganisation.size()) {
    organisation = text->substr(kOrganisation.size());
    return PayeeKind::kOrganisation;
  }
  return InvalidArgument(what + " cannot be " + Quoted(*text) +
                         ": expected person, household_head or organisation:<code>")
      .At(yaml.ValueLocation(entry));
}

// What programs and stages share: the variable they pay (its name; the builder checks it
// when the pack is complete), the ledger account paying, a title in both languages and a
// source. `account_example` shows the kind of account `what` pays from.
template <typename Payment>
Status ReadPayment(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                   const std::string& what, std::string_view account_example, Payment& payment,
                   SourceLocation& variable_location) {
  const YamlEntry& variable = *FindEntry(entries, "variable");
  Result<std::string> variable_name = yaml.Scalar(variable, "`variable` of " + what);
  if (!variable_name.ok()) return variable_name.status();
  payment.variable = *variable_name;
  variable_location = yaml.ValueLocation(variable);

  const YamlEntry& payer = *FindEntry(entries, "payer");
  Result<std::string> account = yaml.Scalar(payer, "`payer` of " + what);
  if (!account.ok()) return account.status();
  if (account->empty() || account->find_first_of(" \t") != std::string::npos) {
    return InvalidArgument("`payer` of " + what +
                           " should be a ledger account code without spaces, e.g. " +
                           std::string(account_example))
        .At(yaml.ValueLocation(payer));
  }
  payment.payer_account = *account;

  Status title = ReadTitle(yaml, entries, "title", what, payment.location, true, payment.title_zh,
                           payment.title_en);
  if (!title.ok()) return title;
  return ReadSource(yaml, entries, payment.name, payment.location, true, payment.source,
                    &payment.assumption);
}

}  // namespace

Status PackBuilder::AddBlock(const YamlBlock& yaml, bool is_pack_file) {
  const YAML::Node& root = yaml.root();
  if (!root.IsDefined() || root.IsNull()) return Status::Ok();  // an empty block
  const SourceLocation block_location =
      SourceLocation::InText(yaml.file(), yaml.block().fence_line, 1);
  Result<std::vector<YamlEntry>> sections = yaml.Entries(
      root, block_location, "a ```minsheng block", kind_ == Kind::kPack ? kSectionKeys : kReformSectionKeys);
  if (!sections.ok()) return sections.status();
  for (const YamlEntry& section : *sections) {
    Status status = ReadSection(yaml, section, is_pack_file);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status PackBuilder::ReadSection(const YamlBlock& yaml, const YamlEntry& section,
                                bool is_pack_file) {
  if (section.key == "pack") return ReadPackBlock(yaml, section, is_pack_file);
  if (section.key == "reform") return ReadReformBlock(yaml, section);
  if (section.value.IsNull()) return Status::Ok();  // `parameters:` with none yet
  Result<std::vector<YamlEntry>> definitions =
      yaml.Entries(section.value, yaml.LocationOf(section.key_node), Backticked(section.key), {});
  if (!definitions.ok()) return definitions.status();
  for (const YamlEntry& definition : *definitions) {
    Status status;
    if (section.key == "entities") status = ReadEntity(yaml, definition);
    if (section.key == "parameters") status = ReadParameter(yaml, definition);
    if (section.key == "variables") status = ReadVariable(yaml, definition);
    if (section.key == "programs") status = ReadProgram(yaml, definition);
    if (section.key == "stages") status = ReadStage(yaml, definition);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status PackBuilder::ReadPackBlock(const YamlBlock& yaml, const YamlEntry& entry,
                                  bool is_pack_file) {
  const SourceLocation location = yaml.LocationOf(entry.key_node);
  if (!is_pack_file) {
    return InvalidArgument("the `pack:` block belongs in pack.md").At(location);
  }
  if (pack_block_location_.has_value()) {
    return InvalidArgument("a second `pack:` block; the first is at " +
                           Where(*pack_block_location_))
        .At(location);
  }
  pack_block_location_ = location;
  const std::string what = "the `pack:` block";
  Result<std::vector<YamlEntry>> entries = yaml.Entries(entry.value, location, what, kPackKeys);
  if (!entries.ok()) return entries.status();

  const YamlEntry* id = FindEntry(*entries, "id");
  const YamlEntry* region = FindEntry(*entries, "region");
  if (id == nullptr) return MissingKey(what, "id", location, " (e.g. wudi-2013)");
  if (FindEntry(*entries, "name") == nullptr) {
    return MissingKey(what, "name", location, " {zh: …, en: …}");
  }
  if (region == nullptr) return MissingKey(what, "region", location, " (e.g. \"371623\")");

  Result<std::string> id_text = ReadPackId(yaml, *id);
  if (!id_text.ok()) return id_text.status();
  pack_.id = *id_text;

  Status name =
      ReadTitle(yaml, *entries, "name", what, location, true, pack_.name_zh, pack_.name_en);
  if (!name.ok()) return name;

  Result<std::string> region_text = ReadRegion(yaml, *region);
  if (!region_text.ok()) return region_text.status();
  pack_.region = *region_text;

  if (const YamlEntry* sources = FindEntry(*entries, "sources")) {
    Result<std::vector<std::string>> names = ReadSourceFiles(yaml, *sources);
    if (!names.ok()) return names.status();
    pack_.sources = std::move(names).value();
  }
  return Status::Ok();
}

// `reform: {id, title: {zh, en}, from: DATE}`, once in a reform file.
Status PackBuilder::ReadReformBlock(const YamlBlock& yaml, const YamlEntry& entry) {
  const SourceLocation location = yaml.LocationOf(entry.key_node);
  if (pack_block_location_.has_value()) {
    return InvalidArgument("a second `reform:` block; the first is at " + Where(*pack_block_location_))
        .At(location);
  }
  pack_block_location_ = location;
  const std::string what = "the `reform:` block";
  Result<std::vector<YamlEntry>> entries = yaml.Entries(entry.value, location, what, kReformKeys);
  if (!entries.ok()) return entries.status();
  const YamlEntry* id = FindEntry(*entries, "id");
  if (id == nullptr) return MissingKey(what, "id", location, " (e.g. township-2012)");
  if (FindEntry(*entries, "from") == nullptr) {
    return MissingKey(what, "from", location, ", the date the reform takes effect");
  }
  Result<std::string> id_text = ReadPackId(yaml, *id);
  if (!id_text.ok()) return id_text.status();
  reform_.id = *id_text;
  Status title = ReadTitle(yaml, *entries, "title", what, location, true, reform_.title_zh, reform_.title_en);
  if (!title.ok()) return title;
  Result<std::optional<Date>> from = ReadOptionalDate(yaml, *entries, "from", what);
  if (!from.ok()) return from.status();
  reform_.from = **from;
  reform_.from_location = yaml.ValueLocation(*FindEntry(*entries, "from"));
  if (yaml.block().quote.has_value()) {
    reform_.source = Source{.quote = yaml.block().quote->text,
                            .location = SourceLocation::InText(yaml.file(), yaml.block().quote->line)};
  }
  return Status::Ok();
}

Result<PackBuilder::DefinitionName> PackBuilder::NameDefinition(
    const YamlBlock& yaml, const YamlEntry& definition,
    std::map<std::string, SourceLocation>& names, const std::string& kind) {
  DefinitionName named{definition.key, yaml.LocationOf(definition.key_node),
                       kind + " " + Quoted(definition.key)};
  Status valid = CheckName(named.name, kind, named.location);
  if (!valid.ok()) return valid;
  if (auto first = names.find(named.name); first != names.end()) {
    return InvalidArgument(named.what + " is already defined at " + Where(first->second))
        .At(named.location);
  }
  if (++definition_count_ > kDefinitionsMax) {
    return InvalidArgument("too many definitions: a pack holds at most " +
                           std::to_string(kDefinitionsMax) +
                           " entities, parameters, variables, programs and stages")
        .At(named.location);
  }
  names.emplace(named.name, named.location);
  return named;
}

Status PackBuilder::ReadEntity(const YamlBlock& yaml, const YamlEntry& definition) {
  Entity entity;
  Result<DefinitionName> named = NameDefinition(yaml, definition, entity_names_, "entity");
  if (!named.ok()) return named.status();
  entity.name = named->name;
  entity.location = named->location;
  const std::string& what = named->what;
  std::vector<YamlEntry> entries;
  if (!definition.value.IsNull()) {  // `household:` alone takes every default
    Result<std::vector<YamlEntry>> read =
        yaml.Entries(definition.value, entity.location, what, kEntityKeys);
    if (!read.ok()) return read.status();
    entries = std::move(*read);
  }
  entity.plural = entity.name + "s";
  SourceLocation group_location;
  for (const YamlEntry& entry : entries) {
    if (entry.key == "roles") continue;
    if (entry.key == "source") continue;
    const std::string label = Backticked(entry.key) + " of " + what;
    Result<std::string> text = yaml.Scalar(entry, label);
    if (!text.ok()) return text.status();
    Status valid =
        CheckName(*text, entry.key == "group" ? "entity" : "column", yaml.ValueLocation(entry));
    if (!valid.ok()) return valid;
    if (entry.key == "plural") entity.plural = *text;
    if (entry.key == "id_column") entity.id_column = *text;
    if (entry.key == "group") {
      entity.group = *text;
      group_location = yaml.ValueLocation(entry);
    }
  }
  if (const YamlEntry* roles = FindEntry(entries, "roles")) {
    if (!roles->value.IsSequence() || roles->value.size() == 0) {
      return InvalidArgument("`roles` of " + what +
                             " should be a list of names, e.g. [head, child]")
          .At(yaml.ValueLocation(*roles));
    }
    for (const YAML::Node& role : roles->value) {
      Status valid = CheckName(role.IsScalar() ? role.Scalar() : "", "role", yaml.LocationOf(role));
      if (!valid.ok()) return valid;
      entity.roles.push_back(role.Scalar());
    }
  }
  Status source =
      ReadSource(yaml, entries, entity.name, entity.location, false, entity.source, nullptr);
  if (!source.ok()) return source;
  pack_.entities.push_back(std::move(entity));
  entity_group_locations_.push_back(group_location);
  return Status::Ok();
}

Status PackBuilder::ReadParameter(const YamlBlock& yaml, const YamlEntry& definition) {
  Parameter parameter;
  Result<DefinitionName> named = NameDefinition(yaml, definition, parameter_names_, "parameter");
  if (!named.ok()) return named.status();
  parameter.name = named->name;
  parameter.location = named->location;
  const std::string& what = named->what;
  Result<std::vector<YamlEntry>> entries =
      yaml.Entries(definition.value, parameter.location, what, kParameterKeys);
  if (!entries.ok()) return entries.status();

  Status status = ReadTitle(yaml, *entries, "title", what, parameter.location, false,
                            parameter.title_zh, parameter.title_en);
  if (status.ok()) {
    status = ReadSource(yaml, *entries, parameter.name, parameter.location, true, parameter.source,
                        &parameter.assumption);
  }
  parameter.is_scale = FindEntry(*entries, "scale") != nullptr;
  if (status.ok()) status = CheckParameterKind(yaml, *entries, what, parameter.is_scale);
  if (status.ok()) {
    status = parameter.is_scale ? ReadScale(yaml, *entries, parameter)
                                : ReadPlainValues(yaml, *entries, parameter);
  }
  if (!status.ok()) return status;
  pack_.parameters.push_back(std::move(parameter));
  return Status::Ok();
}

Status PackBuilder::ReadPlainValues(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                                    Parameter& parameter) {
  const std::string what = "parameter " + Quoted(parameter.name);
  const YamlEntry* unit = FindEntry(entries, "unit");
  const YamlEntry* values = FindEntry(entries, "values");
  if (unit == nullptr) {
    return MissingKey(what, "unit", parameter.location, " (money, rate, number or bool)");
  }
  if (values == nullptr) {
    return MissingKey(what, "values", parameter.location,
                      ", each from the date it takes effect (2012-08-01: 200)");
  }
  Result<Type> type = ReadType(yaml, *unit, "`unit` of " + what,
                               {Type::kMoney, Type::kRate, Type::kNumber, Type::kBool});
  if (!type.ok()) return type.status();
  parameter.unit = *type;

  const std::string values_what = "`values` of " + what;
  Result<std::vector<YamlEntry>> dated =
      yaml.Entries(values->value, yaml.LocationOf(values->key_node), values_what, {});
  if (!dated.ok()) return dated.status();
  for (const YamlEntry& entry : *dated) {
    DatedValue value;
    value.location = yaml.LocationOf(entry.key_node);
    Result<Date> from = ReadDate(yaml, entry.key_node, entry.key, values_what);
    if (!from.ok()) return from.status();
    value.from = *from;
    const std::string label = "the value of " + what + " from " + entry.key;
    const YamlEntry* text = &entry;
    std::vector<YamlEntry> details;
    if (entry.value.IsMap()) {  // {value: 200, until: 2013-12-31}
      Result<std::vector<YamlEntry>> read =
          yaml.Entries(entry.value, value.location, label, kDatedValueKeys);
      if (!read.ok()) return read.status();
      details = std::move(*read);
      text = FindEntry(details, "value");
      if (text == nullptr) return MissingKey(label, "value", yaml.LocationOf(entry.value));
      Result<std::optional<Date>> until = ReadOptionalDate(yaml, details, "until", label);
      if (!until.ok()) return until.status();
      value.until = *until;
    }
    Result<Value> parsed = ReadValue(yaml, *text, what + " from " + entry.key, parameter.unit);
    if (!parsed.ok()) return parsed.status();
    value.value = *parsed;
    parameter.values.push_back(value);
  }
  if (parameter.values.empty()) {
    return InvalidArgument(values_what + " is empty: give at least one dated value")
        .At(yaml.LocationOf(values->key_node));
  }
  return SortDated(parameter.values, values_what);
}

Status PackBuilder::ReadScale(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                              Parameter& parameter) {
  const std::string what = "scale " + Quoted(parameter.name);
  Result<std::string> kind =
      ReadChoice(yaml, *FindEntry(entries, "scale"), "`scale` of " + what, {"marginal", "flat"});
  if (!kind.ok()) return kind.status();
  const bool marginal = *kind == "marginal";
  parameter.scale_kind = marginal ? ScaleKind::kMarginal : ScaleKind::kFlat;
  parameter.threshold_unit = Type::kMoney;
  parameter.result_unit = marginal ? Type::kRate : Type::kMoney;
  if (const YamlEntry* threshold = FindEntry(entries, "threshold")) {
    Result<Type> type =
        ReadType(yaml, *threshold, "`threshold` of " + what, {Type::kMoney, Type::kNumber});
    if (!type.ok()) return type.status();
    parameter.threshold_unit = *type;
  }
  if (const YamlEntry* result = FindEntry(entries, "result")) {
    // A marginal scale multiplies each slice of the threshold by its bracket's rate.
    Result<Type> type = marginal
                            ? ReadType(yaml, *result, "`result` of marginal " + what, {Type::kRate})
                            : ReadType(yaml, *result, "`result` of flat " + what,
                                       {Type::kMoney, Type::kRate, Type::kNumber});
    if (!type.ok()) return type.status();
    parameter.result_unit = *type;
  }
  const YamlEntry* brackets = FindEntry(entries, "brackets");
  if (brackets == nullptr) {
    return MissingKey(what, "brackets", parameter.location,
                      ", each list from the date it takes effect");
  }
  const std::string brackets_what = "`brackets` of " + what;
  Result<std::vector<YamlEntry>> dated =
      yaml.Entries(brackets->value, yaml.LocationOf(brackets->key_node), brackets_what, {});
  if (!dated.ok()) return dated.status();
  for (const YamlEntry& entry : *dated) {
    Result<ScaleVersion> version = ReadScaleVersion(yaml, entry, parameter);
    if (!version.ok()) return version.status();
    parameter.versions.push_back(std::move(*version));
  }
  if (parameter.versions.empty()) {
    return InvalidArgument(brackets_what + " is empty: give at least one dated list")
        .At(yaml.LocationOf(brackets->key_node));
  }
  return SortDated(parameter.versions, brackets_what);
}

Result<ScaleVersion> PackBuilder::ReadScaleVersion(const YamlBlock& yaml, const YamlEntry& dated,
                                                   const Parameter& parameter) {
  const std::string what = "scale " + Quoted(parameter.name) + " from " + dated.key;
  ScaleVersion version;
  version.location = yaml.LocationOf(dated.key_node);
  Result<Date> from =
      ReadDate(yaml, dated.key_node, dated.key, "`brackets` of scale " + Quoted(parameter.name));
  if (!from.ok()) return from.status();
  version.from = *from;
  YAML::Node list = dated.value;
  if (dated.value.IsMap()) {  // {until: 2017-12-31, brackets: [...]}
    Result<std::vector<YamlEntry>> details =
        yaml.Entries(dated.value, version.location, what, kScaleVersionKeys);
    if (!details.ok()) return details.status();
    const YamlEntry* inner = FindEntry(*details, "brackets");
    if (inner == nullptr) return MissingKey(what, "brackets", yaml.LocationOf(dated.value));
    Result<std::optional<Date>> until = ReadOptionalDate(yaml, *details, "until", what);
    if (!until.ok()) return until.status();
    version.until = *until;
    list = inner->value;
  }
  Result<std::vector<Bracket>> brackets =
      ReadBrackets(yaml, list, version.location, parameter, what);
  if (!brackets.ok()) return brackets.status();
  version.brackets = std::move(*brackets);
  return version;
}

Status PackBuilder::ReadVariable(const YamlBlock& yaml, const YamlEntry& definition) {
  Variable variable;
  Result<DefinitionName> named = NameDefinition(yaml, definition, variable_names_, "variable");
  if (!named.ok()) return named.status();
  variable.name = named->name;
  variable.location = named->location;
  const std::string& what = named->what;
  Result<std::vector<YamlEntry>> entries =
      yaml.Entries(definition.value, variable.location, what, kVariableKeys);
  if (!entries.ok()) return entries.status();

  for (const char* key : {"entity", "period", "type"}) {
    if (FindEntry(*entries, key) == nullptr) return MissingKey(what, key, variable.location);
  }
  const YamlEntry& entity = *FindEntry(*entries, "entity");
  Result<std::string> entity_name = yaml.Scalar(entity, "`entity` of " + what);
  if (!entity_name.ok()) return entity_name.status();
  variable.entity = *entity_name;
  const YamlEntry& period_entry = *FindEntry(*entries, "period");
  Result<std::string> period =
      ReadChoice(yaml, period_entry, "`period` of " + what, {"month", "year", "eternity"});
  if (!period.ok()) return period.status();
  variable.period = *period == "month"  ? PeriodUnit::kMonth
                    : *period == "year" ? PeriodUnit::kYear
                                        : PeriodUnit::kEternity;
  if (variable.entity == kClaimEntity && variable.period != PeriodUnit::kMonth) {
    return InvalidArgument(what + " of entity 'claim' cannot have period " + *period +
                           ": a settlement computes a claim's variables for the month the stay "
                           "ended, so write `period: month`")
        .At(yaml.ValueLocation(period_entry));
  }
  Result<Type> type =
      ReadType(yaml, *FindEntry(*entries, "type"), "`type` of " + what,
               {Type::kMoney, Type::kRate, Type::kNumber, Type::kBool, Type::kDate, Type::kEnum});
  if (!type.ok()) return type.status();
  variable.type = *type;

  Status status = ReadTitle(yaml, *entries, "title", what, variable.location, false,
                            variable.title_zh, variable.title_en);
  if (status.ok()) {
    status = ReadSource(yaml, *entries, variable.name, variable.location, true, variable.source,
                        &variable.assumption);
  }
  if (status.ok()) status = ReadVariableValue(yaml, *entries, variable);
  if (status.ok()) status = ReadFormulas(yaml, *entries, variable);
  if (status.ok()) {
    if (const YamlEntry* rounding = FindEntry(*entries, "rounding")) {
      Result<std::string> name =
          ReadChoice(yaml, *rounding, "`rounding` of " + what, kRoundingNames);
      if (!name.ok()) return name.status();
      variable.rounding = *ParseRounding(*name);
      variable_rounding_locations_[variable.name] = yaml.ValueLocation(*rounding);
    }
  }
  if (!status.ok()) return status;
  pack_.variables.push_back(std::move(variable));
  variable_entity_locations_.push_back(yaml.ValueLocation(entity));
  return Status::Ok();
}

// An enum's listed values, and the default every variable has (its value on dates when no
// formula is in force, and an input's value when the data leaves it out).
Status PackBuilder::ReadVariableValue(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                                      Variable& variable) {
  const std::string what = "variable " + Quoted(variable.name);
  const YamlEntry* values = FindEntry(entries, "values");
  if (variable.type != Type::kEnum && values != nullptr) {
    return InvalidArgument("only an enum variable lists `values:`, and " + what + " is " +
                           TypeName(variable.type))
        .At(yaml.LocationOf(values->key_node));
  }
  if (variable.type == Type::kEnum) {
    if (values == nullptr) {
      return MissingKey("enum " + what, "values", variable.location,
                        ", the list of its values (values: [ncms, urbmi])");
    }
    if (!values->value.IsSequence() || values->value.size() == 0) {
      return InvalidArgument("`values` of " + what + " should be a list of names, e.g. [a, b]")
          .At(yaml.ValueLocation(*values));
    }
    auto enum_type = std::make_shared<EnumType>();
    enum_type->name = variable.name;
    for (const YAML::Node& value : values->value) {
      const std::string name = value.IsScalar() ? value.Scalar() : "";
      Status valid = CheckName(name, "enum value", yaml.LocationOf(value));
      if (!valid.ok()) return valid;
      if (enum_type->IndexOf(name) >= 0) {
        return InvalidArgument("enum value " + Quoted(name) + " is listed twice in " + what)
            .At(yaml.LocationOf(value));
      }
      enum_type->values.push_back(name);
    }
    variable.enum_type = std::move(enum_type);
  }

  switch (variable.type) {
    case Type::kMoney: variable.default_value = Value::OfMoney(Money::Zero()); break;
    case Type::kRate: variable.default_value = Value::OfRate(Rate::Zero()); break;
    case Type::kNumber: variable.default_value = Value::OfNumber(0); break;
    case Type::kBool: variable.default_value = Value::OfBool(false); break;
    case Type::kDate: variable.default_value = Value::OfDate(Date()); break;
    case Type::kEnum: variable.default_value = {Type::kEnum, 0, variable.enum_type.get()}; break;
  }
  if (const YamlEntry* given = FindEntry(entries, "default")) {
    Result<Value> value =
        ReadValue(yaml, *given, "`default` of " + what, variable.type, variable.enum_type.get());
    if (!value.ok()) return value.status();
    variable.default_value = *value;
  }
  return Status::Ok();
}

Status PackBuilder::ReadFormulas(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                                 Variable& variable) {
  const std::string what = "variable " + Quoted(variable.name);
  const YamlEntry* input = FindEntry(entries, "input");
  const YamlEntry* single = FindEntry(entries, "formula");
  const YamlEntry* versions = FindEntry(entries, "formulas");
  if (input != nullptr) {
    Status read = ReadInput(yaml, *input, variable);
    if (!read.ok()) return read;
  }
  if (single != nullptr && versions != nullptr) {
    return InvalidArgument(what + " has both `formula:` and `formulas:`: keep one")
        .At(yaml.LocationOf(versions->key_node));
  }
  const YamlEntry* formula_key = single != nullptr ? single : versions;
  if (variable.is_input && formula_key != nullptr) {
    return InvalidArgument(what + " is an input and has a formula: an input is read from the " +
                           "data, so drop `input: true` or the formula")
        .At(yaml.LocationOf(formula_key->key_node));
  }
  if (!variable.is_input && formula_key == nullptr) {
    return InvalidArgument(what + " needs a `formula:` (or dated `formulas:`), or `input: true`")
        .At(variable.location);
  }
  if (single != nullptr) {
    Result<std::string> text = yaml.Scalar(*single, "`formula` of " + what);
    if (!text.ok()) return text.status();
    variable.formulas.push_back(Formula{.from = std::nullopt,
                                        .until = std::nullopt,
                                        .text = *text,
                                        .location = yaml.TextLocation(single->value),
                                        .expression = nullptr});
  }
  if (versions == nullptr) return Status::Ok();

  Result<std::vector<Formula>> dated = ReadFormulaVersions(yaml, *versions, what);
  if (!dated.ok()) return dated.status();
  for (Formula& formula : dated.value()) variable.formulas.push_back(std::move(formula));
  return Status::Ok();
}

Status PackBuilder::ReadProgram(const YamlBlock& yaml, const YamlEntry& definition) {
  Program program;
  Result<DefinitionName> named = NameDefinition(yaml, definition, program_names_, "program");
  if (!named.ok()) return named.status();
  program.name = named->name;
  program.location = named->location;
  const std::string& what = named->what;
  Result<std::vector<YamlEntry>> entries =
      yaml.Entries(definition.value, program.location, what, kProgramKeys);
  if (!entries.ok()) return entries.status();
  for (const char* key : {"variable", "payer", "payee"}) {
    if (FindEntry(*entries, key) == nullptr) return MissingKey(what, key, program.location);
  }

  ProgramNotes notes;
  Status status =
      ReadPayment(yaml, *entries, what, "fund/school_bus/county", program, notes.variable_location);
  if (!status.ok()) return status;
  Result<PayeeKind> payee = ReadPayee(yaml, *FindEntry(*entries, "payee"), "`payee` of " + what,
                                      program.payee_organisation);
  if (!payee.ok()) return payee.status();
  program.payee = *payee;

  if (const YamlEntry* rounding = FindEntry(*entries, "rounding")) {
    Result<std::string> name = ReadChoice(yaml, *rounding, "`rounding` of " + what, kRoundingNames);
    if (!name.ok()) return name.status();
    notes.rounding = *ParseRounding(*name);
    notes.rounding_location = yaml.ValueLocation(*rounding);
  }
  pack_.programs.push_back(std::move(program));
  program_notes_.push_back(notes);
  return Status::Ok();
}

Status PackBuilder::ReadStage(const YamlBlock& yaml, const YamlEntry& definition) {
  Stage stage;
  Result<DefinitionName> named = NameDefinition(yaml, definition, stage_names_, "stage");
  if (!named.ok()) return named.status();
  stage.name = named->name;
  stage.location = named->location;
  const std::string& what = named->what;
  Result<std::vector<YamlEntry>> entries =
      yaml.Entries(definition.value, stage.location, what, kStageKeys);
  if (!entries.ok()) return entries.status();
  for (const char* key : {"variable", "payer", "payee", "order"}) {
    if (FindEntry(*entries, key) == nullptr) return MissingKey(what, key, stage.location);
  }

  StageNotes notes;
  Status status = ReadPayment(yaml, *entries, what, "fund/medical_insurance/county", stage,
                              notes.variable_location);
  if (!status.ok()) return status;
  Result<std::string> payee = ReadChoice(yaml, *FindEntry(*entries, "payee"), "`payee` of " + what,
                                         {"hospital", "patient"});
  if (!payee.ok()) return payee.status();
  stage.payee = *payee == "hospital" ? StagePayee::kHospital : StagePayee::kPatient;
  Result<int> order = ReadStageOrder(yaml, *FindEntry(*entries, "order"), stage);
  if (!order.ok()) return order.status();
  stage.order = *order;
  pack_.stages.push_back(std::move(stage));
  stage_notes_.push_back(notes);
  return Status::Ok();
}

Result<int> PackBuilder::ReadStageOrder(const YamlBlock& yaml, const YamlEntry& entry,
                                        const Stage& stage) {
  const std::string what = "`order` of stage " + Quoted(stage.name);
  Result<std::string> text = yaml.Scalar(entry, what);
  if (!text.ok()) return text.status();
  const SourceLocation location = yaml.ValueLocation(entry);
  Result<Value> number = ParseValue(*text, Type::kNumber);
  if (!number.ok() || number->raw < 1 || number->raw > std::numeric_limits<int>::max()) {
    return InvalidArgument(what + " should be a positive whole number, not " + Quoted(*text) +
                           ": stages pay in ascending order")
        .At(location);
  }
  const int order = static_cast<int>(number->raw);
  const auto [taken, is_new] = stage_orders_.emplace(order, std::pair(stage.name, location));
  if (!is_new) {
    return InvalidArgument("stage " + Quoted(stage.name) + " has `order: " + std::to_string(order) +
                           "`, as stage " + Quoted(taken->second.first) + " does at " +
                           Where(taken->second.second) +
                           ": give each stage its own place in the chain")
        .At(location);
  }
  return order;
}

Result<Pack> PackBuilder::Finish() {
  if (!pack_block_location_.has_value()) {
    return InvalidArgument(
               "pack.md has no `pack:` block: give the pack's id, name and region in a "
               "```minsheng block")
        .At(SourceLocation::InText(kPackFileName, 1, 1));
  }
  Status status = FinishEntities();
  if (status.ok()) status = FinishVariables();
  if (status.ok()) status = FinishPrograms();
  if (status.ok()) status = FinishStages();
  if (!status.ok()) return status;
  Pack pack = std::move(pack_);
  *this = PackBuilder();
  return pack;
}

Result<Reform> PackBuilder::FinishReform() {
  if (!pack_block_location_.has_value()) {
    return InvalidArgument(
        "the reform has no `reform:` block: give its id, title and the date it takes effect "
        "(reform: {id: …, title: {zh: …, en: …}, from: 2013-01-01}) in a ```minsheng block");
  }
  Reform reform = std::move(reform_);
  reform.parameters = std::move(pack_.parameters);
  reform.variables = std::move(pack_.variables);
  *this = PackBuilder(Kind::kReform);
  return reform;
}

Status PackBuilder::FinishEntities() {
  if (pack_.entities.empty()) {
    // The entities nearly every livelihood program is about.
    pack_.entities.push_back(Entity{.name = "person",
                                    .plural = "persons",
                                    .group = "household",
                                    .roles = {"head", "spouse", "child", "parent", "other"},
                                    .id_column = "id",
                                    .source = {},
                                    .location = {}});
    pack_.entities.push_back(Entity{.name = "household",
                                    .plural = "households",
                                    .group = "",
                                    .roles = {},
                                    .id_column = "id",
                                    .source = {},
                                    .location = {}});
    // A hospital stay, for the packs a one-stop settlement runs (src/settle); a pack that
    // does not use it has no claim variables, and nothing reads claims for it.
    pack_.entities.push_back(Entity{.name = kClaimEntity,
                                    .plural = "claims",
                                    .group = "",
                                    .roles = {},
                                    .id_column = "claim_id",
                                    .source = {},
                                    .location = {}});
    return Status::Ok();
  }
  for (size_t i = 0; i < pack_.entities.size(); ++i) {
    const Entity& entity = pack_.entities[i];
    const std::string what = "entity " + Quoted(entity.name);
    if (entity.group.empty()) {
      if (!entity.roles.empty()) {
        return InvalidArgument(what + " lists `roles:` but belongs to no `group:`")
            .At(entity.location);
      }
      continue;
    }
    const Entity* group = pack_.FindEntity(entity.group);
    if (group == nullptr || group == &entity) {
      std::vector<std::string> names;
      for (const Entity& other : pack_.entities) {
        if (&other != &entity) names.push_back(other.name);
      }
      std::string hint = ClosestName(entity.group, names);
      return InvalidArgument(what + " belongs to group " + Quoted(entity.group) +
                             ", which is not another defined entity" +
                             (hint.empty() ? "" : "; did you mean " + Quoted(hint) + "?"))
          .At(entity_group_locations_[i]);
    }
    if (!group->group.empty()) {
      return InvalidArgument(what + " belongs to " + Quoted(group->name) +
                             ", which itself belongs to a group: groups are one level deep")
          .At(entity_group_locations_[i]);
    }
    if (entity.roles.empty()) {
      return MissingKey(what, "roles", entity.location, ", its members' roles in the group");
    }
  }
  return Status::Ok();
}

Status PackBuilder::FinishVariables() {
  std::vector<std::string> entity_names;
  for (const Entity& entity : pack_.entities) entity_names.push_back(entity.name);
  for (size_t i = 0; i < pack_.variables.size(); ++i) {
    const Variable& variable = pack_.variables[i];
    if (pack_.FindEntity(variable.entity) != nullptr) continue;
    std::string hint = ClosestName(variable.entity, entity_names);
    return InvalidArgument("variable " + Quoted(variable.name) + " belongs to entity " +
                           Quoted(variable.entity) + ", which is not defined" +
                           (hint.empty() ? " (defined: " + OrList(entity_names) + ")"
                                         : "; did you mean " + Quoted(hint) + "?"))
        .At(variable_entity_locations_[i]);
  }
  return Status::Ok();
}

Result<Variable*> PackBuilder::PaidVariable(const std::string& what, const std::string& name,
                                            const SourceLocation& location,
                                            std::string_view entity) {
  const int index = pack_.VariableIndex(name);
  if (index < 0) {
    std::vector<std::string> candidates;
    for (const Variable& variable : pack_.variables) {
      if (variable.type == Type::kMoney && (entity.empty() || variable.entity == entity)) {
        candidates.push_back(variable.name);
      }
    }
    const std::string hint = ClosestName(name, candidates);
    return InvalidArgument(what + " pays variable " + Quoted(name) + ", which is not defined" +
                           (hint.empty() ? "" : "; did you mean " + Quoted(hint) + "?"))
        .At(location);
  }
  Variable& variable = pack_.variables[static_cast<size_t>(index)];
  if (!entity.empty() && variable.entity != entity) {
    return InvalidArgument(what + " pays variable " + Quoted(name) + ", which is a variable of " +
                           variable.entity + ", not of " + std::string(entity))
        .At(location);
  }
  if (variable.type != Type::kMoney) {
    return InvalidArgument(what + " pays variable " + Quoted(name) + ", which is " +
                           TypeName(variable.type) + ", not money")
        .At(location);
  }
  return &variable;
}

Status PackBuilder::FinishPrograms() {
  for (size_t i = 0; i < pack_.programs.size(); ++i) {
    const Program& program = pack_.programs[i];
    const ProgramNotes& notes = program_notes_[i];
    const std::string what = "program " + Quoted(program.name);
    Result<Variable*> paid = PaidVariable(what, program.variable, notes.variable_location, "");
    if (!paid.ok()) return paid.status();
    Variable& variable = **paid;
    if (!notes.rounding.has_value()) continue;
    // The program's rounding is the variable's: two that disagree are a mistake to show,
    // not a precedence to settle silently.
    if (auto set = variable_rounding_locations_.find(variable.name);
        set != variable_rounding_locations_.end() && variable.rounding != *notes.rounding) {
      return InvalidArgument(what + " rounds " + RoundingName(*notes.rounding) + ", but variable " +
                             Quoted(variable.name) + " rounds " + RoundingName(variable.rounding) +
                             " at " + Where(set->second))
          .At(notes.rounding_location);
    }
    variable.rounding = *notes.rounding;
    variable_rounding_locations_[variable.name] = notes.rounding_location;
  }
  return Status::Ok();
}

// Every stage pays a money variable of the claim; the chain runs in ascending order, which
// ReadStageOrder has kept unique.
Status PackBuilder::FinishStages() {
  for (size_t i = 0; i < pack_.stages.size(); ++i) {
    const Stage& stage = pack_.stages[i];
    Result<Variable*> paid = PaidVariable("stage " + Quoted(stage.name), stage.variable,
                                          stage_notes_[i].variable_location, kClaimEntity);
    if (!paid.ok()) return paid.status();
  }
  std::sort(pack_.stages.begin(), pack_.stages.end(),
            [](const Stage& a, const Stage& b) { return a.order < b.order; });
  return Status::Ok();
}

}  // namespace minsheng::policy
