// Tests for the minsheng command: what each subcommand prints and the exit codes it
// returns (0 success, 1 user error), run in-process with captured output.
#include "cli/app.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace minsheng::cli {
namespace {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome RunCommand(std::vector<const char*> arguments) {
  arguments.insert(arguments.begin(), "minsheng");
  std::ostringstream out;
  std::ostringstream err;
  Context context{.out = out, .err = err, .status = {}};
  int exit_code = Run(static_cast<int>(arguments.size()), arguments.data(), context);
  return {exit_code, out.str(), err.str()};
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
