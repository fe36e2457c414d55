// Tests of population CSV loading (csv.h); the RFC 4180 reader has its own (core).
//
// The pack is built by hand: person {group household; roles head, spouse, child,
// parent, other} with inputs income (money), is_student (bool), scheme (enum ncms,
// urbmi; default ncms); household with input dibao (bool); and one formula variable,
// benefit. Error tests pin the full message.
#include "engine/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "engine/csv_support.h"

namespace minsheng::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

policy::Variable Input(std::string name, std::string entity, policy::Type type,
                       int64_t default_raw = 0) {
  policy::Variable variable;
  variable.name = std::move(name);
  variable.entity = std::move(entity);
  variable.type = type;
  variable.is_input = true;
  variable.default_value.type = type;
  variable.default_value.raw = default_raw;
  return variable;
}

policy::Pack TestPack() {
  policy::Pack pack;
  policy::Entity person;
  person.name = "person";
  person.plural = "persons";
  person.group = "household";
  person.roles = {"head", "spouse", "child", "parent", "other"};
  policy::Entity household;
  household.name = "household";
  household.plural = "households";
  pack.entities = {person, household};

  policy::Variable income = Input("income", "person", policy::Type::kMoney);
  policy::Variable is_student = Input("is_student", "person", policy::Type::kBool);
  is_student.period = policy::PeriodUnit::kEternity;
  policy::Variable scheme = Input("scheme", "person", policy::Type::kEnum);
  auto scheme_type = std::make_shared<policy::EnumType>();
  scheme_type->name = "scheme";
  scheme_type->values = {"ncms", "urbmi"};
  scheme.enum_type = scheme_type;
  scheme.default_value.enum_type = scheme_type.get();
  policy::Variable dibao = Input("dibao", "household", policy::Type::kBool);
  policy::Variable benefit;
  benefit.name = "benefit";
  benefit.entity = "person";
  benefit.type = policy::Type::kMoney;
  policy::Formula formula;
  formula.text = "income * 10%";
  benefit.formulas = {formula};
  pack.variables = {income, is_student, scheme, dibao, benefit};
  return pack;
}

class CsvTest : public ::testing::Test {
 protected:
  Result<Population> Parse(std::string_view persons, std::string_view households = "") {
    return ParsePopulationCsv(pack_, persons, "persons.csv", households,
                              households.empty() ? "" : "households.csv");
  }
  // The full error text of a load that must fail.
  std::string ErrorOf(std::string_view persons, std::string_view households = "") {
    Result<Population> population = Parse(persons, households);
    if (population.ok()) return "(loaded)";
    return population.status().ToString();
  }

  policy::Pack pack_ = TestPack();
};

std::vector<std::string> Ids(const EntityTable& table) {
  std::vector<std::string> ids;
  for (size_t row = 0; row < table.size(); ++row) ids.emplace_back(table.ids()[row]);
  return ids;
}

std::vector<int64_t> Values(const EntityTable& table, std::string_view name) {
  const Column* column = table.Find(name);
  return column == nullptr ? std::vector<int64_t>{-999} : column->values.ToVector();
}

std::vector<std::string> RoleNames(const Population& population) {
  const std::vector<std::string> roles = {"head", "spouse", "child", "parent", "other"};
  std::vector<std::string> names;
  for (uint8_t role : population.member_role) names.push_back(roles.at(role));
  return names;
}

// ---------------------------------------------------------------------------------------
// Loading a population

// A sorted persons file loads as it is: ids, households in order of first appearance,
// begin offsets, typed values and every input column.
TEST_F(CsvTest, LoadsPersonsIntoColumns) {
  Result<Population> population = Parse(
      "id,household_id,role,income,is_student,scheme,dibao\n"
      "p1,h1,head,1200.50,false,urbmi,true\n"
      "p2,h1,child,0,true,ncms,\n"
      "p3,h2,head,\"1,234\",yes,,false\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->members), ElementsAre("p1", "p2", "p3"));
  EXPECT_THAT(Ids(population->groups), ElementsAre("h1", "h2"));
  EXPECT_EQ(population->members.entity(), "person");
  EXPECT_EQ(population->groups.entity(), "household");
  EXPECT_THAT(population->member_group, ElementsAre(0, 0, 1));
  EXPECT_THAT(population->member_begin, ElementsAre(0, 2, 3));
  EXPECT_THAT(RoleNames(*population), ElementsAre("head", "child", "head"));
  EXPECT_THAT(Values(population->members, "income"), ElementsAre(120050, 0, 123400));
  EXPECT_THAT(Values(population->members, "is_student"), ElementsAre(0, 1, 1));
  EXPECT_THAT(Values(population->members, "scheme"), ElementsAre(1, 0, 0));
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1, 0));
  EXPECT_EQ(population->members.Find("scheme")->enum_type, pack_.variables[2].enum_type.get());
  EXPECT_EQ(population->members.Find("benefit"), nullptr);
}

