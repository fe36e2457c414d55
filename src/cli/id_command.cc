// minsheng id check / id upgrade: validate resident ID numbers (GB 11643-1999).
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/region.h"
#include "core/resident_id.h"

namespace minsheng::cli {
namespace {

std::string DescribeRegion(std::string_view code) {
  const RegionTable& regions = RegionTable::Builtin();
  if (!regions.Existed(code))
    return std::string(code) + " (not in GB/T 2260 2002 onwards / 区划库无此代码)";
  std::string text = std::string(code) + " " + regions.PathOf(code).FullName();
  auto region = regions.Find(code);
  if (region && !region->current) text += " (retired / 已撤销)";
  return text;
}

// Prints one number's verdict; returns whether it was valid.
bool CheckOne(const std::string& text, std::ostream& out) {
  auto id = ResidentId::ParseAnyLength(text);
  if (!id.ok()) {
    out << text << ": invalid / 无效: " << id.status().message() << "\n";
    return false;
  }
  out << text << ": valid / 有效\n";
  if (id->number() != text) out << "  number / 号码: " << id->number() << "\n";
  out << "  birth date / 出生日期: " << id->birth_date().ToString() << "\n";
  out << "  sex / 性别: " << SexName(id->sex()) << " / " << SexNameChinese(id->sex()) << "\n";
  out << "  region / 地区: " << DescribeRegion(id->region_code()) << "\n";
  return true;
}

void AddCheck(CLI::App& id, Context& context) {
  CLI::App* check = id.add_subcommand(
      "check",
      "Check resident ID numbers: valid or why not; birth date, sex, region / 校验身份证号码");
  auto numbers = std::make_shared<std::vector<std::string>>();
  check->add_option("NUMBER", *numbers, "18-character or 15-digit numbers")->required();
  check->footer("Exit code 1 when any number is invalid.");
  check->callback([&context, numbers] {
    int invalid = 0;
    for (const std::string& number : *numbers) {
      if (!CheckOne(number, context.out)) ++invalid;
    }
    // Each invalid number was explained above; the status carries no second message.
    context.status = invalid == 0 ? Status::Ok() : InvalidArgument("");
  });
}

void AddUpgrade(CLI::App& id, Context& context) {
  CLI::App* upgrade =
      id.add_subcommand("upgrade", "Convert a 15-digit number to 18 characters / 15位升18位");
  auto number = std::make_shared<std::string>();
  upgrade->add_option("NUMBER15", *number, "a 15-digit resident ID number")->required();
  upgrade->callback([&context, number] {
    auto upgraded = UpgradeFifteenDigit(*number);
    if (!upgraded.ok()) {
      context.status = upgraded.status().Prefixed(*number);
      return;
    }
    context.out << *upgraded << "\n";
    context.status = Status::Ok();
  });
}

}  // namespace

void AddIdCommand(CLI::App& app, Context& context) {
  CLI::App* id = app.add_subcommand("id", "Resident ID numbers (GB 11643-1999) / 公民身份号码");
  id->require_subcommand(1);
  AddCheck(*id, context);
  AddUpgrade(*id, context);
}

}  // namespace minsheng::cli
