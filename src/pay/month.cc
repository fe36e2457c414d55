#include "pay/month.h"

#include <algorithm>
#include <future>

#include "core/money.h"
#include "engine/engine.h"
#include "engine/interpreter.h"
#include "pay/receipt.h"
#include "pay/run.h"
#include "pay/schema.h"
#include "registry/schema.h"

namespace minsheng::pay {

namespace {

// The amounts above zero, whom each is for and where it goes.
Result<std::vector<Payment>> Payments(const policy::Pack& pack, const policy::Program& program,
                                      const RegistryPopulation& built,
                                      const registry::RegistryView& view,
                                      const engine::Values& values, const Period& period,
                                      bool on_households) {
  const engine::Population& population = built.population;
  std::vector<Payment> payments;
  const size_t rows = on_households ? population.groups.size() : population.members.size();
  for (size_t row = 0; row < rows; ++row) {
    const int64_t amount = values.At(row);
    if (amount == 0) continue;
    Payment payment;
    payment.row = static_cast<uint32_t>(row);
    payment.amount_fen = amount;
    size_t member_row = row;
    if (on_households) {
      // A household's amount is for its head (the first member when none is head).
      const uint32_t begin = population.member_begin[row], end = population.member_begin[row + 1];
      if (begin == end) continue;
      member_row = begin;
      for (uint32_t m = begin; m < end; ++m) {
        if (view.persons()[built.member_person[m]].relation == "head") {
          member_row = m;
          break;
        }
      }
    }
    payment.person = built.member_person[member_row];
    payment.beneficiary = std::string(population.members.ids()[member_row]);
    if (amount < 0) {
      return Internal("program '" + program.name + "' gives " + payment.beneficiary +
                      " a negative amount (" + Money::FromFen(amount).ToPlainString() +
                      ") for " + period.ToString() + "; a payment run pays amounts above zero");
    }
    payment.payee_account = program.payee == policy::PayeeKind::kOrganisation
                                ? "payable/org/" + program.payee_organisation
                                : "payable/person/" + payment.beneficiary;
    payment.transfer_id = PaymentId(program.name, period, payment.beneficiary, pack.version);
    if (payment.transfer_id.size() > ledger::kMaxCodeBytes) {
      return InvalidArgument("the payment id '" + payment.transfer_id + "' is longer than " +
                             std::to_string(ledger::kMaxCodeBytes) + " bytes: shorten the program's name");
    }
    payments.push_back(std::move(payment));
  }
  return payments;
}

ledger::Account Liability(const std::string& code, const std::string& parent,
                          const std::string& name_zh, const std::string& name_en) {
  ledger::Account account;
  account.code = code;
  account.unit = "CNY";
  account.kind = ledger::AccountKind::kLiability;
  account.name_zh = name_zh;
  account.name_en = name_en;
  account.parent = parent;
  return account;
}

}  // namespace

Status MigratePayTables(store::Store& store) {
  for (auto [component, migrations] : {std::pair("registry", registry::RegistryMigrations()),
                                       std::pair("pay", PayMigrations())}) {
    if (Status status = store::Migrate(store, component, migrations); !status.ok()) return status;
  }
  return Status::Ok();
}

Result<std::optional<RunRecord>> FindRun(store::Store& store, const std::string& program,
                                         const Period& period) {
  auto statement = store.Prepare(
      "SELECT run_id, pack_version, as_of FROM pay_runs WHERE kind = 'run' AND program = ? AND "
      "period = ? ORDER BY started_at");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, program);
  (*statement)->BindText(2, period.ToString());
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RunRecord>();
  RunRecord run{(*statement)->Text(0), (*statement)->Text(1), (*statement)->Int(2)};
  (*statement)->Reset();
  return std::optional<RunRecord>(run);
}

Result<const policy::Program*> FindProgram(const policy::Pack& pack, const std::string& name) {
  for (const policy::Program& program : pack.programs) {
    if (program.name == name) return &program;
  }
  std::string known;
  for (const policy::Program& program : pack.programs) known += (known.empty() ? "" : ", ") + program.name;
  return NotFound("pack '" + pack.id + "' has no program '" + name + "' (it has: " + known + ")");
}

Result<std::unique_ptr<MonthComputation>> ComputeMonth(store::Store& store, const policy::Pack& pack,
                                                       const policy::Program& program,
                                                       const Period& month, int64_t as_of) {
  auto computation = std::make_unique<MonthComputation>();
  computation->variable = pack.VariableIndex(program.variable);
  if (computation->variable < 0) return Internal("program '" + program.name + "' pays no known variable");
  auto view = registry::RegistryView::Load(store, {month.first_day(), month.last_day(), as_of}, nullptr, TablesRead(pack));
  if (!view.ok()) return view.status();
  computation->view = std::move(*view);
  if (computation->view.persons().empty()) return computation;  // nobody, nothing to pay
  if (program.payee == policy::PayeeKind::kOrganisation &&
      computation->view.FindOrg(program.payee_organisation) == nullptr) {
    return NotFound("program '" + program.name + "' pays organisation '" + program.payee_organisation +
                    "', which the registry does not hold; import it with 'minsheng import orgs'");
  }
  auto built = PopulationFromRegistry(pack, computation->view);
  if (!built.ok()) return built.status();
  computation->built = std::move(*built);
  engine::Engine engine(pack, computation->built.population);
  auto values = engine.Compute(computation->variable, month);
  if (!values.ok()) return values.status();
  const bool on_households = !engine.IsMemberEntity(pack.variables[computation->variable].entity);
  auto payments = Payments(pack, program, computation->built, computation->view, **values, month,
                           on_households);
  if (!payments.ok()) return payments.status();
  computation->payments = std::move(*payments);
  return computation;
}