// Rows of a household scattered through the file are gathered: households in order of
// first appearance, members in file order within each.
TEST_F(CsvTest, SortsMembersByHouseholdStably) {
  Result<Population> population = Parse(
      "id,household_id,income\n"
      "a,h2,1\nb,h1,2\nc,h2,3\nd,h3,4\ne,h1,5\nf,h2,6\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->groups), ElementsAre("h2", "h1", "h3"));
  EXPECT_THAT(Ids(population->members), ElementsAre("a", "c", "f", "b", "e", "d"));
  EXPECT_THAT(population->member_group, ElementsAre(0, 0, 0, 1, 1, 2));
  EXPECT_THAT(population->member_begin, ElementsAre(0, 3, 5, 6));
  EXPECT_THAT(Values(population->members, "income"), ElementsAre(100, 300, 600, 200, 500, 400));
  EXPECT_THAT(RoleNames(*population),
              ElementsAre("head", "other", "other", "head", "other", "head"));
}

// Without a role column, or with an empty role, the first member of a household in file
// order is its head and the others "other"; given roles are kept.
TEST_F(CsvTest, RolesDefaultToHeadThenOther) {
  Result<Population> population = Parse(
      "id,household_id,role\n"
      "a,h1,\nb,h2,spouse\nc,h1,\nd,h2,\ne,h1,child\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->members), ElementsAre("a", "c", "e", "b", "d"));
  EXPECT_THAT(RoleNames(*population), ElementsAre("head", "other", "child", "spouse", "other"));
}

// A role the person entity does not list is refused, with the likely intended one.
TEST_F(CsvTest, RefusesUnknownRole) {
  EXPECT_EQ(ErrorOf("id,household_id,role\na,h1,head\nb,h1,chld\n"),
            "persons.csv: row 3: field 'role': column 3: unknown role 'chld'; did you mean "
            "'child'? (roles: head, spouse, child, parent, other)");
}

// Inputs missing from the file get a column of their defaults; empty fields get the
// default too.
TEST_F(CsvTest, FillsDefaultsForMissingColumnsAndEmptyFields) {
  pack_.variables[0].default_value.raw = 500;  // income defaults to ¥5.00
  pack_.variables[2].default_value.raw = 1;    // scheme defaults to urbmi
  pack_.variables[3].default_value.raw = 1;    // dibao defaults to true
  Result<Population> population = Parse("id,household_id,income\na,h1,\nb,h1,7\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Values(population->members, "income"), ElementsAre(500, 700));
  EXPECT_THAT(Values(population->members, "is_student"), ElementsAre(0, 0));
  EXPECT_THAT(Values(population->members, "scheme"), ElementsAre(1, 1));
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1));
}

// A household column repeated on person rows sets the household's value when every
// member that states it agrees; members may leave it empty.
TEST_F(CsvTest, RepeatedHouseholdColumnsThatAgree) {
  Result<Population> population =
      Parse("id,household_id,dibao\na,h1,true\nb,h1,\nc,h1,yes\nd,h2,\ne,h3,0\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1, 0, 0));
}

// Members of one household that state different values are refused, naming both rows.
TEST_F(CsvTest, RepeatedHouseholdColumnsThatDisagree) {
  EXPECT_EQ(ErrorOf("id,household_id,dibao\na,h7,false\nb,h8,true\nc,h7,true\n"),
            "persons.csv: row 4: field 'dibao': column 3: household 'h7': field 'dibao' is "
            "'true' here but 'false' on row 2");
}

// A households file fixes the households and their order, keeps households without
// members, and gives household values.
TEST_F(CsvTest, HouseholdsFileGivesHouseholdsAndOrder) {
  Result<Population> population =
      Parse("id,household_id\na,h2\nb,h1\nc,h2\n", "id,dibao\nh1,true\nh0,\nh2,false\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->groups), ElementsAre("h1", "h0", "h2"));
  EXPECT_THAT(population->member_begin, ElementsAre(0, 1, 1, 3));
  EXPECT_THAT(Ids(population->members), ElementsAre("b", "a", "c"));
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1, 0, 0));
}

// With a households file, every person's household must be in it.
TEST_F(CsvTest, RefusesHouseholdMissingFromHouseholdsFile) {
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\nb,h9\n", "id\nh1\n"),
            "persons.csv: row 3: field 'household_id': column 2: household 'h9' is not in "
            "households.csv");
}

