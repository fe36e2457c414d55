// Writes the sample report (testing.h) as a page and a CSV file to look at, when asked:
//   MINSHENG_REPORT_SAMPLE_DIR=/tmp build-report/src/report/report_test
//   --gtest_filter='SamplePage*'
// writes /tmp/minsheng-report-sample.html and /tmp/minsheng-report-sample.csv. Without the
// variable it only renders them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "report/report.h"
#include "report/testing.h"

namespace minsheng::report {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();
  ASSERT_TRUE(file) << "cannot write " << path;
}

TEST(SamplePage, WritesWhenAsked) {
  // Proves the sample renders; writes it out for a person to open when the variable asks.
  const CountyReport report = testing::SampleCountyReport();
  const std::string html = RenderHtml(report);
  const std::string csv = RenderPublicListCsv(report);
  ASSERT_FALSE(html.empty());
  const char* directory = std::getenv("MINSHENG_REPORT_SAMPLE_DIR");
  if (directory == nullptr || *directory == '\0') return;
  Write(std::string(directory) + "/minsheng-report-sample.html", html);
  Write(std::string(directory) + "/minsheng-report-sample.csv", csv);
}

}  // namespace
}  // namespace minsheng::report
