#include "registry/fields.h"

#include <algorithm>
#include <cctype>

#include "core/money.h"
#include "core/region.h"
#include "core/resident_id.h"

namespace minsheng::registry {

namespace {

// Characters, not bytes: a Chinese name of 3 characters is 9 bytes of UTF-8.
size_t CountCharacters(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

Result<FieldValue> CheckText(std::string_view text, size_t max_characters) {
  const size_t characters = CountCharacters(text);
  if (characters > max_characters) {
    return InvalidArgument(std::to_string(characters) + " characters; at most " +
                           std::to_string(max_characters));
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) return InvalidArgument("a control character");
  }
  return FieldValue(std::string(text));
}

Result<FieldValue> ParseBool(std::string_view text) {
  const std::string lower = Lower(text);
  if (lower == "true" || lower == "yes" || lower == "1" || lower == "是") return FieldValue(int64_t{1});
  if (lower == "false" || lower == "no" || lower == "0" || lower == "否") return FieldValue(int64_t{0});
  return InvalidArgument("'" + std::string(text) + "' is not true or false");
}

Result<FieldValue> ParseRegion(std::string_view text) {
  const bool digits = std::all_of(text.begin(), text.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (text.size() != 6 && text.size() != 9)) {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a county (6 digits) or town (9 digits) code");
  }
  const std::string_view county = text.substr(0, 6);
  if (county.substr(4) == "00" || !RegionTable::Builtin().Existed(county)) {
    return InvalidArgument("no county '" + std::string(county) + "' (GB/T 2260)");
  }
  return FieldValue(std::string(text));
}

Result<FieldValue> ParseProgram(std::string_view text) {
  const bool plain = !text.empty() && text.size() <= 64 &&
                     std::all_of(text.begin(), text.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                     });
  if (!plain) {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a program name (lower-case letters, digits and _)");
  }
  return FieldValue(std::string(text));
}

}  // namespace

Result<FieldValue> ParseField(const FieldSpec& field, std::string_view text, Date today) {
  if (text.empty()) return FieldValue();
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kHouseholdRef:
    case FieldType::kOrgRef:
      return CheckText(text, kMaxTextChars);
    case FieldType::kName:
      return CheckText(text, kMaxNameChars);
    case FieldType::kResidentId:
    case FieldType::kPersonRef: {
      auto id = ResidentId::ParseAnyLength(text, today);
      if (!id.ok()) return id.status();
      return FieldValue(id->number());
    }
    case FieldType::kSex: {
      const std::string lower = Lower(text);
      if (lower == "male" || lower == "男") return FieldValue(std::string("male"));
      if (lower == "female" || lower == "女") return FieldValue(std::string("female"));
      return InvalidArgument("'" + std::string(text) + "' is not male or female");
    }
    case FieldType::kDate: {
      auto date = Date::Parse(text);
      if (!date.ok()) return date.status();
      return FieldValue(date->ToString());
    }
    case FieldType::kMoney: {
      auto money = Money::Parse(text);
      if (!money.ok()) return money.status();
      if (money->is_negative()) return InvalidArgument("a negative amount");
      return FieldValue(money->fen());
    }
    case FieldType::kBool:
      return ParseBool(text);
    case FieldType::kGrade:
      if (text.size() == 1 && text[0] >= '0' && text[0] <= '4') {
        return FieldValue(int64_t{text[0] - '0'});
      }
      return InvalidArgument("'" + std::string(text) + "' is not a grade 0 to 4");
    case FieldType::kEnum: {
      const std::string lower = Lower(text);
      for (std::string_view value : field.values) {
        if (lower == value) return FieldValue(std::string(value));
      }
      std::string listed;
      for (std::string_view value : field.values) listed += (listed.empty() ? "" : ", ") + std::string(value);
      return InvalidArgument("'" + std::string(text) + "' is not one of " + listed);
    }
    case FieldType::kRegion:
      return ParseRegion(text);
    case FieldType::kProgram:
      return ParseProgram(text);
  }
  return Internal("unknown field type");
}

std::string ValueText(const FieldValue& value) {
  if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return "";
}

