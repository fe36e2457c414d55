#include "ledger/declarations.h"

#include <functional>
#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "ledger/json.h"

namespace minsheng::ledger {

namespace {

using Json = nlohmann::json;

Result<Json> ParseDetail(const std::string& code, const std::string& detail) {
  Json json = Json::parse(detail, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return InvalidArgument("the declaration of '" + code + "' is not a JSON object");
  }
  return json;
}

// A string member, or an error naming the declaration and the key.
Result<std::string> Member(const Json& json, const std::string& code, const char* key) {
  const auto found = json.find(key);
  if (found == json.end() || !found->is_string()) {
    return InvalidArgument("the declaration of '" + code + "' has no text '" + key + "'");
  }
  return found->get<std::string>();
}

bool Flag(const Json& json, const char* key) {
  const auto found = json.find(key);
  return found != json.end() && found->is_boolean() && found->get<bool>();
}

Status Step(store::Store& store, const char* sql, const std::function<void(store::Statement&)>& bind) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  bind(**statement);
  auto done = (*statement)->Step();
  return done.ok() ? Status::Ok() : done.status();
}

}  // namespace

std::string UnitDetail(const Unit& unit) {
  Json json = {{"name_en", unit.name_en}, {"name_zh", unit.name_zh}, {"step", unit.step}};
  return json.dump();
}

Result<Unit> UnitFromDetail(const std::string& code, const std::string& detail) {
  auto json = ParseDetail(code, detail);
  if (!json.ok()) return json.status();
  Unit unit;
  unit.code = code;
  for (auto [key, field] : {std::pair{"name_zh", &unit.name_zh}, std::pair{"name_en", &unit.name_en},
                            std::pair{"step", &unit.step}}) {
    auto value = Member(*json, code, key);
    if (!value.ok()) return value.status();
    *field = *value;
  }
  return unit;
}

std::string AccountDetail(const Account& account) {
  // The code is the journal row's id, so the declaration leaves it out. The other fields
  // of AccountJson in the order nlohmann's json sorts them: the bytes journal rows have
  // always held and hashed. Written directly: a payment run declares one account per
  // first-time payee, and building the tree cost more than writing the row.
  JsonWriter json;
  json.Object()
      .Key("closed").Bool(account.closed)
      .Key("credits_must_not_exceed_debits").Bool(account.credits_must_not_exceed_debits)
      .Key("debits_must_not_exceed_credits").Bool(account.debits_must_not_exceed_credits)
      .Key("earmarks").Array();
  for (const std::string& earmark : account.earmarks) json.String(earmark);
  json.End()
      .Field("kind", KindName(account.kind))
      .Field("name_en", account.name_en)
      .Field("name_zh", account.name_zh)
      .Field("parent", account.parent)
      .Field("unit", account.unit);
  return json.End().Take();
}

Result<Account> AccountFromDetail(const std::string& code, const std::string& detail) {
  auto json = ParseDetail(code, detail);
  if (!json.ok()) return json.status();
  Account account;
  account.code = code;
  for (auto [key, field] :
       {std::pair{"unit", &account.unit}, std::pair{"name_zh", &account.name_zh},
        std::pair{"name_en", &account.name_en}, std::pair{"parent", &account.parent}}) {
    auto value = Member(*json, code, key);
    if (!value.ok()) return value.status();
    *field = *value;
  }
  auto kind_name = Member(*json, code, "kind");
  if (!kind_name.ok()) return kind_name.status();
  auto kind = AccountKindFromName(*kind_name);
  if (!kind) return InvalidArgument("the declaration of '" + code + "' has an unknown kind");
  account.kind = *kind;
  account.debits_must_not_exceed_credits = Flag(*json, "debits_must_not_exceed_credits");
  account.credits_must_not_exceed_debits = Flag(*json, "credits_must_not_exceed_debits");
  account.closed = Flag(*json, "closed");
  const auto earmarks = json->find("earmarks");
  if (earmarks != json->end() && earmarks->is_array()) {
    for (const Json& purpose : *earmarks) {
      if (purpose.is_string()) account.earmarks.push_back(purpose.get<std::string>());
    }
  }
  return account;
}

std::string JoinEarmarks(const std::vector<std::string>& earmarks) {
  std::string joined;
  for (const std::string& purpose : earmarks) {
    if (!joined.empty()) joined += '\n';
    joined += purpose;
  }
  return joined;
}

std::vector<std::string> SplitEarmarks(const std::string& joined) {
  std::vector<std::string> earmarks;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    earmarks.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return earmarks;
}

Status InsertUnitRow(store::Store& store, const Unit& unit, int64_t position) {
  return Step(store,
              "INSERT INTO ledger_units (code, name_zh, name_en, step, position) "
              "VALUES (?, ?, ?, ?, ?)",
              [&](store::Statement& s) {
                s.BindText(1, unit.code);
                s.BindText(2, unit.name_zh);
                s.BindText(3, unit.name_en);
                s.BindText(4, unit.step);
                s.BindInt(5, position);
              });
}

Status InsertAccountRow(store::Store& store, const Account& account, int64_t position) {
  return Step(store,
              "INSERT INTO ledger_accounts (code, unit, kind, name_zh, name_en, parent, "
              "debits_must_not_exceed_credits, credits_must_not_exceed_debits, closed, "
              "earmarks, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              [&](store::Statement& s) {
                s.BindText(1, account.code);
                s.BindText(2, account.unit);
                s.BindText(3, KindName(account.kind));
                s.BindText(4, account.name_zh);
                s.BindText(5, account.name_en);
                s.BindText(6, account.parent);
                s.BindInt(7, account.debits_must_not_exceed_credits);
                s.BindInt(8, account.credits_must_not_exceed_debits);
                s.BindInt(9, account.closed);
                s.BindText(10, JoinEarmarks(account.earmarks));
                s.BindInt(11, position);
              });
}

Status MarkAccountClosed(store::Store& store, const std::string& code) {
  return Step(store, "UPDATE ledger_accounts SET closed = 1 WHERE code = ?",
              [&](store::Statement& s) { s.BindText(1, code); });
}

}  // namespace minsheng::ledger
