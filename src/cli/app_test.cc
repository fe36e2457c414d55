// Tests for the minsheng command: what each subcommand prints and the exit codes it
// returns (0 success, 1 user error), run in-process with captured output.
#include "cli/app.h"
#include "cli/testing.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace minsheng::cli {
namespace {

using testing::Outcome;

Outcome RunCommand(const std::vector<std::string>& arguments) {
  return testing::RunMinsheng(arguments);
}

TEST(Cli, IdCheckReportsBirthSexAndRegion) {
  // Proves id check prints the birth date, sex and region of a valid number, exit 0.
  Outcome outcome = RunCommand({"id", "check", "371623198506120033"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_NE(outcome.out.find("valid"), std::string::npos);
  EXPECT_NE(outcome.out.find("1985-06-12"), std::string::npos);
  EXPECT_NE(outcome.out.find("male / 男"), std::string::npos);
  EXPECT_NE(outcome.out.find("山东省 滨州市 无棣县"), std::string::npos);
}

TEST(Cli, IdCheckExplainsInvalidNumbersAndExitsOne) {
  // Proves an invalid number is explained on stdout and makes the exit code 1.
  Outcome outcome = RunCommand({"id", "check", "11010519491231002X", "371623198506120034"});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_NE(outcome.out.find("11010519491231002X: valid"), std::string::npos);
  EXPECT_NE(outcome.out.find("371623198506120034: invalid / 无效: check character should be 3"),
            std::string::npos);
}

TEST(Cli, IdCheckAcceptsFifteenDigits) {
  // Proves a 15-digit number is checked through its 18-character form.
  Outcome outcome = RunCommand({"id", "check", "110105491231002"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess);
  EXPECT_NE(outcome.out.find("11010519491231002X"), std::string::npos);
}

TEST(Cli, IdUpgrade) {
  // Proves id upgrade prints the 18-character number, and refuses a bad one with exit 1.
  Outcome good = RunCommand({"id", "upgrade", "110105491231002"});
  EXPECT_EQ(good.exit_code, kExitSuccess);
  EXPECT_EQ(good.out, "11010519491231002X\n");
  Outcome bad = RunCommand({"id", "upgrade", "11010549123100"});
  EXPECT_EQ(bad.exit_code, kExitUserError);
  EXPECT_NE(bad.err.find("expected 15 digits"), std::string::npos);
}

TEST(Cli, RegionShowsPathAndRetiredCodes) {
  // Proves region prints the full path, and marks a retired code as such.
  Outcome wudi = RunCommand({"region", "371623"});
  EXPECT_EQ(wudi.exit_code, kExitSuccess);
  EXPECT_NE(wudi.out.find("山东省 滨州市 无棣县"), std::string::npos);
  Outcome zhanhua = RunCommand({"region", "371624"});
  EXPECT_EQ(zhanhua.exit_code, kExitSuccess);
  EXPECT_NE(zhanhua.out.find("沾化县 (retired"), std::string::npos);
}

TEST(Cli, RegionRefusesUnknownAndMalformedCodes) {
  // Proves unknown and malformed codes are user errors with a message on stderr.
  Outcome unknown = RunCommand({"region", "999999"});
  EXPECT_EQ(unknown.exit_code, kExitUserError);
  EXPECT_NE(unknown.err.find("999999"), std::string::npos);
  Outcome malformed = RunCommand({"region", "37162"});
  EXPECT_EQ(malformed.exit_code, kExitUserError);
  EXPECT_NE(malformed.err.find("6 digits"), std::string::npos);
}

TEST(Cli, HelpVersionAndUsageErrors) {
  // Proves --help and version succeed, and unknown commands or options exit 1.
  EXPECT_EQ(RunCommand({"--help"}).exit_code, kExitSuccess);
  EXPECT_NE(RunCommand({"--help"}).out.find("region"), std::string::npos);
  EXPECT_EQ(RunCommand({"id", "check", "--help"}).exit_code, kExitSuccess);
  EXPECT_NE(RunCommand({"id", "check", "--help"}).out.find("NUMBER"), std::string::npos);
  EXPECT_EQ(RunCommand({"version"}).out, std::string("minsheng ") + Version() + "\n");
  EXPECT_EQ(RunCommand({}).exit_code, kExitUserError);
  EXPECT_EQ(RunCommand({"bogus"}).exit_code, kExitUserError);
  EXPECT_NE(RunCommand({"bogus"}).err.find("unknown command 'bogus'"), std::string::npos);
  EXPECT_EQ(RunCommand({"id", "check", "--bogus"}).exit_code, kExitUserError);
  EXPECT_EQ(RunCommand({"id", "check"}).exit_code, kExitUserError);
}

}  // namespace
}  // namespace minsheng::cli

namespace minsheng::cli {
namespace {

const std::string kWudi = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
const std::string kPersons = std::string(MINSHENG_SOURCE_DIR) + "/examples/wudi/persons.csv";
const std::string kHouseholds = std::string(MINSHENG_SOURCE_DIR) + "/examples/wudi/households.csv";

TEST(CliPack, CheckListsWhatThePackDefines) {
  // Proves pack check loads a bundled pack and lists its programs, stages (with where each
  // claim input is read from) and parameters.
  Outcome outcome = RunCommand({"pack", "check", kWudi.c_str()});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_NE(outcome.out.find("school_bus_subsidy"), std::string::npos);
  EXPECT_NE(outcome.out.find("ncms_township_deductible"), std::string::npos);
  EXPECT_NE(outcome.out.find("stages / 结算环节 (2):\n  1. township_basic_insurance"), std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("9. relief_fund"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("patient_scheme  claim, month, enum, input person.scheme"), std::string::npos)
      << outcome.out;
}

TEST(CliPack, TestCountsCases) {
  // Proves pack test runs the worked cases and ends with the counts.
  Outcome outcome = RunCommand({"pack", "test", kWudi.c_str()});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.out;
  EXPECT_NE(outcome.out.find(" passed, 0 failed\n"), std::string::npos);
}

TEST(CliPack, ParamsAtADateWithSources) {
  // Proves pack params shows the value in force on the date and its source.
  Outcome before = RunCommand({"pack", "params", kWudi.c_str(), "--at", "2012-07-31"});
  EXPECT_EQ(before.exit_code, kExitSuccess) << before.err;
  EXPECT_NE(before.out.find("ncms_township_deductible"), std::string::npos);
  EXPECT_NE(before.out.find("= ¥150.00"), std::string::npos);
  EXPECT_NE(before.out.find("新农合乡镇卫生院住院起付线"), std::string::npos);
  Outcome after = RunCommand({"pack", "params", kWudi.c_str(), "--at", "2012-08-01"});
  EXPECT_NE(after.out.find("= ¥200.00"), std::string::npos);
  EXPECT_EQ(RunCommand({"pack", "params", kWudi.c_str(), "--at", "2012-13-01"}).exit_code,
            kExitUserError);
}

TEST(CliPack, MissingPackIsAUserError) {
  // Proves a pack folder that does not exist is refused with exit code 1.
  Outcome outcome = RunCommand({"pack", "check", "/nonexistent/pack"});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_FALSE(outcome.err.empty());
}

TEST(CliCompute, WritesOneRowPerPerson) {
  // Proves compute prints the programs' amounts for each person of the example.
  Outcome outcome = RunCommand({"compute", "--pack", kWudi.c_str(), "--input", kPersons.c_str(),
                                "--households", kHouseholds.c_str(), "--period", "2013-03",
                                "--vars", "school_bus_subsidy,township_inpatient_reimbursement"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_NE(
      outcome.out.find("id,household_id,school_bus_subsidy,township_inpatient_reimbursement\n"),
      std::string::npos);
  EXPECT_NE(outcome.out.find("p2,h1,140.00,0.00\n"), std::string::npos);
  EXPECT_NE(outcome.out.find("p3,h2,0.00,250.50\n"), std::string::npos);
}

TEST(CliCompute, QuotesIdsThatNeedIt) {
  // Proves ids holding a comma or a quote are written quoted, so the output stays one
  // field per column (found by fuzz/csv_fuzz.cc's review).
  const std::string persons = ::testing::TempDir() + "/quoted_ids.csv";
  {
    std::ofstream file(persons);
    file << "id,household_id,role,is_student,rides_school_bus,scheme\n"
         << "\"p,1\",\"h\"\"1\",child,true,true,ncms\n";
  }
  Outcome outcome = RunCommand({"compute", "--pack", kWudi.c_str(), "--input", persons.c_str(),
                                "--period", "2013-03", "--vars", "school_bus_subsidy"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_NE(outcome.out.find("\"p,1\",\"h\"\"1\",70.00\n"), std::string::npos) << outcome.out;
  std::remove(persons.c_str());
}

TEST(CliCompute, YearSumsTheMonths) {
  // Proves a yearly period over a monthly variable gives the year's sum.
  Outcome outcome =
      RunCommand({"compute", "--pack", kWudi.c_str(), "--input", kPersons.c_str(), "--households",
                  kHouseholds.c_str(), "--period", "2013", "--vars", "school_bus_subsidy"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_NE(outcome.out.find("p2,h1,1680.00\n"), std::string::npos);
  EXPECT_NE(outcome.out.find("p4,h2,840.00\n"), std::string::npos);
}

TEST(CliCompute, UserErrorsExitOne) {
  // Proves an unknown variable, a bad period and a missing file are user errors.
  EXPECT_EQ(RunCommand({"compute", "--pack", kWudi.c_str(), "--input", kPersons.c_str(), "--period",
                        "2013-03", "--vars", "school_bus_subsdy"})
                .exit_code,
            kExitUserError);
  EXPECT_EQ(RunCommand({"compute", "--pack", kWudi.c_str(), "--input", kPersons.c_str(), "--period",
                        "2013-13", "--vars", "school_bus_subsidy"})
                .exit_code,
            kExitUserError);
  EXPECT_EQ(RunCommand({"compute", "--pack", kWudi.c_str(), "--input", "/nonexistent.csv",
                        "--period", "2013-03", "--vars", "school_bus_subsidy"})
                .exit_code,
            kExitUserError);
}

TEST(CliExplain, TextAndJson) {
  // Proves explain cites the parameter's source and takes both languages and formats.
  Outcome english = RunCommand({"explain", "--pack", kWudi.c_str(), "--input", kPersons.c_str(),
                                "--households", kHouseholds.c_str(), "--entity", "p2", "--var",
                                "school_bus_subsidy", "--period", "2013-03", "--lang", "en"});
  EXPECT_EQ(english.exit_code, kExitSuccess) << english.err;
  EXPECT_NE(english.out.find("p.school_bus_fare = ¥140.00"), std::string::npos);
  EXPECT_NE(english.out.find("source school_bus.md:"), std::string::npos);
  Outcome chinese = RunCommand({"explain", "--pack", kWudi.c_str(), "--input", kPersons.c_str(),
                                "--households", kHouseholds.c_str(), "--entity", "p2", "--var",
                                "school_bus_subsidy", "--period", "2013-03"});
  EXPECT_NE(chinese.out.find("依据"), std::string::npos);
  Outcome json = RunCommand({"explain", "--pack", kWudi.c_str(), "--input", kPersons.c_str(),
                             "--entity", "p3", "--var", "township_inpatient_reimbursement",
                             "--period", "2013-03", "--format", "json"});
  EXPECT_EQ(json.exit_code, kExitSuccess) << json.err;
  EXPECT_NE(json.out.find("\"value\": \"250.50\""), std::string::npos);
  EXPECT_EQ(RunCommand({"explain", "--pack", kWudi.c_str(), "--input", kPersons.c_str(), "--entity",
                        "nobody", "--var", "school_bus_subsidy", "--period", "2013-03"})
                .exit_code,
            kExitUserError);
}

}  // namespace
}  // namespace minsheng::cli
