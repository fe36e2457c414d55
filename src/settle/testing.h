// Helpers shared by the settlement's tests and its benchmark: a small claims pack with two
// stages that accumulate over the year, written to a temporary folder and loaded as a
// policy officer's pack would be, and claims built in one line.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/status.h"
#include "policy/loader.h"
#include "settle/claim.h"

namespace minsheng::settle::testing {

// Basic insurance: compliant cost above a deductible (200 at township hospitals, 500
// elsewhere) at 70%, within an annual cap of 25,000 counted over the year's claims.
// Critical illness: the year's self-paid compliant amount after basic insurance, 50% above
// 12,000 and 60% above 100,000 (the poverty-registered: 55% above 6,000), with a cap of
// 300,000 — continuing, claim by claim, in the segment where the last claim stopped.
inline constexpr char kCascadePack[] = R"(# Cascade test pack

```minsheng
pack:
  id: settle-test
  name: {zh: 结算测试, en: Settlement test}
  region: "37"
```

> 测试用：基本医疗保险起付线、报销比例、年度封顶线；大病保险分段报销。

```minsheng
variables:
  poverty_registered:
    entity: person
    period: eternity
    type: bool
    input: true
    default: false
  compliant_cost:
    entity: claim
    period: month
    type: money
    input: claim.compliant_cost
  level:
    entity: claim
    period: month
    type: enum
    values: [village, township, county, city, out_of_area]
    input: claim.hospital_level
  poor:
    entity: claim
    period: month
    type: bool
    input: person.poverty_registered
  basic_before:
    entity: claim
    period: month
    type: money
    input: year_before.basic
  self_paid_before:
    entity: claim
    period: month
    type: money
    input: year_before.self_paid
  basic:
    entity: claim
    period: month
    type: money
    formula: |
      min(max(0, compliant_cost - (if level == township then p.deductible_township else p.deductible_other)) * p.basic_ratio,
          max(0, p.basic_cap - basic_before))
  self_paid:
    entity: claim
    period: month
    type: money
    formula: compliant_cost - basic
  critical:
    entity: claim
    period: month
    type: money
    formula: |
      if poor then
        min(p.critical_cap, scale(p.critical_poor, self_paid_before + self_paid))
          - min(p.critical_cap, scale(p.critical_poor, self_paid_before))
      else
        min(p.critical_cap, scale(p.critical, self_paid_before + self_paid))
          - min(p.critical_cap, scale(p.critical, self_paid_before))
parameters:
  deductible_township: {unit: money, values: {2010-01-01: 200}}
  deductible_other: {unit: money, values: {2010-01-01: 500}}
  basic_ratio: {unit: rate, values: {2010-01-01: 70%}}
  basic_cap: {unit: money, values: {2010-01-01: 25000}}
  critical_cap: {unit: money, values: {2010-01-01: 300000}}
  critical:
    scale: marginal
    threshold: money
    brackets:
      2010-01-01:
        - {from: 0, rate: 0%}
        - {from: 12000, rate: 50%}
        - {from: 100000, rate: 60%}
  critical_poor:
    scale: marginal
    threshold: money
    brackets:
      2010-01-01:
        - {from: 0, rate: 0%}
        - {from: 6000, rate: 55%}
        - {from: 100000, rate: 65%}
stages:
  basic_insurance:
    title: {zh: 基本医疗保险, en: Basic medical insurance}
    variable: basic
    payer: fund/basic
    payee: hospital
    order: 1
  critical_illness:
    title: {zh: 大病保险, en: Critical-illness insurance}
    variable: critical
    payer: fund/critical
    payee: hospital
    order: 2
```
)";

// Writes kCascadePack (or `text`) to a temporary folder and loads and checks it.
inline Result<policy::Pack> LoadCascadePack(const std::string& text = kCascadePack) {
  std::string pattern = (std::filesystem::temp_directory_path() / "minsheng-settle-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Internal("cannot make a temporary folder");
  std::ofstream(pattern + "/pack.md") << text;
  auto pack = policy::LoadAndCheckPack(pattern);
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
  return pack;
}

// A claim in one line: costs in yuan, the discharge date as text.
inline Claim MakeClaim(std::string id, std::string person, const char* admitted,
                       const char* discharged, int64_t total_yuan, int64_t compliant_yuan) {
  Claim claim;
  claim.claim_id = std::move(id);
  claim.person_id = std::move(person);
  claim.hospital = "hospital/1";
  claim.admitted = Date::Parse(admitted).value();
  claim.discharged = Date::Parse(discharged).value();
  claim.total_cost_fen = total_yuan * 100;
  claim.compliant_cost_fen = compliant_yuan * 100;
  return claim;
}

}  // namespace minsheng::settle::testing