Status DeclarePayees(ledger::Ledger& ledger, std::span<const Payment> payments) {
  std::vector<std::string> codes;
  for (const Payment& payment : payments) {
    // A recovery is from a payee paid before, whose account is there.
    if (payment.amount_fen > 0) codes.push_back(payment.payee_account);
  }
  return DeclarePayeeAccounts(ledger, codes);
}

Status DeclarePayeeAccounts(ledger::Ledger& ledger, const std::vector<std::string>& codes) {
  std::vector<ledger::Account> accounts = {
      Liability("payable", "", "应付款", "Payables"),
      Liability("payable/person", "payable", "应付个人", "Payable to persons"),
      Liability("payable/org", "payable", "应付单位", "Payable to organisations")};
  std::vector<std::string> fresh;
  for (const std::string& code : codes) {
    if (ledger.FindAccount(code) == nullptr) fresh.push_back(code);
  }
  // Payments to one organisation repeat its account: declared once.
  std::sort(fresh.begin(), fresh.end());
  fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
  for (const std::string& code : fresh) {
    const bool org = code.starts_with("payable/org/");
    if (!org && !code.starts_with("payable/person/")) {
      return InvalidArgument("'" + code + "' is not a payee account (payable/person/… or payable/org/…)");
    }
    const std::string who = code.substr(org ? std::string_view("payable/org/").size()
                                            : std::string_view("payable/person/").size());
    accounts.push_back(Liability(code, org ? "payable/org" : "payable/person",
                                 (org ? "应付单位 " : "应付个人 ") + who, "Payable to " + who));
  }
  for (size_t first = 0; first < accounts.size(); first += ledger::kMaxDeclaredAccounts) {
    const size_t end = std::min(accounts.size(), first + ledger::kMaxDeclaredAccounts);
    Status status =
        ledger.AddAccounts(std::span<const ledger::Account>(accounts).subspan(first, end - first));
    if (!status.ok()) return status.Prefixed("declaring the payees' accounts");
  }
  return Status::Ok();
}

// The payer must hold what is left to pay when it may not be overdrawn.
Status CheckCover(const ledger::Ledger& ledger, const std::string& payer, int64_t left_fen) {
  const ledger::Account* account = ledger.FindAccount(payer);
  if (account == nullptr) {
    return NotFound("no payer account '" + payer +
                    "' in the ledger; declare and fund it with 'minsheng ledger account add'");
  }
  if (!account->debits_must_not_exceed_credits || left_fen == 0) return Status::Ok();
  auto balance = ledger.BalanceOf(payer);
  if (!balance.ok()) return balance.status();
  const int64_t available =
      balance->credits_posted - balance->debits_posted - balance->debits_pending;
  if (available >= left_fen) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "the fund '" + payer + "' holds " + Money::FromFen(available).ToPlainString() +
                    " yuan; this run pays " + Money::FromFen(left_fen).ToPlainString() +
                    " yuan: short by " + Money::FromFen(left_fen - available).ToPlainString() +
                    " yuan / 资金不足，缺口 " + Money::FromFen(left_fen - available).ToPlainString() +
                    " 元. Nothing was paid.");
}

Status WriteReceipt(store::Store& store, const Payment& payment, const std::string& run_id,
                    const policy::Program& program, const Period& period, const std::string& json,
                    bool replace) {
  return store::ExecuteBound(store,
                 "INSERT INTO pay_receipts (transfer_id, run_id, program, period, person_id, "
                 "payee_account, amount, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) " +
                     std::string(replace ? "ON CONFLICT (transfer_id) DO UPDATE SET run_id = "
                                           "excluded.run_id, amount = excluded.amount, receipt = "
                                           "excluded.receipt"
                                         : "ON CONFLICT (transfer_id) DO NOTHING"),
                 [&](store::Statement& s) {
                   s.BindText(1, payment.transfer_id);
                   s.BindText(2, run_id);
                   s.BindText(3, program.name);
                   s.BindText(4, period.ToString());
                   s.BindText(5, payment.beneficiary);
                   s.BindText(6, payment.payee_account);
                   s.BindInt(7, payment.amount_fen);
                   s.BindText(8, json);
                 });
}

