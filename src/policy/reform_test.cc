// Tests for reforms: a reform file read and applied to the Wudi pack — values, scale and
// formula versions replaced from a date, a parameter added, the baseline left as it was —
// and every kind of error at the reform's file:line:column.
#include "policy/reform.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "policy/loader.h"

namespace minsheng::policy {
namespace {

namespace fs = std::filesystem;

const std::string kWudi = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

// Writes a reform file under the temporary folder and returns its path.
std::string WriteReform(const std::string& text) {
  static int counter = 0;
  const fs::path path = fs::temp_directory_path() /
                        ("minsheng-reform-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".md");
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

class ReformTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pack = LoadAndCheckPack(kWudi);
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    wudi_ = new Pack(std::move(pack).value());
  }
  static void TearDownTestSuite() { delete wudi_; }
  static const Pack& wudi() { return *wudi_; }

  // Loads and applies a reform, failing the test on any error.
  static ReformedPack Apply(const std::string& text) {
    auto reform = LoadReform(WriteReform(text));
    EXPECT_TRUE(reform.ok()) << reform.status().ToString();
    if (!reform.ok()) return {};
    auto reformed = ApplyReform(wudi(), *reform);
    EXPECT_TRUE(reformed.ok()) << reformed.status().ToString();
    return reformed.ok() ? std::move(reformed).value() : ReformedPack{};
  }

  // The error of loading and applying a reform, with the line it names in the file.
  static Status Error(const std::string& text, std::string* path_out = nullptr) {
    const std::string path = WriteReform(text);
    if (path_out != nullptr) *path_out = path;
    auto reform = LoadReform(path);
    if (!reform.ok()) return reform.status();
    auto reformed = ApplyReform(wudi(), *reform);
    return reformed.ok() ? Status::Ok() : reformed.status();
  }

 private:
  static Pack* wudi_;
};
Pack* ReformTest::wudi_ = nullptr;

constexpr const char* kHeader = R"(# 乡镇卫生院起付线下调（征求意见稿）

> 自2013年1月1日起，新农合乡镇卫生院住院起付线由200元下调为100元。

```minsheng
reform:
  id: township-100
  title: {zh: 乡镇卫生院起付线下调, en: Lower township deductible}
  from: 2013-01-01
)";

TEST_F(ReformTest, ReplacesAParametersValuesFromItsDateAndLeavesTheBaseline) {
  const std::string baseline_version = wudi().version;
  ReformedPack reformed = Apply(std::string(kHeader) + R"(parameters:
  ncms_township_deductible:
    unit: money
    values:
      2013-01-01: 100
```
)");
  const Parameter* changed = reformed.pack.FindParameter("ncms_township_deductible");
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->ValueAt(D(2012, 7, 31))->raw, 15000);
  EXPECT_EQ(changed->ValueAt(D(2012, 12, 31))->raw, 20000);
  EXPECT_EQ(changed->ValueAt(D(2013, 1, 1))->raw, 10000);
  EXPECT_EQ(changed->source.quote, "自2013年1月1日起，新农合乡镇卫生院住院起付线由200元下调为100元。");
  ASSERT_EQ(reformed.changes.size(), 1u);
  EXPECT_EQ(reformed.changes[0].name, "ncms_township_deductible");
  EXPECT_FALSE(reformed.changes[0].added);
  EXPECT_NE(reformed.pack.version, baseline_version);
  EXPECT_EQ(reformed.pack.version.size(), 16u);
  // The baseline is untouched.
  EXPECT_EQ(wudi().version, baseline_version);
  EXPECT_EQ(wudi().FindParameter("ncms_township_deductible")->ValueAt(D(2013, 1, 1))->raw, 20000);
}

