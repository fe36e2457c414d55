// A sample county report for the report's tests and the sample page (header-only; not
// part of the library's API): Wudi County's 2013 with three programs over four townships
// — a whole year of one program totalling ¥6,216,000.00, a recovery that leaves a month
// and a township below zero — two funds, a monthly disclosure, a public list and an audit.
#pragma once

#include <cstdint>
#include <string>

#include "core/period.h"
#include "report/report.h"

namespace minsheng::report::testing {

inline ProgramTotal Line(const std::string& program, const std::string& month,
                         const std::string& township_code, const std::string& township_name,
                         int64_t payees, int64_t amount_fen) {
  ProgramTotal line;
  line.program = program;
  if (program == "school_bus_subsidy") {
    line.title_zh = "校车乘车补贴";
    line.title_en = "School bus subsidy";
  } else if (program == "wubao_allowance") {
    line.title_zh = "五保供养金";
    line.title_en = "Wubao support";
  } else {
    line.title_zh = "乡镇住院报销";
    line.title_en = "Township inpatient reimbursement";
  }
  line.month = month;
  line.township_code = township_code;
  line.township_name = township_name;
  line.payees = payees;
  line.amount_fen = amount_fen;
  return line;
}

inline std::string Month(int month) {
  return std::string("2013-") + (month < 10 ? "0" : "") + std::to_string(month);
}

inline CountyReport SampleCountyReport() {
  CountyReport report;
  report.county_code = "371623";
  report.county_name_zh = "无棣县";
  report.county_name_en = "Wudi County";
  report.year = 2013;
  report.generated_at = "2026-11-24T06:00:11Z";
  report.persons = 452'310;
  report.households = 151'204;
  // School bus: ten school months (not July and August), two towns, ¥310,800.00 each:
  // ¥6,216,000.00 in the year.
  for (int month = 1; month <= 12; ++month) {
    if (month == 7 || month == 8) continue;
    report.totals.push_back(
        Line("school_bus_subsidy", Month(month), "371623101", "水湾镇", 4'440, 31'080'000));
    report.totals.push_back(
        Line("school_bus_subsidy", Month(month), "371623102", "碣石山镇", 4'440, 31'080'000));
  }
  // 五保: every month in one town; in June a recovery from a household with no town.
  for (int month = 1; month <= 12; ++month) {
    report.totals.push_back(
        Line("wubao_allowance", Month(month), "371623103", "小泊头镇", 125, 5'000'000));
  }
  report.totals.push_back(Line("wubao_allowance", "2013-06", "371623", "", 1, -1'200'000));
  // Inpatient reimbursement: paid in January, recovered in part in February.
  report.totals.push_back(
      Line("township_inpatient_reimbursement", "2013-01", "371623104", "埕口镇", 2, 80'000));
  report.totals.push_back(
      Line("township_inpatient_reimbursement", "2013-02", "371623104", "埕口镇", 1, -20'050));

  report.funds = {
      {.account = "fund/school_bus",
       .name_zh = "校车补贴资金",
       .name_en = "School bus fund",
       .depth = 0,
       .balance_fen = 38'400'000},
      {.account = "fund/school_bus/county",
       .name_zh = "县级校车补贴资金",
       .name_en = "County school bus fund",
       .depth = 1,
       .balance_fen = 38'400'000},
      {.account = "fund/wubao",
       .name_zh = "五保供养资金",
       .name_en = "Wubao fund",
       .depth = 0,
       .balance_fen = 2'400'000},
  };

  ledger::Disclosure disclosure;
  disclosure.account = "fund/school_bus/county";
  disclosure.unit = "CNY";
  disclosure.period = Period::Month(2013, 12);
  disclosure.opening = 40'000'000;
  disclosure.income = {{.label = "income/county", .amount = 60'560'000, .transfer_count = 1}};
  disclosure.payments = {
      {.label = "school_bus_subsidy", .amount = 62'160'000, .transfer_count = 8'880}};
  disclosure.closing = 38'400'000;
  report.disclosures.push_back(disclosure);

  report.public_list_title_zh = "2013年12月 校车乘车补贴发放公示";
  report.public_list_title_en = "December 2013: school bus subsidy paid";
  report.public_list = {
      {.masked_name = "张*丰",
       .village = "水湾镇,东村",
       .township_name = "水湾镇",
       .household_size = 4,
       .program_title_zh = "校车乘车补贴",
       .amount_fen = 14'000},
      {.masked_name = "欧**娜",
       .village = "",
       .township_name = "碣石山镇",
       .household_size = 3,
       .program_title_zh = "校车乘车补贴",
       .amount_fen = 7'000},
      {.masked_name = "李*",
       .village = "马家村",
       .township_name = "小泊头镇",
       .household_size = 1,
       .program_title_zh = "五保供养金",
       .amount_fen = -320},
  };

  report.audit = {.ok = true,
                  .batches = 1'204,
                  .rows = 3'081'553,
                  .accounts = 452'377,
                  .head_hash = "fa6470fe9c1d4e0b8a7f3c2d1e5b6a798877665544332211aabbccdda6da7506",
                  .message = "audit passed: 1,204 batches, 3,081,553 rows"};
  return report;
}

}  // namespace minsheng::report::testing