// A repeated household column must also agree with the households file; an empty field
// there states nothing, so person rows may give the value.
TEST_F(CsvTest, RepeatedColumnMustAgreeWithHouseholdsFile) {
  EXPECT_EQ(ErrorOf("id,household_id,dibao\na,h1,true\n", "id,dibao\nh1,false\n"),
            "persons.csv: row 2: field 'dibao': column 3: household 'h1': field 'dibao' is "
            "'true' here but 'false' on row 2 of households.csv");
  Result<Population> population =
      Parse("id,household_id,dibao\na,h1,true\nb,h2,\n", "id,dibao\nh1,\nh2,true\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1, 1));
}

// The households file's own errors: duplicate ids, person columns.
TEST_F(CsvTest, RefusesBadHouseholdsFile) {
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\n", "id\nh1\nh2\nh1\n"),
            "households.csv: row 4: field 'id': column 1: duplicate id 'h1' (first on row 2)");
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\n", "id,income\nh1,5\n"),
            "households.csv: row 1: field 'income': column 2: 'income' is a person variable; "
            "it belongs in the persons file");
}

// An unknown column is refused at the header, with the likely intended name.
TEST_F(CsvTest, RefusesUnknownColumnWithHint) {
  EXPECT_EQ(ErrorOf("id,household_id,incme\na,h1,5\n"),
            "persons.csv: row 1: field 'incme': column 3: unknown column 'incme'; did you mean "
            "'income'?");
  EXPECT_EQ(ErrorOf("id,household_id,zzz\na,h1,5\n"),
            "persons.csv: row 1: field 'zzz': column 3: unknown column 'zzz'");
}

// A column for a computed variable is refused: the engine computes it.
TEST_F(CsvTest, RefusesFormulaVariableColumn) {
  EXPECT_EQ(ErrorOf("id,household_id,benefit\na,h1,5\n"),
            "persons.csv: row 1: field 'benefit': column 3: 'benefit' is computed by a "
            "formula, not an input");
}

// Header mistakes: missing required columns, repeated and empty names, an empty file.
TEST_F(CsvTest, RefusesBadHeaders) {
  EXPECT_EQ(ErrorOf("id,income\na,5\n"), "persons.csv: row 1: missing column 'household_id'");
  EXPECT_EQ(ErrorOf("household_id\nh1\n"), "persons.csv: row 1: missing column 'id'");
  EXPECT_EQ(ErrorOf("id,household_id,income,income\n"),
            "persons.csv: row 1: field 'income': column 4: column 'income' appears twice (also "
            "column 3)");
  EXPECT_EQ(ErrorOf("id,,household_id\n"), "persons.csv: row 1: column 2: empty column name");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF"),
            "persons.csv: row 1: the file is empty; a header row is required");
}

// A value that does not parse names the row, the field and the column, then gives
// ParseValue's reason (which quotes the text); its error code is kept.
TEST_F(CsvTest, RefusesBadValueWithRowAndField) {
  EXPECT_EQ(ErrorOf("id,household_id,is_student,income\na,h1,true,5\nb,h1,false,abc\n"),
            "persons.csv: row 3: field 'income': column 4: amount 'abc': not a number: 'abc'");
  EXPECT_EQ(ErrorOf("id,household_id,scheme\na,h1,nmcs\n"),
            "persons.csv: row 2: field 'scheme': column 3: 'nmcs' is not one of scheme's values "
            "(ncms, urbmi)");
  EXPECT_EQ(ErrorOf("id,household_id,is_student\na,h1,maybe\n"),
            "persons.csv: row 2: field 'is_student': column 3: expected true or false (or yes/no, "
            "1/0, 是/否), got 'maybe'");
  Result<Population> overflow = Parse("id,household_id,income\na,h1,99999999999999999999\n");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().code(), ErrorCode::kOverflow);
}

