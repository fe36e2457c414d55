#include "pay/receipt.h"

#include <cstdio>
#include <set>

#include "core/json_writer.h"
#include "core/money.h"
#include "engine/explain.h"

namespace minsheng::pay {

namespace {

// Opens a record of the registry, {"table", "seq", "recorded_at"…}: the caller may add
// fields, and ends it.
JsonWriter& OpenRecord(JsonWriter& json, const char* table, const registry::Version& version) {
  return json.Object().Field("table", table).Field("seq", version.seq).Field("recorded_at", version.recorded_at);
}

// Every input and parameter step of the tree, each once, and every place cited.
void Collect(const engine::Explanation& step, std::vector<const engine::Explanation*>& inputs,
             std::vector<const engine::Explanation*>& parameters, std::set<std::string>& seen,
             std::vector<std::string>& places) {
  if (step.kind == engine::Explanation::Kind::kInput ||
      step.kind == engine::Explanation::Kind::kParameter) {
    const std::string key = step.text + "\x1f" + step.entity;
    if (seen.insert(key).second) {
      (step.kind == engine::Explanation::Kind::kInput ? inputs : parameters).push_back(&step);
    }
  }
  if (step.source != nullptr && !step.source->quote.empty()) {
    const std::string place = step.source->location.ToString();
    if (seen.insert("\x1e" + place).second) places.push_back(place);
  }
  for (const engine::Explanation& child : step.children) Collect(child, inputs, parameters, seen, places);
}

std::string Yuan(int64_t fen) {
  return Money::FromFen(fen).ToPlainString();
}

}  // namespace

std::string RecordedAtText(int64_t nanoseconds) {
  constexpr int64_t kSecondsPerDay = 86'400;
  int64_t seconds = nanoseconds / 1'000'000'000;
  int64_t days = seconds / kSecondsPerDay;
  int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return Date::FromDaysSinceEpoch(static_cast<int32_t>(days)).ToString() + time;
}

namespace {

// The registry records an input of a person came from, as an array: the person's own
// record, the enrollments or admissions it counts. Empty for an input the registry does
// not give.
void WriteInputRecords(JsonWriter& json, const registry::RegistryView& view, uint32_t person,
                       const std::string& input) {
  json.Array();
  const registry::Person& p = view.persons()[person];
  if (input == "is_student" || input == "scheme" || input == "income" || input == "age" ||
      input == "disability_grade") {
    OpenRecord(json, "registry_persons", p.version).End();
  } else if (input == "rides_school_bus" || input == "tekun") {
    const std::string program = input == "tekun" ? "tekun" : "school_bus";
    for (uint32_t index : view.EnrollmentsOfPerson(person)) {
      const registry::Enrollment& e = view.enrollments()[index];
      if (e.program == program) OpenRecord(json, "registry_enrollments", e.version).End();
    }
  } else if (input == "dibao" || input == "poverty_registered") {
    for (uint32_t index : view.EnrollmentsOfHousehold(p.household)) {
      const registry::Enrollment& e = view.enrollments()[index];
      if (e.program == input) OpenRecord(json, "registry_enrollments", e.version).End();
    }
  } else if (input == "township_inpatient_cost" || input == "inpatient_cost") {
    for (uint32_t index : view.AdmissionsOf(person)) {
      const registry::Admission& a = view.admissions()[index];
      const registry::Org* hospital = view.FindOrg(a.hospital);
      if (input == "township_inpatient_cost" && (hospital == nullptr || hospital->level != "township")) continue;
      OpenRecord(json, "registry_admissions", a.version)
          .Field("admission_id", a.admission_id)
          .Field("compliant_cost", Yuan(a.compliant_cost_fen))
          .End();
    }
  }
  json.End();
}

// Opens the receipt and writes what every receipt says of the payment: its ids, program,
// period, person, accounts, amount, the pack and the registry time read.
void OpenReceipt(JsonWriter& json, const PaymentFacts& payment, const policy::Pack& pack,
                 const policy::Program& program, const registry::RegistryView& view) {
  json.Object()
      .Field("transfer_id", payment.transfer_id)
      .Field("run_id", payment.run_id)
      .Field("kind", payment.kind)
      .Key("program").Object()
      .Field("name", program.name)
      .Field("title_zh", program.title_zh)
      .Field("title_en", program.title_en)
      .End()
      .Field("period", payment.period.ToString())
      .Field("person_id", payment.person_id)
      .Field("household_id", payment.household_id)
      .Field("payer_account", payment.payer_account)
      .Field("payee_account", payment.payee_account)
      .Field("amount", Yuan(payment.amount_fen))
      .Key("pack").Object().Field("id", pack.id).Field("version", pack.version).End()
      .Key("registry_as_of").Object()
      .Field("recorded_at", view.as_of().recorded_at)
      .Field("recorded_at_text", RecordedAtText(view.as_of().recorded_at))
      .Field("day", view.as_of().first.ToString())
      .End();
}

// The explanation in both languages, then an adjustment's before and now, and the end.
std::string CloseReceipt(JsonWriter& json, const PaymentFacts& payment,
                         const engine::Explanation& explanation) {
  json.Key("explanation").Object()
      .Field("zh", engine::ExplanationToText(explanation, engine::Language::kChinese, engine::Citation::kPlace))
      .Field("en", engine::ExplanationToText(explanation, engine::Language::kEnglish, engine::Citation::kPlace))
      .End();
  if (payment.paid_before_fen) {
    json.Field("paid_before", Yuan(*payment.paid_before_fen))
        .Field("due_now", Yuan(*payment.paid_before_fen + payment.amount_fen));
  }
  return json.End().Take();
}

}  // namespace

std::string BuildReceipt(const PaymentFacts& payment, const policy::Pack& pack,
                         const policy::Program& program, const registry::RegistryView& view,
                         uint32_t person, const engine::Explanation& explanation) {
  JsonWriter json;
  OpenReceipt(json, payment, pack, program, view);
  std::vector<const engine::Explanation*> inputs, parameters;
  std::set<std::string> seen;
  std::vector<std::string> places;
  Collect(explanation, inputs, parameters, seen, places);
  json.Key("inputs").Array();
  for (const engine::Explanation* input : inputs) {
    json.Object().Field("name", input->text).Field("value", input->value.ToPlainString());
    if (!input->entity.empty()) json.Field("entity", input->entity);
    if (!input->period.empty()) json.Field("period", input->period);
    json.Key("records");
    WriteInputRecords(json, view, person, input->text);
    json.End();
  }
  json.End().Key("parameters").Array();
  for (const engine::Explanation* parameter : parameters) {
    json.Object()
        .Field("name", parameter->text)
        .Field("value", parameter->value.ToPlainString())
        .Field("note_zh", parameter->note_zh)
        .Field("note_en", parameter->note_en);
    if (parameter->source != nullptr) json.Field("source", parameter->source->location.ToString());
    if (!parameter->assumption.empty()) json.Field("assumption", parameter->assumption);
    json.End();
  }
  json.End().Key("sources").Array();
  for (const std::string& place : places) json.String(place);
  json.End();
  return CloseReceipt(json, payment, explanation);
}

Status RecordSources(store::Store& store, const policy::Pack& pack) {
  std::vector<const policy::Source*> sources;
  for (const policy::Parameter& parameter : pack.parameters) sources.push_back(&parameter.source);
  for (const policy::Variable& variable : pack.variables) sources.push_back(&variable.source);
  for (const policy::Program& program : pack.programs) sources.push_back(&program.source);
  if (Status begun = store.Begin(); !begun.ok()) return begun;
  for (const policy::Source* source : sources) {
    if (source->quote.empty()) continue;
    auto statement = store.Prepare(
        "INSERT INTO pay_sources (pack_version, place, quote) VALUES (?, ?, ?) "
        "ON CONFLICT (pack_version, place) DO NOTHING");
    Status status = statement.status();
    if (statement.ok()) {
      (*statement)->BindText(1, pack.version);
      (*statement)->BindText(2, source->location.ToString());
      (*statement)->BindText(3, source->quote);
      auto done = (*statement)->Step();
      status = done.status();
    }
    if (!status.ok()) {
      (void)store.Rollback();
      return status;
    }
  }
  return store.Commit();
}

Result<nlohmann::ordered_json> WithQuotes(store::Store& store, nlohmann::ordered_json receipt) {
  const std::string version = receipt["pack"].value("version", std::string());
  auto quote_of = [&](const std::string& place) -> Result<std::string> {
    auto statement = store.Prepare("SELECT quote FROM pay_sources WHERE pack_version = ? AND place = ?");
    if (!statement.ok()) return statement.status();
    (*statement)->BindText(1, version);
    (*statement)->BindText(2, place);
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    std::string quote = *row ? (*statement)->Text(0) : "";
    (*statement)->Reset();
    return quote;
  };
  for (auto& parameter : receipt["parameters"]) {
    if (!parameter.contains("source")) continue;
    auto quote = quote_of(parameter["source"].get<std::string>());
    if (!quote.ok()) return quote.status();
    parameter["quote"] = *quote;
  }
  nlohmann::ordered_json quotes = nlohmann::ordered_json::array();
  if (receipt.contains("sources")) {
    for (const auto& place : receipt["sources"]) {
      auto quote = quote_of(place.get<std::string>());
      if (!quote.ok()) return quote.status();
      quotes.push_back({{"place", place}, {"quote", *quote}});
    }
  }
  receipt["quotes"] = quotes;
  return receipt;
}

std::string AbsentPersonReceipt(const PaymentFacts& payment, const policy::Pack& pack,
                                const policy::Program& program, const registry::RegistryView& view) {
  engine::Explanation nothing;
  nothing.kind = engine::Explanation::Kind::kVariable;
  nothing.text = program.variable;
  nothing.value = policy::Value{policy::Type::kMoney, 0, nullptr};
  nothing.entity = "person '" + payment.person_id + "'";
  nothing.period = payment.period.ToString();
  nothing.note_en = "not in the registry for this month, as recorded now: nothing is due";
  nothing.note_zh = "按现有登记数据，本月不在册：无应发金额";
  JsonWriter json;
  OpenReceipt(json, payment, pack, program, view);
  json.Key("inputs").Array().End().Key("parameters").Array().End();
  return CloseReceipt(json, payment, nothing);
}

std::string RenderReceipt(const nlohmann::ordered_json& receipt, const std::string& language) {
  const bool zh = language == "zh";
  auto text = [&](const char* key) { return receipt.value(key, std::string()); };
  const auto& program = receipt["program"];
  std::string out;
  out += (zh ? "收据 " : "Receipt ") + text("transfer_id") + "\n";
  out += (zh ? "  项目：" : "  program: ") +
         program.value(zh ? "title_zh" : "title_en", program.value("name", std::string())) +
         " (" + program.value("name", std::string()) + ")\n";
  out += (zh ? "  期间：" : "  period: ") + text("period") + "\n";
  out += (zh ? "  对象：" : "  for: ") + text("person_id") + (zh ? "（户 " : " (household ") +
         text("household_id") + (zh ? "）\n" : ")\n");
  out += (zh ? "  金额：" : "  amount: ") + text("amount") + (zh ? " 元" : " yuan") + "  " +
         text("payer_account") + " → " + text("payee_account") + "\n";
  out += (zh ? "  政策包：" : "  pack: ") + receipt["pack"].value("id", std::string()) + " " +
         receipt["pack"].value("version", std::string()) + "\n";
  out += (zh ? "  登记数据：截至 " : "  registry: as recorded at ") +
         RecordedAtText(receipt["registry_as_of"].value("recorded_at", int64_t{0})) +
         (zh ? "，取 " : ", as on ") + receipt["registry_as_of"].value("day", std::string()) + "\n";
  out += zh ? "  输入：\n" : "  inputs:\n";
  for (const auto& input : receipt["inputs"]) {
    out += "    " + input.value("name", std::string()) + " = " + input.value("value", std::string());
    for (const auto& record : input["records"]) {
      out += "  [" + record.value("table", std::string()) + " #" +
             std::to_string(record.value("seq", int64_t{0})) + "]";
    }
    out += "\n";
  }
  out += zh ? "  参数：\n" : "  parameters:\n";
  for (const auto& parameter : receipt["parameters"]) {
    out += "    " + parameter.value("name", std::string()) + " = " +
           parameter.value("value", std::string()) + "  (" +
           parameter.value(zh ? "note_zh" : "note_en", std::string()) + ")\n";
  }
  if (receipt.contains("paid_before")) {
    out += (zh ? "  此前已发：" : "  paid before: ") + text("paid_before") +
           (zh ? " 元，现应发：" : " yuan, due now: ") + text("due_now") + (zh ? " 元\n" : " yuan\n");
  }
  out += zh ? "  计算说明：\n" : "  explanation:\n";
  const std::string tree = receipt["explanation"].value(zh ? "zh" : "en", std::string());
  size_t start = 0;
  while (start < tree.size()) {
    const size_t end = tree.find('\n', start);
    out += "    " + tree.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (receipt.contains("quotes") && !receipt["quotes"].empty()) {
    out += zh ? "  依据原文：\n" : "  the policy text cited:\n";
    for (const auto& quote : receipt["quotes"]) {
      out += "    " + quote.value("place", std::string()) + ": “" + quote.value("quote", std::string()) + "”\n";
    }
  }
  return out;
}

}  // namespace minsheng::pay
