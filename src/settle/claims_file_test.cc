// Tests for reading claims files: CSV and JSON Lines give the same claims, GB18030 is
// read, every rejection is pinned with its full file:line:column message, one bad row in
// ten thousand refuses the file, and claims are checked against a small registry.
#include "settle/claims_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "registry/testing.h"

namespace minsheng::settle {
namespace {

using registry::testing::ToGb18030;
using registry::testing::WudiId;
using ::testing::HasSubstr;

constexpr char kHeader[] =
    "claim_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost,diagnosis,items\n";

// 371623198001010111: Wudi, born 1980-01-01, sequence 011.
const std::string kZhang = WudiId("19800101", 11);

Date D(const char* text) {
  return Date::Parse(text).value();
}

// The fields of one CSV row, good unless a test says otherwise.
struct Row {
  std::string claim_id = "Z1";
  std::string person_id = kZhang;
  std::string hospital = "H1";
  std::string admitted = "2017-03-01";
  std::string discharged = "2017-03-09";
  std::string total_cost = "12000.00";
  std::string compliant_cost = "9000.00";
  std::string diagnosis = "C34.9";
  std::string items = "special_drug:1200.00;nursing:30";
};

std::string CsvLine(const Row& row) {
  return row.claim_id + "," + row.person_id + "," + row.hospital + "," + row.admitted + "," +
         row.discharged + "," + row.total_cost + "," + row.compliant_cost + "," + row.diagnosis +
         "," + row.items + "\n";
}

// The error of parsing `text` as claims.csv ("" when it parsed).
std::string CsvErrors(const std::string& text) {
  auto claims = ParseClaimsCsv(text, "claims.csv");
  return claims.ok() ? "" : claims.status().ToString();
}

// The error of one bad row, the file's only row (line 2).
std::string RowError(const Row& row) {
  return CsvErrors(kHeader + CsvLine(row));
}

std::string JsonlErrors(const std::string& text) {
  auto claims = ParseClaimsJsonl(text, "claims.jsonl");
  return claims.ok() ? "" : claims.status().ToString();
}

// What a file with exactly one error says.
std::string OneError(const std::string& file, const std::string& error) {
  return file + ": 1 error; no claims were read\n" + file + ":" + error;
}

// Claims equal in everything but where they came from.
void ExpectSameClaims(const std::vector<Claim>& a, const std::vector<Claim>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("claim " + std::to_string(i));
    EXPECT_EQ(a[i].claim_id, b[i].claim_id);
    EXPECT_EQ(a[i].person_id, b[i].person_id);
    EXPECT_EQ(a[i].hospital, b[i].hospital);
    EXPECT_EQ(a[i].admitted, b[i].admitted);
    EXPECT_EQ(a[i].discharged, b[i].discharged);
    EXPECT_EQ(a[i].total_cost_fen, b[i].total_cost_fen);
    EXPECT_EQ(a[i].compliant_cost_fen, b[i].compliant_cost_fen);
    EXPECT_EQ(a[i].diagnosis, b[i].diagnosis);
    ASSERT_EQ(a[i].items.size(), b[i].items.size());
    for (size_t j = 0; j < a[i].items.size(); ++j) {
      EXPECT_EQ(a[i].items[j].category, b[i].items[j].category);
      EXPECT_EQ(a[i].items[j].cost_fen, b[i].items[j].cost_fen);
    }
  }
}

// A good CSV and the same claims as JSON Lines give equal claims: items and their
// categories, money as text or (JSON) whole yuan, a 15-digit ID upgraded to 18, an
// empty or null diagnosis; each claim knows its row or line.
TEST(ClaimsFile, CsvAndJsonlGiveEqualClaims) {
  const std::string csv = std::string(kHeader) + "Z2017-0001," + kZhang +
                          ",H1,2017-03-01,2017-03-09,12000.00,9000.00,"
                          "C34.9,special_drug:1200.00; nursing:30\n"
                          "Z2017-0002,371623500505031,H2,2017-05-02,2017-05-02,800,650.5,,\n";
  const std::string jsonl =
      "{\"claim_id\":\"Z2017-0001\",\"person_id\":\"" + kZhang +
      "\",\"hospital\":\"H1\",\"admitted\":\"2017-03-01\",\"discharged\":\"2017-03-09\","
      "\"total_cost\":\"12000.00\",\"compliant_cost\":\"9000.00\",\"diagnosis\":\"C34.9\","
      "\"items\":[{\"category\":\"special_drug\",\"cost\":\"1200.00\"},"
      "{\"category\":\"nursing\",\"cost\":30}]}\n"
      "\n"
      "{\"claim_id\":\"Z2017-0002\",\"person_id\":\"371623500505031\",\"hospital\":\"H2\","
      "\"admitted\":\"2017-05-02\",\"discharged\":\"2017-05-02\",\"total_cost\":800,"
      "\"compliant_cost\":\"650.5\",\"diagnosis\":null}\r\n";
  auto from_csv = ParseClaimsCsv(csv, "claims.csv");
  auto from_jsonl = ParseClaimsJsonl(jsonl, "claims.jsonl");
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().ToString();
  ASSERT_TRUE(from_jsonl.ok()) << from_jsonl.status().ToString();
  ExpectSameClaims(*from_csv, *from_jsonl);

  const Claim& first = (*from_csv)[0];
  EXPECT_EQ(first.claim_id, "Z2017-0001");
  EXPECT_EQ(first.person_id, "371623198001010111");
  EXPECT_EQ(first.admitted, D("2017-03-01"));
  EXPECT_EQ(first.discharged, D("2017-03-09"));
  EXPECT_EQ(first.total_cost_fen, 1'200'000);
  EXPECT_EQ(first.compliant_cost_fen, 900'000);
  EXPECT_EQ(first.diagnosis, "C34.9");
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].category, "special_drug");
  EXPECT_EQ(first.items[0].cost_fen, 120'000);
  EXPECT_EQ(first.items[1].category, "nursing");
  EXPECT_EQ(first.items[1].cost_fen, 3'000);
  const Claim& second = (*from_csv)[1];
  EXPECT_EQ(second.person_id, "37162319500505031X") << "15 digits upgraded";
  EXPECT_EQ(second.total_cost_fen, 80'000);
  EXPECT_EQ(second.compliant_cost_fen, 65'050);
  EXPECT_TRUE(second.diagnosis.empty());
  EXPECT_TRUE(second.items.empty());

  EXPECT_EQ(first.location.ToString(), "claims.csv: row 2");
  EXPECT_EQ(second.location.row, 3);
  EXPECT_EQ((*from_jsonl)[0].location.ToString(), "claims.jsonl:1");
  EXPECT_EQ((*from_jsonl)[1].location.line, 3) << "the empty line is counted";
}

// A GB18030 file, as Chinese hospital systems export, is read; its texts come out as
// UTF-8. A file that is neither encoding is refused with the registry's message.
TEST(ClaimsFile, Gb18030CsvIsRead) {
  Row row;
  row.hospital = "县医院";
  row.diagnosis = "肺癌";
  auto claims = ParseClaimsCsv(ToGb18030(kHeader + CsvLine(row)), "claims.csv");
  ASSERT_TRUE(claims.ok()) << claims.status().ToString();
  ASSERT_EQ(claims->size(), 1u);
  EXPECT_EQ((*claims)[0].hospital, "县医院");
  EXPECT_EQ((*claims)[0].diagnosis, "肺癌");

  EXPECT_EQ(CsvErrors(std::string(kHeader) + "\x81\x30\n"),
            "claims.csv: row 2: the file is neither UTF-8 nor GB18030 (byte 91, cut short)");
}

// The header: unknown columns (with a hint when one is close, else the known names), a
// repeated column, missing required columns, an empty file. Each refuses the file.
TEST(ClaimsFile, HeaderRejections) {
  EXPECT_EQ(CsvErrors("claim_id,person_id,hospital,admitted,discharged,totl_cost,total_cost,"
                      "compliant_cost\n"),
            OneError("claims.csv", "1:6: unknown column 'totl_cost'; did you mean 'total_cost'?"));
  EXPECT_EQ(CsvErrors("claim_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost,"
                      "ward\n"),
            OneError("claims.csv",
                     "1:8: unknown column 'ward' (known: claim_id, person_id, hospital, admitted, "
                     "discharged, total_cost, compliant_cost, diagnosis, items)"));
  EXPECT_EQ(CsvErrors("claim_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost,"
                      "claim_id\n"),
            OneError("claims.csv", "1:8: column 'claim_id' appears twice (also column 1)"));
  EXPECT_EQ(CsvErrors("claim_id,person_id,hospital,admitted,discharged,diagnosis\n"),
            OneError("claims.csv", "1: missing columns 'total_cost', 'compliant_cost'"));
  EXPECT_EQ(CsvErrors("claim_id,person_id,hospital,admitted,total_cost,compliant_cost\n"),
            OneError("claims.csv", "1: missing column 'discharged'"));
  EXPECT_EQ(CsvErrors(""),
            OneError("claims.csv", "1: the file is empty; a header row is required"));
}

// Each check of a CSV row, with its full message: the row's line and the field's column.
TEST(ClaimsFile, CsvRowRejections) {
  const auto one = [](const std::string& error) { return OneError("claims.csv", error); };
  Row row;
  row.claim_id = "";
  EXPECT_EQ(RowError(row), one("2:1: claim_id must not be empty"));
  row.claim_id = std::string(65, 'Z');
  EXPECT_EQ(RowError(row), one("2:1: claim_id is 65 bytes long; at most 64"));
  row.claim_id = "\"Z 1\"";
  EXPECT_EQ(RowError(row), one("2:1: claim_id must not contain spaces or control characters"));
  row.claim_id = std::string("Z") + "\u3000" + "1";  // an ideographic space
  EXPECT_EQ(RowError(row), one("2:1: claim_id must not contain spaces or control characters"));

  row = Row();
  row.person_id = "371623198001010110";
  EXPECT_EQ(RowError(row), one("2:2: person_id: check character should be 1, not 0"));
  row.person_id = "37162319800101011";
  EXPECT_EQ(RowError(row), one("2:2: person_id: expected 18 characters, got 17"));

  row = Row();
  row.hospital = "";
  EXPECT_EQ(RowError(row), one("2:3: hospital must not be empty"));
  row.hospital = std::string(101, 'H');
  EXPECT_EQ(RowError(row), one("2:3: hospital: 101 characters; at most 100"));

  row = Row();
  row.admitted = "2017-02-30";
  EXPECT_EQ(RowError(row), one("2:4: admitted: no such date 2017-02-30"));
  row.admitted = "2017-03-05";
  row.discharged = "2017/03/09";
  EXPECT_EQ(RowError(row), one("2:5: discharged: expected YYYY-MM-DD"));
  row.discharged = "2017-03-01";
  EXPECT_EQ(RowError(row), one("2:5: discharged 2017-03-01 before admitted 2017-03-05"));

  row = Row();
  row.total_cost = "-1";
  row.compliant_cost = "0";
  row.items = "";
  EXPECT_EQ(RowError(row), one("2:6: total_cost -1.00 is negative"));
  row = Row();
  row.compliant_cost = "1.234";
  EXPECT_EQ(RowError(row), one("2:7: compliant_cost: amount '1.234' is finer than a fen (at most 2 "
                               "decimal places)"));
  row.compliant_cost = "12000.01";
  EXPECT_EQ(RowError(row), one("2:7: compliant_cost 12000.01 is above total_cost 12000.00"));
}

// Each check of a CSV row's items: the syntax category:cost, the category's form, a
// negative cost, and a sum above the total cost.
TEST(ClaimsFile, CsvItemRejections) {
  const auto one = [](const std::string& error) { return OneError("claims.csv", error); };
  Row row;
  row.items = "special_drug:1200;nursing";
  EXPECT_EQ(RowError(row), one("2:9: item 2: 'nursing' is not category:cost"));
  row.items = "Special_drug:1200";
  EXPECT_EQ(RowError(row), one("2:9: item 1: category 'Special_drug' is not a name (a lower-case "
                               "letter, then lower-case letters, digits or _)"));
  row.items = "special_drug:1200;;nursing:3";
  EXPECT_EQ(RowError(row), one("2:9: item 2: '' is not category:cost"));
  row.items = "nursing:-3";
  EXPECT_EQ(RowError(row), one("2:9: item 1: cost -3.00 is negative"));
  row.items = "special_drug:12000;nursing:0.01";
  EXPECT_EQ(RowError(row), one("2:9: items sum to 12000.01, above total_cost 12000.00"));
}

// A row of the wrong width, a repeated claim id (named at the second, naming the first's
// row), and a malformed CSV, which ends the reading, placed like the other errors.
TEST(ClaimsFile, CsvFileRejections) {
  const auto one = [](const std::string& error) { return OneError("claims.csv", error); };
  EXPECT_EQ(CsvErrors(std::string(kHeader) + "Z1,x\n"),
            one("2: expected 9 fields, as in the header, but found 2"));
  Row row;
  EXPECT_EQ(CsvErrors(kHeader + CsvLine(row) + CsvLine(Row{.claim_id = "Z2"}) + CsvLine(row)),
            one("4:1: duplicate claim_id 'Z1' (first on row 2)"));
  EXPECT_EQ(CsvErrors(kHeader + CsvLine(row) + "Z2,\"x\n"),
            one("3:2: a quoted field is never closed (it starts on this row)"));
}

// Each check of a JSON line that CSV cannot have: not JSON (at the parser's byte), not an
// object, a JSON float for money, a non-string, an unknown key (with a hint), a missing
// key, a key given twice, and an item's own keys. Columns are the values' bytes; a
// line's errors come in their order.
TEST(ClaimsFile, JsonlRejections) {
  const auto one = [](const std::string& error) { return OneError("claims.jsonl", error); };
  const std::string rest = "\"person_id\":\"" + kZhang +
                           "\",\"hospital\":\"H1\",\"admitted\":\"2017-03-01\",\"discharged\":"
                           "\"2017-03-09\",\"compliant_cost\":\"9000.00\"";
  EXPECT_EQ(JsonlErrors("{\"claim_id\":\"Z1\",}\n"),
            one("1:18: not JSON: syntax error while parsing object key - unexpected '}'; "
                "expected string literal"));
  EXPECT_EQ(JsonlErrors("[1]\n"), one("1:1: expected a JSON object {\"claim_id\": …}, got array"));
  EXPECT_EQ(JsonlErrors("{\"claim_id\":\"Z1\",\"total_cost\":12000.5," + rest + "}\n"),
            one("1:31: total_cost: money is exact: give it as a string, e.g. \"12.30\""));
  EXPECT_EQ(JsonlErrors("{\"claim_id\":7,\"total_cost\":\"12000\"," + rest + "}\n"),
            one("1:13: claim_id: expected a string, got number"));
  EXPECT_EQ(JsonlErrors("{\"claim_id\":\"Z1\",\"totl_cost\":\"12000\"," + rest + "}\n"),
            "claims.jsonl: 2 errors; no claims were read\n"
            "claims.jsonl:1:1: missing key 'total_cost'\n"
            "claims.jsonl:1:30: unknown key 'totl_cost'; did you mean 'total_cost'?");
  EXPECT_EQ(JsonlErrors("{\"claim_id\":\"Z1\"," + rest + "}\n"),
            one("1:1: missing key 'total_cost'"));
  EXPECT_EQ(JsonlErrors("{\"claim_id\":\"Z1\",\"claim_id\":\"Z2\",\"total_cost\":\"12000\"," +
                        rest + "}\n"),
            one("1:29: key 'claim_id' given twice"));
  EXPECT_EQ(
      JsonlErrors("{\"claim_id\":\"Z1\",\"total_cost\":\"12000\"," + rest +
                  ",\"items\":[{\"category\":\"nursing\",\"cst\":\"3\"},"
                  "{\"category\":\"special_drug\",\"cost\":1.5}]}\n"),
      "claims.jsonl: 3 errors; no claims were read\n"
      "claims.jsonl:1:174: item 1: missing key 'cost'\n"
      "claims.jsonl:1:202: item 1: unknown key 'cst'; did you mean 'cost'?\n"
      "claims.jsonl:1:241: item 2: cost: money is exact: give it as a string, e.g. \"12.30\"");
}

// The first 100 errors are listed, then how many more; all of a row's errors are told,
// in the order of their columns.
TEST(ClaimsFile, ErrorsAreListedThenCounted) {
  std::string text = kHeader;
  for (int i = 0; i < 75; ++i) {
    text += CsvLine(Row{.claim_id = "Z" + std::to_string(i), .hospital = "", .admitted = "x"});
  }
  const std::string message = CsvErrors(text);
  EXPECT_THAT(message, HasSubstr("claims.csv: 150 errors; no claims were read\n"
                                 "claims.csv:2:3: hospital must not be empty\n"
                                 "claims.csv:2:4: admitted: expected YYYY-MM-DD\n"));
  EXPECT_THAT(message, HasSubstr("claims.csv:51:4: admitted: expected YYYY-MM-DD\n… and 50 more"));
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 101);
}

// One bad row in 10,000 refuses the whole file and names that row.
TEST(ClaimsFile, OneBadRowInTenThousandReturnsNoClaims) {
  std::string text = kHeader;
  for (int i = 0; i < 10'000; ++i) {
    Row row{.claim_id = "Z" + std::to_string(100'000 + i)};
    if (i == 7'321) row.admitted = "2017-03-10";
    text += CsvLine(row);
  }
  auto claims = ParseClaimsCsv(text, "claims.csv");
  ASSERT_FALSE(claims.ok());
  EXPECT_EQ(claims.status().ToString(),
            OneError("claims.csv", "7323:5: discharged 2017-03-09 before admitted 2017-03-10"));
}

// ReadClaimsFile chooses the parser by the extension, names the file by its name, and
// refuses other extensions.
TEST(ClaimsFile, ReadClaimsFileByExtension) {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("minsheng-claims-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(directory / name, std::ios::binary) << text;
    return (directory / name).string();
  };
  auto csv = ReadClaimsFile(write("march.CSV", kHeader + CsvLine(Row())));
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ((*csv)[0].location.file, "march.CSV");
  auto jsonl = ReadClaimsFile(write("march.jsonl", "{\"claim_id\":\"Z1\"}\n"));
  ASSERT_FALSE(jsonl.ok());
  EXPECT_THAT(jsonl.status().ToString(), HasSubstr("march.jsonl:1:1: missing key 'person_id'"));
  const std::string text_path = write("march.txt", "");
  auto text = ReadClaimsFile(text_path);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().ToString(), "'" + text_path + "': a claims file ends in .csv or .jsonl");
  std::filesystem::remove_all(directory);
}

// Claims against a registry of one household, two persons, a hospital and a school:
// an unknown person, an unknown organisation and an organisation that is not a hospital
// are each named at their claim's row; known persons at a hospital pass.
TEST(ClaimsFile, CheckAgainstRegistry) {
  registry::testing::TestStore store;
  const auto import_file = [&](registry::FileKind kind, const std::string& text) {
    auto summary = registry::ImportText(*store, kind, text, "t.csv", registry::testing::At(100));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  };
  import_file(registry::FileKind::kHouseholds, "household_id,region\nF1,371623101\n");
  import_file(registry::FileKind::kPersons, "resident_id,name,household_id\n" + kZhang +
                                                ",张伟,F1\n" + WudiId("19500505", 31) +
                                                ",李强,F1\n");
  import_file(registry::FileKind::kOrgs,
              "org_id,name,kind,level,region\n"
              "H1,无棣县人民医院,hospital,county,371623\n"
              "S1,无棣县第一中学,school,,371623\n");
  auto view = registry::RegistryView::Load(*store, {D("2017-01-01"), D("2017-12-31"), 100});
  ASSERT_TRUE(view.ok()) << view.status().ToString();

  const std::string unknown_person = WudiId("19900101", 13);
  auto claims = ParseClaimsCsv(kHeader + CsvLine(Row()) +
                                   CsvLine(Row{.claim_id = "Z2", .person_id = "371623500505031"}) +
                                   CsvLine(Row{.claim_id = "Z3", .person_id = unknown_person}) +
                                   CsvLine(Row{.claim_id = "Z4", .hospital = "H9"}) +
                                   CsvLine(Row{.claim_id = "Z5", .hospital = "S1"}),
                               "claims.csv");
  ASSERT_TRUE(claims.ok()) << claims.status().ToString();
  std::vector<const Claim*> named;
  for (const Claim& claim : *claims) named.push_back(&claim);
  EXPECT_EQ(CheckAgainstRegistry(named, *view).status().ToString(),
            "claims.csv: 3 errors; the claims do not match the registry\n"
            "claims.csv:4: no person 371623199001010132 in the registry\n"
            "claims.csv:5: no organisation 'H9' in the registry\n"
            "claims.csv:6: 'S1' is an organisation of kind school, not a hospital");
  named.resize(2);
  auto persons = CheckAgainstRegistry(named, *view);
  ASSERT_TRUE(persons.ok()) << persons.status().ToString();
  for (size_t i = 0; i < named.size(); ++i) EXPECT_EQ(view->person_ids()[(*persons)[i]], named[i]->person_id);
}

}  // namespace
}  // namespace minsheng::settle
