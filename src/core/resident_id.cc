#include "core/resident_id.h"

#include <array>

namespace minsheng {
namespace {

constexpr int kLength = 18;
constexpr int kOldLength = 15;
// ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// Check character for each remainder 0-10 of the weighted sum.
constexpr std::string_view kCheckCharacters = "10X98765432";
// Province-level prefixes of GB/T 2260 (81, 82, 83: Hong Kong, Macao and Taiwan residents'
// residence permits use the same number format).
constexpr std::array<int, 37> kProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                            35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                            53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

Status CheckAllDigits(std::string_view text, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (!IsDigit(text[i])) {
      return InvalidArgument("character " + std::to_string(i + 1) + " should be a digit");
    }
  }
  return Status::Ok();
}

Status CheckProvince(std::string_view number) {
  const int province = DigitsValue(number.substr(0, 2));
  for (int known : kProvinces) {
    if (known == province) return Status::Ok();
  }
  return InvalidArgument("no province has the code " + std::string(number.substr(0, 2)) +
                         " (region " + std::string(number.substr(0, 6)) + ")");
}

Result<Date> CheckBirthDate(int year, int month, int day, Date today) {
  auto birth = Date::FromYmd(year, month, day);
  if (!birth.ok()) return birth.status();
  if (year < ResidentId::kMinBirthYear) {
    return OutOfRange("birth year " + std::to_string(year) + " is before " +
                      std::to_string(ResidentId::kMinBirthYear));
  }
  if (*birth > today) {
    return OutOfRange("birth date " + birth->ToString() + " is in the future");
  }
  return birth;
}

}  // namespace

const char* SexName(Sex sex) {
  return sex == Sex::kMale ? "male" : "female";
}
const char* SexNameChinese(Sex sex) {
  return sex == Sex::kMale ? "男" : "女";
}

char ResidentIdCheckCharacter(std::string_view first_seventeen) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) sum += (first_seventeen[i] - '0') * kWeights[i];
  return kCheckCharacters[sum % 11];
}

int ResidentId::sequence() const {
  return DigitsValue(std::string_view(number_).substr(14, 3));
}

Result<ResidentId> ResidentId::Parse(std::string_view text, Date today) {
  if (text.size() != kLength) {
    return InvalidArgument("expected 18 characters, got " + std::to_string(text.size()));
  }
  std::string number(text);
  if (number.back() == 'x') number.back() = 'X';

  Status digits = CheckAllDigits(number, kLength - 1);
  if (!digits.ok()) return digits;
  if (!IsDigit(number.back()) && number.back() != 'X') {
    return InvalidArgument("character 18 should be a digit or X");
  }
  Status province = CheckProvince(number);
  if (!province.ok()) return province;
  auto birth = CheckBirthDate(DigitsValue(number.substr(6, 4)), DigitsValue(number.substr(10, 2)),
                              DigitsValue(number.substr(12, 2)), today);
  if (!birth.ok()) return birth.status();
  const char expected = ResidentIdCheckCharacter(number);
  if (number.back() != expected) {
    return InvalidArgument(std::string("check character should be ") + expected + ", not " +
                           number.back());
  }
  return ResidentId(std::move(number), *birth);
}

Result<ResidentId> ResidentId::ParseAnyLength(std::string_view text, Date today) {
  if (text.size() != kOldLength) return Parse(text, today);
  auto upgraded = UpgradeFifteenDigit(text, today);
  if (!upgraded.ok()) return upgraded.status();
  return Parse(*upgraded, today);
}

Result<std::string> UpgradeFifteenDigit(std::string_view number, Date today) {
  if (number.size() != kOldLength) {
    return InvalidArgument("expected 15 digits, got " + std::to_string(number.size()) +
                           " characters");
  }
  Status digits = CheckAllDigits(number, kOldLength);
  if (!digits.ok()) return digits;
  // 15-digit numbers were issued only to people born in the 1900s.
  std::string upgraded = std::string(number.substr(0, 6)) + "19" + std::string(number.substr(6));
  upgraded.push_back(ResidentIdCheckCharacter(upgraded));
  auto checked = ResidentId::Parse(upgraded, today);
  if (!checked.ok()) return checked.status();
  return upgraded;
}

}  // namespace minsheng