// A row with more or fewer fields than the header is refused.
TEST_F(CsvTest, RefusesWrongFieldCount) {
  EXPECT_EQ(ErrorOf("id,household_id,income\na,h1,5\nb,h1\n"),
            "persons.csv: row 3: expected 3 fields, as in the header, but found 2");
  EXPECT_EQ(ErrorOf("id,household_id\na,h1,5\n"),
            "persons.csv: row 2: expected 2 fields, as in the header, but found 3");
}

// A repeated person id is refused, naming both rows; rows are lines, so a multi-line
// quoted field before it moves the numbers as an editor shows them.
TEST_F(CsvTest, RefusesDuplicateIdNamingBothRows) {
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\nb,\"h\n1\"\na,h2\n"),
            "persons.csv: row 5: field 'id': column 1: duplicate id 'a' (first on row 2)");
  EXPECT_EQ(ErrorOf("id,household_id\na,\n"),
            "persons.csv: row 2: field 'household_id': column 2: empty household id");
  EXPECT_EQ(ErrorOf("id,household_id\n,h1\n"),
            "persons.csv: row 2: field 'id': column 1: empty id");
}

// Quoting, a byte order mark and CRLF line ends load like plain text; ids may contain
// quotes and commas.
TEST_F(CsvTest, LoadsQuotedFieldsBomAndCrlf) {
  Result<Population> population = Parse(
      "\xEF\xBB\xBF\"id\" , household_id ,income\r\n"
      "\"p \"\"1\"\"\",\"h,1\", \" 5\" \r\n"
      "p2,\"h,1\",6\r\n\r\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->members), ElementsAre("p \"1\"", "p2"));
  EXPECT_THAT(Ids(population->groups), ElementsAre("h,1"));
  EXPECT_THAT(Values(population->members, "income"), ElementsAre(500, 600));
}

// The fast path for plain numbers, booleans and enum values gives exactly what
// policy::ParseValue gives, and other spellings still go through ParseValue.
TEST_F(CsvTest, FastPathAgreesWithParseValue) {
  const std::vector<std::string> amounts = {"0",   "7",   "140",      "140.5", "140.50",
                                            "007", "0.5", "1,234.56", "¥12",   "999999999999999",
                                            "12万"};
  const std::vector<std::string> flags = {"true", "false", "1", "0", "yes", "TRUE", "是", "否"};
  std::string text = "id,household_id,income,is_student\n";
  for (size_t i = 0; i < amounts.size(); ++i) {
    text +=
        "p" + std::to_string(i) + ",h1,\"" + amounts[i] + "\"," + flags[i % flags.size()] + "\n";
  }
  Result<Population> population = Parse(text);
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  for (size_t i = 0; i < amounts.size(); ++i) {
    Result<policy::Value> money = policy::ParseValue(amounts[i], policy::Type::kMoney);
    Result<policy::Value> flag = policy::ParseValue(flags[i % flags.size()], policy::Type::kBool);
    ASSERT_TRUE(money.ok() && flag.ok()) << amounts[i];
    EXPECT_EQ(population->members.Find("income")->values.At(i), money->raw) << amounts[i];
    EXPECT_EQ(population->members.Find("is_student")->values.At(i), flag->raw) << flags[i];
  }
}

// The example in docs/csv.md loads as the page says.
TEST_F(CsvTest, DocumentedExampleLoads) {
  Result<Population> population = Parse(
      "id,household_id,role,income,is_student,dibao\n"
      "370623198001010011,H001,head,1200.50,false,true\n"
      "370623200503030022,H001,child,,true,\n"
      "370623197702020033,H002,,\"1,800\",no,false\n",
      "id,dibao\nH001,true\nH002,\nH003,false\n");
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Ids(population->groups), ElementsAre("H001", "H002", "H003"));
  EXPECT_THAT(population->member_begin, ElementsAre(0, 2, 3, 3));
  EXPECT_THAT(RoleNames(*population), ElementsAre("head", "child", "head"));
  EXPECT_THAT(Values(population->members, "income"), ElementsAre(120050, 0, 180000));
  EXPECT_THAT(Values(population->members, "is_student"), ElementsAre(0, 1, 0));
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1, 0, 0));
}