TEST_F(ReformTest, ReplacesAFormulaFromItsDateAndAddsAParameter) {
  ReformedPack reformed = Apply(std::string(kHeader) + R"(parameters:
  school_bus_subsidy_dibao_extra:
    unit: money
    values:
      2013-01-01: 10
    assumption: a new top-up for students of dibao households
variables:
  school_bus_subsidy:
    entity: person
    period: month
    type: money
    formula: |
      if is_student and rides_school_bus then
        (if household.dibao then p.school_bus_fare + p.school_bus_subsidy_dibao_extra
         else p.school_bus_subsidy_standard)
      else 0
```
)");
  const Variable* subsidy = reformed.pack.FindVariable("school_bus_subsidy");
  ASSERT_NE(subsidy, nullptr);
  const Formula* before = subsidy->FormulaAt(D(2012, 12, 1));
  const Formula* after = subsidy->FormulaAt(D(2013, 1, 1));
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->text.find("school_bus_subsidy_dibao_extra"), std::string::npos);
  EXPECT_NE(after->text.find("school_bus_subsidy_dibao_extra"), std::string::npos);
  EXPECT_NE(after->expression, nullptr);  // checked against the reformed pack
  EXPECT_EQ(*before->until, D(2012, 12, 31));
  ASSERT_EQ(reformed.changes.size(), 2u);
  EXPECT_TRUE(reformed.changes[0].added);
  EXPECT_EQ(reformed.changes[1].name, "school_bus_subsidy");
  // The baseline's formula still runs on.
  EXPECT_EQ(wudi().FindVariable("school_bus_subsidy")->FormulaAt(D(2013, 1, 1))->text.find("extra"),
            std::string::npos);
}

TEST_F(ReformTest, ErrorsNameTheReformsLine) {
  struct Case {
    std::string body;
    int line, column;
    std::string message_part;
  };
  // Line 10 is the first line after the header (9 lines).
  const Case cases[] = {
      {"parameters:\n  ncms_township_deductible:\n    unit: money\n    values:\n      2012-12-01: 100\n```\n", 14, 7,
       "before the reform's `from` (2013-01-01)"},
      {"parameters:\n  ncms_township_deductible:\n    unit: rate\n    values:\n      2013-01-01: 10%\n```\n", 11, 3,
       "is money in the pack, not rate"},
      {"variables:\n  scheme:\n    entity: person\n    period: eternity\n    type: enum\n    values: [a, b]\n"
       "    formula: a\n```\n",
       11, 3, "a reform changes rules, not the data"},
      {"variables:\n  school_bus_subsidy:\n    entity: person\n    period: month\n    type: money\n"
       "    formula: p.school_bus_fair\n```\n",
       15, 14, "did you mean 'school_bus_fare'"},
      {"variables:\n  school_bus_subsidy:\n    entity: person\n    period: year\n    type: money\n"
       "    formula: 0\n```\n",
       11, 3, "must keep its entity, period and type"},
      // A version without `from:` starts at the reform's `from`: one that ends before it
      // would never be in force, and the variable would fall to its default unsaid.
      {"variables:\n  school_bus_subsidy:\n    entity: person\n    period: month\n    type: money\n"
       "    formulas:\n      - until: 2012-06-30\n        formula: 0\n```\n",
       17, 18, "until 2012-06-30, before the reform's `from` (2013-01-01)"},
      {"parametres:\n```\n", 10, 1, "did you mean 'parameters'"},
      {"```\n", 9, 9, "changes nothing"},
  };
  for (const Case& c : cases) {
    std::string path;
    Status status = Error(std::string(kHeader) + c.body, &path);
    ASSERT_FALSE(status.ok()) << c.body;
    EXPECT_EQ(status.location().file, path) << status.ToString();
    EXPECT_EQ(status.location().line, c.line) << status.ToString();
    EXPECT_EQ(status.location().column, c.column) << status.ToString();
    EXPECT_NE(status.message().find(c.message_part), std::string::npos) << status.ToString();
  }
}

TEST_F(ReformTest, AReformWithoutItsBlockOrWithTwoIsRefused) {
  Status none = Error("> 文\n\n```minsheng\nparameters:\n  x:\n    unit: money\n    values:\n      2013-01-01: 1\n```\n");
  EXPECT_NE(none.message().find("no `reform:` block"), std::string::npos) << none.ToString();
  Status two = Error(std::string(kHeader) + "```\n\n```minsheng\nreform: {id: b, title: {zh: 乙, en: B}, from: 2013-01-01}\n```\n");
  EXPECT_NE(two.message().find("a second `reform:` block"), std::string::npos) << two.ToString();
  EXPECT_EQ(two.location().line, 13);
}

TEST_F(ReformTest, TheDiagnosticShowsTheReformsLine) {
  std::string path;
  Status status = Error(std::string(kHeader) +
                            "variables:\n  school_bus_subsidy:\n    entity: person\n    period: month\n"
                            "    type: money\n    formula: p.school_bus_fair\n```\n",
                        &path);
  const std::string text = FormatReformDiagnostic(status, path, kWudi);
  EXPECT_NE(text.find(path + ":15:14: "), std::string::npos) << text;
  EXPECT_NE(text.find("    formula: p.school_bus_fair\n"), std::string::npos) << text;
  EXPECT_NE(text.find("^"), std::string::npos) << text;
}

}  // namespace
}  // namespace minsheng::policy
