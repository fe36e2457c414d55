#include "ledger/json.h"

namespace minsheng::ledger {

nlohmann::json AccountJson(const Account& account) {
  return {{"code", account.code},
          {"unit", account.unit},
          {"kind", KindName(account.kind)},
          {"name_zh", account.name_zh},
          {"name_en", account.name_en},
          {"parent", account.parent},
          {"debits_must_not_exceed_credits", account.debits_must_not_exceed_credits},
          {"credits_must_not_exceed_debits", account.credits_must_not_exceed_debits},
          {"closed", account.closed},
          {"earmarks", account.earmarks}};
}

}  // namespace minsheng::ledger
