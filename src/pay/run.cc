#include "pay/run.h"

#include <algorithm>
#include <optional>

#include "core/money.h"
#include "engine/engine.h"
#include "pay/population.h"
#include "pay/receipt.h"
#include "pay/schema.h"
#include "registry/schema.h"
#include "registry/view.h"

namespace minsheng::pay {

namespace {

// Receipts written per store transaction.
constexpr size_t kReceiptsPerTransaction = 2'000;

// One amount a run pays.
struct Payment {
  uint32_t row = 0;     // the program variable's row (a person, or a household)
  uint32_t person = 0;  // whom it is for: the person's index in the view
  std::string beneficiary;
  std::string payee_account;
  std::string transfer_id;
  int64_t amount_fen = 0;
};

struct RunRecord {
  std::string run_id;
  std::string pack_version;
  int64_t as_of = 0;
};

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

Status Execute(store::Store& store, const std::string& sql,
               const std::function<void(store::Statement&)>& bind) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  bind(**statement);
  auto done = (*statement)->Step();
  return done.ok() ? Status::Ok() : done.status();
}

// Runs `write` in a transaction of its own: committed, or rolled back on failure.
Status InTransaction(store::Store& store, const std::function<Status()>& write) {
  if (Status begun = store.Begin(); !begun.ok()) return begun;
  Status status = write();
  if (status.ok()) status = store.Commit();
  if (!status.ok() && store.InTransaction()) (void)store.Rollback();
  return status;
}

Result<const policy::Program*> FindProgram(const policy::Pack& pack, const std::string& name) {
  for (const policy::Program& program : pack.programs) {
    if (program.name == name) return &program;
  }
  std::string known;
  for (const policy::Program& program : pack.programs) known += (known.empty() ? "" : ", ") + program.name;
  return NotFound("pack '" + pack.id + "' has no program '" + name + "' (it has: " + known + ")");
}

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

// Declares the payees' accounts (and their parents) the ledger does not have yet.
Status DeclarePayees(ledger::Ledger& ledger, const std::vector<Payment>& payments) {
  std::vector<ledger::Account> accounts = {
      Liability("payable", "", "应付款", "Payables"),
      Liability("payable/person", "payable", "应付个人", "Payable to persons"),
      Liability("payable/org", "payable", "应付单位", "Payable to organisations")};
  for (const Payment& payment : payments) {
    if (ledger.FindAccount(payment.payee_account) != nullptr) continue;
    const bool org = payment.payee_account.starts_with("payable/org/");
    const std::string who = payment.payee_account.substr(payment.payee_account.rfind('/') + 1);
    accounts.push_back(Liability(payment.payee_account, org ? "payable/org" : "payable/person",
                                 (org ? "应付单位 " : "应付个人 ") + who,
                                 (org ? "Payable to " : "Payable to ") + who));
  }
  // Payments of one organisation repeat its account: declared once.
  std::sort(accounts.begin() + 3, accounts.end(),
            [](const ledger::Account& a, const ledger::Account& b) { return a.code < b.code; });
  accounts.erase(std::unique(accounts.begin() + 3, accounts.end(),
                             [](const ledger::Account& a, const ledger::Account& b) {
                               return a.code == b.code;
                             }),
                 accounts.end());
  for (size_t first = 0; first < accounts.size(); first += ledger::kMaxDeclaredAccounts) {
    const size_t end = std::min(accounts.size(), first + ledger::kMaxDeclaredAccounts);
    Status status = ledger.AddAccounts(std::span<const ledger::Account>(accounts).subspan(first, end - first));
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

}  // namespace

std::string PaymentId(const std::string& program, const Period& period,
                      const std::string& beneficiary, const std::string& pack_version) {
  return "pay/" + program + "/" + period.ToString() + "/" + beneficiary + "/" +
         pack_version.substr(0, 8);
}

namespace {

// The month's run under this pack: the one recorded (resumed), or a new one to record.
Result<RunRecord> FindOrPlanRun(store::Store& store, const policy::Pack& pack,
                                const policy::Program& program, const PayOptions& options,
                                bool& resumed) {
  auto existing = FindRun(store, program.name, options.period);
  if (!existing.ok()) return existing.status();
  if (*existing) {
    if ((*existing)->pack_version != pack.version) {
      return Status(ErrorCode::kFailedPrecondition,
                    program.name + " for " + options.period.ToString() + " was paid by run " +
                        (*existing)->run_id + " under pack version " + (*existing)->pack_version +
                        "; this pack is version " + pack.version +
                        ". Pay the differences with --recompute.");
    }
    resumed = true;
    return **existing;
  }
  return RunRecord{program.name + "/" + options.period.ToString() + "/" + pack.version.substr(0, 8),
                   pack.version, options.now};
}

Status RecordRun(store::Store& store, const policy::Pack& pack, const policy::Program& program,
                 const PayOptions& options, const RunRecord& run) {
  return InTransaction(store, [&] {
    return Execute(store,
                   "INSERT INTO pay_runs (run_id, kind, program, period, pack_id, pack_version, "
                   "as_of, started_at, finished_at, payees, total) VALUES (?, 'run', ?, ?, ?, ?, "
                   "?, ?, NULL, 0, 0)",
                   [&](store::Statement& s) {
                     s.BindText(1, run.run_id);
                     s.BindText(2, program.name);
                     s.BindText(3, options.period.ToString());
                     s.BindText(4, pack.id);
                     s.BindText(5, pack.version);
                     s.BindInt(6, run.as_of);
                     s.BindInt(7, options.now);
                   });
  });
}

Status WriteReceipt(store::Store& store, const Payment& payment, const std::string& run_id,
                    const policy::Program& program, const Period& period, const std::string& json) {
  return Execute(store,
                 "INSERT INTO pay_receipts (transfer_id, run_id, program, period, person_id, "
                 "payee_account, amount, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (transfer_id) DO NOTHING",
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
  transfer.debit_account = program.payer_account;
  transfer.credit_account = payment.payee_account;
  transfer.amount = payment.amount_fen;
  transfer.unit = "CNY";
  transfer.purpose = program.name;
  transfer.reference = run_id;
  transfer.memo = payment.beneficiary;
  transfer.value_date = period.last_day();
  return transfer;
}

}  // namespace

Result<RunSummary> Pay(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                       const PayOptions& options) {
  for (auto [component, migrations] : {std::pair("registry", registry::RegistryMigrations()),
                                       std::pair("pay", PayMigrations())}) {
    if (Status status = store::Migrate(store, component, migrations); !status.ok()) return status;
  }
  if (options.period.kind() != PeriodKind::kMonth) {
    return InvalidArgument("a payment run pays one month, not " + options.period.ToString());
  }
  auto program = FindProgram(pack, options.program);
  if (!program.ok()) return program.status();
  const int variable = pack.VariableIndex((*program)->variable);
  if (variable < 0) return Internal("program '" + options.program + "' pays no known variable");
  if (ledger.FindAccount((*program)->payer_account) == nullptr) {
    return CheckCover(ledger, (*program)->payer_account, 0);  // names the missing payer
  }

  RunSummary summary;
  auto run = FindOrPlanRun(store, pack, **program, options, summary.resumed);
  if (!run.ok()) return run.status();
  summary.run_id = run->run_id;
  summary.as_of = run->as_of;

  auto view = registry::RegistryView::Load(
      store, {options.period.first_day(), options.period.last_day(), run->as_of});
  if (!view.ok()) return view.status();
  if (!summary.resumed) {
    // A run is frozen at the registry it reads: one over an empty registry would stay
    // empty, so it is not recorded.
    if (view->persons().empty()) {
      return Status(ErrorCode::kFailedPrecondition,
                    "the registry holds no persons on " + options.period.first_day().ToString() +
                        "; import them first (minsheng import)");
    }
    if (Status recorded = RecordRun(store, pack, **program, options, *run); !recorded.ok()) {
      return recorded;
    }
  }
  auto built = PopulationFromRegistry(pack, *view);
  if (!built.ok()) return built.status();
  summary.persons = static_cast<int64_t>(view->persons().size());
  if ((*program)->payee == policy::PayeeKind::kOrganisation &&
      view->FindOrg((*program)->payee_organisation) == nullptr) {
    return NotFound("program '" + options.program + "' pays organisation '" +
                    (*program)->payee_organisation + "', which the registry does not hold; "
                    "import it with 'minsheng import orgs'");
  }
  engine::Engine engine(pack, built->population);
  auto values = engine.Compute(variable, options.period);
  if (!values.ok()) return values.status();
  const bool on_households = !engine.IsMemberEntity(pack.variables[variable].entity);
  auto payments = Payments(pack, **program, *built, *view, **values, options.period, on_households);
  if (!payments.ok()) return payments.status();
  summary.payees = static_cast<int64_t>(payments->size());

  // What the ledger already holds (a re-run, or a run stopped half-way), and what is left.
  std::vector<std::string> ids;
  for (const Payment& payment : *payments) ids.push_back(payment.transfer_id);
  auto accepted = ledger.Accepted(ids);
  if (!accepted.ok()) return accepted.status();
  std::vector<const Payment*> left;
  int64_t left_fen = 0;
  for (size_t i = 0; i < payments->size(); ++i) {
    summary.total_fen += (*payments)[i].amount_fen;
    if ((*accepted)[i]) {
      ++summary.already;
      continue;
    }
    left.push_back(&(*payments)[i]);
    left_fen += (*payments)[i].amount_fen;
  }
  if (Status covered = CheckCover(ledger, (*program)->payer_account, left_fen); !covered.ok()) {
    return covered;
  }
  if (!left.empty()) {
    std::vector<Payment> to_declare;
    for (const Payment* payment : left) to_declare.push_back(*payment);
    if (Status declared = DeclarePayees(ledger, to_declare); !declared.ok()) return declared;
  }

  // Batch by batch: the receipts, then the transfers they explain.
  engine::Interpreter interpreter(pack, built->population);
  for (size_t first = 0; first < left.size(); first += ledger::kMaxBatchTransfers) {
    const size_t end = std::min(left.size(), first + ledger::kMaxBatchTransfers);
    for (size_t chunk = first; chunk < end; chunk += kReceiptsPerTransaction) {
      const size_t chunk_end = std::min(end, chunk + kReceiptsPerTransaction);
      Status written = InTransaction(store, [&]() -> Status {
        for (size_t i = chunk; i < chunk_end; ++i) {
          const Payment& payment = *left[i];
          auto explanation = interpreter.Explain(variable, payment.row, options.period);
          if (!explanation.ok()) return explanation.status();
          // Two evaluators, one amount: the receipt explains exactly what is paid.
          if (explanation->value.raw != payment.amount_fen) {
            return Internal("the engine pays " + payment.beneficiary + " " +
                            std::to_string(payment.amount_fen) + " fen but explains " +
                            std::to_string(explanation->value.raw));
          }
          PaymentFacts facts{payment.transfer_id, run->run_id, "payment", payment.beneficiary,
                             std::string(view->household_ids()[view->persons()[payment.person].household]),
                             (*program)->payer_account, payment.payee_account, payment.amount_fen,
                             options.period};
          const std::string json =
              BuildReceipt(facts, pack, **program, *view, payment.person, *explanation).dump();
          if (Status status = WriteReceipt(store, payment, run->run_id, **program, options.period, json);
              !status.ok()) {
            return status;
          }
        }
        return Status::Ok();
      });
      if (!written.ok()) return written;
    }
    std::vector<ledger::Transfer> batch;
    for (size_t i = first; i < end; ++i) {
      batch.push_back(TransferOf(*left[i], **program, run->run_id, options.period));
      batch.back().linked = i + 1 < end;
    }
    auto results = ledger.Submit(std::move(batch));
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const ledger::TransferResult result = (*results)[i];
      if (result == ledger::TransferResult::kOk) {
        ++summary.posted;
      } else if (result == ledger::TransferResult::kExists) {
        ++summary.already;
      } else if (result != ledger::TransferResult::kLinkedEventFailed) {
        return Status(ErrorCode::kFailedPrecondition,
                      "the ledger refused " + left[first + i]->transfer_id + ": " +
                          ledger::ResultName(result) + "; the batch of " +
                          std::to_string(results->size()) + " was not posted");
      }
    }
  }
  Status finished = InTransaction(store, [&] {
    return Execute(store,
                   "UPDATE pay_runs SET finished_at = COALESCE(finished_at, ?), payees = ?, "
                   "total = ? WHERE run_id = ?",
                   [&](store::Statement& s) {
                     s.BindInt(1, options.now);
                     s.BindInt(2, summary.payees);
                     s.BindInt(3, summary.total_fen);
                     s.BindText(4, run->run_id);
                   });
  });
  if (!finished.ok()) return finished;
  return summary;
}

}  // namespace minsheng::pay
