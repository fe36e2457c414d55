// Tests for `minsheng demo`, the main job, at a small scale: it succeeds, its audit passes,
// it writes the report and the public list, and neither public output carries any
// person's ID number or full name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"
#include "core/csv_reader.h"

namespace minsheng::cli {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Each row's fields of a CSV file, without its header.
std::vector<std::vector<std::string>> Rows(const std::string& text, const std::string& name) {
  CsvReader csv(text, name);
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  while (true) {
    auto found = csv.Next();
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (!found.ok() || !*found) break;
    if (!header) rows.emplace_back(csv.fields().begin(), csv.fields().end());
    header = false;
  }
  return rows;
}

size_t CountCharacters(const std::string& text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

TEST(DemoCommandTest, PaysAuditsReportsAndShowsNoIdentity) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("minsheng_demo_" + std::to_string(getpid()));
  std::filesystem::remove_all(out);
  const std::string out_text = out.string();
  const std::string pack = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
  testing::Outcome demo =
      testing::RunMinsheng({"demo", "--out", out_text, "--scale", "0.01", "--pack", pack});
  ASSERT_EQ(demo.exit_code, kExitSuccess) << demo.out << demo.err;
  const std::string printed = demo.out;
  EXPECT_NE(printed.find("ledger audit / 账本审计: passed"), std::string::npos) << printed;
  EXPECT_NE(printed.find("report.html"), std::string::npos) << printed;

  const std::string html = ReadFile(out / "report.html");
  const std::string csv = ReadFile(out / "disclosure.csv");
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("审计通过"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const auto public_rows = Rows(csv, "disclosure.csv");
  EXPECT_GT(public_rows.size(), 10u) << "December's school-bus riders";

  // Every person of the registry: no ID number anywhere in a public output, no full name
  // as a name on the list, and no full name of three or more characters anywhere (a
  // two-character name like 王庄 may also be a village's).
  const auto persons = Rows(ReadFile(out / "registry" / "persons.csv"), "persons.csv");
  ASSERT_GT(persons.size(), 1000u);
  std::set<std::string> listed_names;
  for (const auto& row : public_rows) listed_names.insert(row.at(0));
  for (const auto& person : persons) {
    const std::string& id = person.at(0);
    const std::string& name = person.at(1);
    ASSERT_EQ(html.find(id), std::string::npos) << "ID " << id << " in report.html";
    ASSERT_EQ(csv.find(id), std::string::npos) << "ID " << id << " in disclosure.csv";
    ASSERT_EQ(listed_names.count(name), 0u) << "full name " << name << " on the public list";
    ASSERT_EQ(html.find(">" + name + "<"), std::string::npos) << "full name " << name << " in report.html";
    if (CountCharacters(name) >= 3) {
      ASSERT_EQ(html.find(name), std::string::npos) << "full name " << name << " in report.html";
      ASSERT_EQ(csv.find(name), std::string::npos) << "full name " << name << " in disclosure.csv";
    }
  }
  std::filesystem::remove_all(out);
}

}  // namespace
}  // namespace minsheng::cli