// Without a role column, a pack whose member entity lacks "head" or "other" cannot give
// the default, and says so; a pack without a member entity has no population to load.
TEST_F(CsvTest, RefusesDefaultRoleThePackDoesNotHave) {
  pack_.entities[0].roles = {"head", "spouse"};
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\nb,h1\n"),
            "persons.csv: row 3: no role given, and entity 'person' has no role 'other' to "
            "default to");
  pack_.entities[0].group = "";
  EXPECT_EQ(ErrorOf("id,household_id\na,h1\n"),
            "the pack has no member entity (an entity with a group) to load");
}

// LoadPopulationCsv reads the files named in the options; a missing file is an error
// naming it.
TEST_F(CsvTest, LoadsFromFiles) {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("minsheng_csv_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string persons = (directory / "persons.csv").string();
  const std::string households = (directory / "households.csv").string();
  std::ofstream(persons) << "id,household_id,income\na,h1,5\n";
  std::ofstream(households) << "id,dibao\nh1,true\n";
  Result<Population> population = LoadPopulationCsv(pack_, {persons, households});
  ASSERT_TRUE(population.ok()) << population.status().ToString();
  EXPECT_THAT(Values(population->groups, "dibao"), ElementsAre(1));
  Result<Population> missing = LoadPopulationCsv(pack_, {(directory / "none.csv").string(), ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(missing.status().ToString(), HasSubstr("none.csv: cannot read the file: "));
  std::filesystem::remove_all(directory);
}

// ---------------------------------------------------------------------------------------
// The loader's pieces

// The first repeat in row order is found, and ids that merely share a hash are not taken
// for repeats (the hashes here are chosen to collide).
TEST(CsvSupportTest, FindsFirstRepeatedIdDespiteHashCollisions) {
  IdColumn ids;
  for (std::string_view id : {"a", "b", "c", "b", "a"}) ids.Append(id);
  const std::vector<uint64_t> hashes = {7, 7, 7, 7, 7};
  std::optional<csv_internal::RepeatedId> repeated = csv_internal::FindFirstRepeatedId(ids, hashes);
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->first_row, 1u);
  EXPECT_EQ(repeated->repeat_row, 3u);
  IdColumn distinct;
  for (std::string_view id : {"x", "y", "z"}) distinct.Append(id);
  EXPECT_FALSE(csv_internal::FindFirstRepeatedId(distinct, {1, 1, 2}).has_value());
}

// Over many ids with real hashes, the radix-sorted check finds exactly the one repeat.
TEST(CsvSupportTest, FindsTheOneRepeatAmongManyIds) {
  IdColumn ids;
  std::vector<uint64_t> hashes;
  for (int i = 0; i < 100000; ++i) {
    const std::string id = "370623" + std::to_string(1000000 + (i == 76543 ? 1234 : i));
    ids.Append(id);
    hashes.push_back(csv_internal::IndexedIds::Hash(id));
  }
  std::optional<csv_internal::RepeatedId> repeated = csv_internal::FindFirstRepeatedId(ids, hashes);
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->first_row, 1234u);
  EXPECT_EQ(repeated->repeat_row, 76543u);
}

// IndexedIds finds every id it was given, across the rehashes as it grows, and no other.
TEST(CsvSupportTest, IndexedIdsFindsWhatItHolds) {
  csv_internal::IndexedIds ids;
  for (int i = 0; i < 5000; ++i) {
    const csv_internal::IndexedIds::Found found = ids.FindOrAdd("h" + std::to_string(i));
    EXPECT_TRUE(found.added);
    EXPECT_EQ(found.row, static_cast<uint32_t>(i));
  }
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(ids.Find("h" + std::to_string(i)), i);
  EXPECT_EQ(ids.Find("h5000"), -1);
  EXPECT_FALSE(ids.FindOrAdd("h42").added);
  EXPECT_EQ(ids.size(), 5000u);
}

}  // namespace
}  // namespace minsheng::engine