ledger::Transfer TransferOf(const Payment& payment, const policy::Program& program,
                            const std::string& run_id, const Period& period) {
  ledger::Transfer transfer;
  transfer.id = payment.transfer_id;
  const bool recovery = payment.amount_fen < 0;
  transfer.debit_account = recovery ? payment.payee_account : program.payer_account;
  transfer.credit_account = recovery ? program.payer_account : payment.payee_account;
  transfer.amount = recovery ? -payment.amount_fen : payment.amount_fen;
  transfer.unit = "CNY";
  transfer.purpose = program.name;
  transfer.reference = run_id;
  transfer.memo = payment.beneficiary;
  transfer.value_date = period.last_day();
  return transfer;
}


namespace {

// Receipts written per store transaction.
constexpr size_t kReceiptsPerTransaction = 2'000;

}  // namespace

Result<std::pair<int64_t, int64_t>> PostWithReceipts(store::Store& store, ledger::Ledger& ledger,
                                                     const policy::Pack& pack,
                                                     const policy::Program& program,
                                                     const Period& month, const std::string& run_id,
                                                     const MonthComputation& computation,
                                                     const std::vector<Payment>& payments,
                                                     const std::string& kind) {
  const registry::RegistryView& view = computation.view;
  if (!payments.empty()) {
    if (Status recorded = RecordSources(store, pack); !recorded.ok()) return recorded;
  }
  engine::Interpreter interpreter(pack, computation.built.population);
  const bool adjustment = kind != "payment";
  // The receipts (JSON) of payments[first, end): explained by the interpreter, which
  // must agree with the engine on every amount paid.
  auto build = [&](size_t first, size_t end) -> Result<std::vector<std::string>> {
    std::vector<std::string> receipts;
    receipts.reserve(end - first);
    for (size_t i = first; i < end; ++i) {
      const Payment& payment = payments[i];
      const std::string kind_of_this =
          adjustment ? (payment.amount_fen < 0 ? "recovery" : "arrears") : kind;
      PaymentFacts facts{payment.transfer_id, run_id, kind_of_this, payment.beneficiary, "",
                         program.payer_account, payment.payee_account, payment.amount_fen, month,
                         payment.paid_before_fen};
      if (payment.row == registry::kNoRow) {
        // A recovery from someone the registry no longer holds for the month.
        receipts.push_back(AbsentPersonReceipt(facts, pack, program, view));
        continue;
      }
      auto explanation = interpreter.Explain(computation.variable, payment.row, month);
      if (!explanation.ok()) return explanation.status();
      if (!adjustment && explanation->value.raw != payment.amount_fen) {
        return Internal("the engine pays " + payment.beneficiary + " " +
                        std::to_string(payment.amount_fen) + " fen but explains " +
                        std::to_string(explanation->value.raw));
      }
      facts.household_id = view.household_ids()[view.persons()[payment.person].household];
      receipts.push_back(BuildReceipt(facts, pack, program, view, payment.person, *explanation));
    }
    return receipts;
  };
  // Building receipts is most of a run's work: a second thread builds the next batch's
  // while this one writes a batch's receipts and posts its transfers. One batch is built
  // at a time, so the interpreter is never used by two threads at once.
  auto build_batch = [&](size_t first) {
    return std::async(std::launch::async, build, first,
                      std::min(payments.size(), first + ledger::kMaxBatchTransfers));
  };
  std::future<Result<std::vector<std::string>>> next;
  if (!payments.empty()) next = build_batch(0);
  int64_t posted = 0, already = 0;
  for (size_t first = 0; first < payments.size(); first += ledger::kMaxBatchTransfers) {
    const size_t end = std::min(payments.size(), first + ledger::kMaxBatchTransfers);
    auto receipts = next.get();
    if (!receipts.ok()) return receipts.status();
    if (end < payments.size()) next = build_batch(end);
    for (size_t chunk = first; chunk < end; chunk += kReceiptsPerTransaction) {
      const size_t chunk_end = std::min(end, chunk + kReceiptsPerTransaction);
      Status written = store::InTransaction(store, [&]() -> Status {
        for (size_t i = chunk; i < chunk_end; ++i) {
          if (Status status = WriteReceipt(store, payments[i], run_id, program, month,
                                           (*receipts)[i - first], adjustment);
              !status.ok()) {
            return status;
          }
        }
        return Status::Ok();
      });
      if (!written.ok()) return written;
    }
    const std::span<const Payment> paying = std::span(payments).subspan(first, end - first);
    if (Status declared = DeclarePayees(ledger, paying); !declared.ok()) return declared;
    std::vector<ledger::Transfer> batch;
    for (size_t i = first; i < end; ++i) {
      batch.push_back(TransferOf(payments[i], program, run_id, month));
      batch.back().linked = i + 1 < end;
    }
    auto results = ledger.Submit(std::move(batch));
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const ledger::TransferResult result = (*results)[i];
      if (result == ledger::TransferResult::kOk) {
        ++posted;
      } else if (result == ledger::TransferResult::kExists) {
        ++already;
      } else if (result != ledger::TransferResult::kLinkedEventFailed) {
        return Status(ErrorCode::kFailedPrecondition,
                      "the ledger refused " + payments[first + i].transfer_id + ": " +
                          ledger::ResultName(result) + "; the batch of " +
                          std::to_string(results->size()) + " was not posted");
      }
    }
  }
  return std::pair<int64_t, int64_t>(posted, already);
}

}  // namespace minsheng::pay