namespace {

bool Empty(const FieldValue& value) {
  return std::holds_alternative<std::monostate>(value);
}

// A span's end before its start. Dates are ISO text, which orders as the dates do.
std::optional<RowProblem> CheckSpan(const KindSpec& spec, const Row& row, const char* from_name,
                                    const char* until_name, bool until_may_precede_by_a_day) {
  const int from = FieldIndex(spec, from_name);
  const int until = FieldIndex(spec, until_name);
  if (from < 0 || until < 0 || Empty(row[from]) || Empty(row[until])) return std::nullopt;
  const std::string& first = std::get<std::string>(row[from]);
  const std::string& last = std::get<std::string>(row[until]);
  if (last >= first) return std::nullopt;
  // An enrollment (or a fact) ending the day before it starts withdraws it.
  if (until_may_precede_by_a_day) {
    auto first_date = Date::Parse(first);
    if (first_date.ok() && first_date->AddDays(-1).ToString() == last) return std::nullopt;
  }
  return RowProblem{until_name, std::string(until_name) + " " + last + " is before " +
                                    from_name + " " + first};
}

void Default(Row& row, const KindSpec& spec, const char* name, FieldValue value) {
  const int index = FieldIndex(spec, name);
  if (index >= 0 && Empty(row[index])) row[index] = std::move(value);
}

std::optional<RowProblem> CompletePerson(const KindSpec& spec, Row& row) {
  auto id = ResidentId::Parse(std::get<std::string>(row[FieldIndex(spec, "resident_id")]),
                              Date::FromDaysSinceEpoch(Date::kMaxDaysSinceEpoch));
  if (!id.ok()) return RowProblem{"resident_id", id.status().message()};
  const std::string sex = SexName(id->sex());
  const std::string birth = id->birth_date().ToString();
  FieldValue& given_sex = row[FieldIndex(spec, "sex")];
  if (!Empty(given_sex) && std::get<std::string>(given_sex) != sex) {
    return RowProblem{"sex", "the resident ID says " + sex};
  }
  FieldValue& given_birth = row[FieldIndex(spec, "birth_date")];
  if (!Empty(given_birth) && std::get<std::string>(given_birth) != birth) {
    return RowProblem{"birth_date", "the resident ID says " + birth};
  }
  given_sex = sex;
  given_birth = birth;
  Default(row, spec, "relation", std::string("other"));
  Default(row, spec, "income", int64_t{0});
  Default(row, spec, "disability_grade", int64_t{0});
  Default(row, spec, "is_student", int64_t{0});
  return CheckSpan(spec, row, "valid_from", "valid_until", true);
}

std::optional<RowProblem> CompleteOrg(const KindSpec& spec, Row& row) {
  const std::string& kind = std::get<std::string>(row[FieldIndex(spec, "kind")]);
  const bool has_level = !Empty(row[FieldIndex(spec, "level")]);
  const bool has_category = !Empty(row[FieldIndex(spec, "category")]);
  if ((kind == "hospital") != has_level) {
    return RowProblem{"level", kind == "hospital" ? "a hospital needs its level"
                                                  : "only a hospital has a level"};
  }
  if ((kind == "institution") != has_category) {
    return RowProblem{"category", kind == "institution" ? "an institution needs its category"
                                                        : "only an institution has a category"};
  }
  return CheckSpan(spec, row, "valid_from", "valid_until", true);
}

std::optional<RowProblem> CompleteEnrollment(const KindSpec& spec, Row& row) {
  const bool person = !Empty(row[FieldIndex(spec, "person_id")]);
  const bool household = !Empty(row[FieldIndex(spec, "household_id")]);
  if (person == household) {
    return RowProblem{"person_id", "give exactly one of person_id and household_id"};
  }
  Default(row, spec, "origin", std::string("import"));
  return CheckSpan(spec, row, "valid_from", "valid_until", true);
}

std::optional<RowProblem> CompleteAdmission(const KindSpec& spec, Row& row) {
  Default(row, spec, "compliant_cost", row[FieldIndex(spec, "total_cost")]);
  if (std::get<int64_t>(row[FieldIndex(spec, "compliant_cost")]) >
      std::get<int64_t>(row[FieldIndex(spec, "total_cost")])) {
    return RowProblem{"compliant_cost", "the compliant cost is above the total cost"};
  }
  return CheckSpan(spec, row, "admitted", "discharged", false);
}

}  // namespace

std::optional<RowProblem> CompleteRow(const KindSpec& spec, Row& row) {
  switch (spec.kind) {
    case FileKind::kPersons: return CompletePerson(spec, row);
    case FileKind::kHouseholds: return CheckSpan(spec, row, "valid_from", "valid_until", true);
    case FileKind::kOrgs: return CompleteOrg(spec, row);
    case FileKind::kEnrollments: return CompleteEnrollment(spec, row);
    case FileKind::kAdmissions: return CompleteAdmission(spec, row);
  }
  return std::nullopt;
}

}  // namespace minsheng::registry
