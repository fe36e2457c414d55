#include "pay/run.h"

#include <algorithm>
#include <optional>

#include "pay/month.h"

namespace minsheng::pay {

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
  return store::InTransaction(store, [&] {
    return store::ExecuteBound(store,
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

}  // namespace

Result<RunSummary> Pay(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                       const PayOptions& options) {
  if (Status migrated = MigratePayTables(store); !migrated.ok()) return migrated;
  if (options.period.kind() != PeriodKind::kMonth) {
    return InvalidArgument("a payment run pays one month, not " + options.period.ToString());
  }
  auto program = FindProgram(pack, options.program);
  if (!program.ok()) return program.status();
  if (ledger.FindAccount((*program)->payer_account) == nullptr) {
    return CheckCover(ledger, (*program)->payer_account, 0);  // names the missing payer
  }

  RunSummary summary;
  auto run = FindOrPlanRun(store, pack, **program, options, summary.resumed);
  if (!run.ok()) return run.status();
  summary.run_id = run->run_id;
  summary.as_of = run->as_of;
  auto month = ComputeMonth(store, pack, **program, options.period, run->as_of);
  if (!month.ok()) return month.status();
  const registry::RegistryView& view = (*month)->view;
  summary.persons = static_cast<int64_t>(view.persons().size());
  if (!summary.resumed) {
    // A run is frozen at the registry it reads: one over an empty registry would stay
    // empty, so it is not recorded.
    if (view.persons().empty()) {
      return Status(ErrorCode::kFailedPrecondition,
                    "the registry holds no persons on " + options.period.first_day().ToString() +
                        "; import them first (minsheng import)");
    }
    if (Status recorded = RecordRun(store, pack, **program, options, *run); !recorded.ok()) {
      return recorded;
    }
  }
  const std::vector<Payment>& payments = (*month)->payments;
  summary.payees = static_cast<int64_t>(payments.size());

  // What the ledger already holds (a re-run, or a run stopped half-way), and what is left.
  std::vector<std::string> ids;
  for (const Payment& payment : payments) ids.push_back(payment.transfer_id);
  auto accepted = ledger.Accepted(ids);
  if (!accepted.ok()) return accepted.status();
  std::vector<Payment> left;
  int64_t left_fen = 0;
  for (size_t i = 0; i < payments.size(); ++i) {
    summary.total_fen += payments[i].amount_fen;
    if ((*accepted)[i]) {
      ++summary.already;
      continue;
    }
    left.push_back(payments[i]);
    left_fen += payments[i].amount_fen;
  }
  if (Status covered = CheckCover(ledger, (*program)->payer_account, left_fen); !covered.ok()) {
    return covered;
  }
  auto posted = PostWithReceipts(store, ledger, pack, **program, options.period, run->run_id,
                                 **month, left, "payment");
  if (!posted.ok()) return posted.status();
  summary.posted = posted->first;
  summary.already += posted->second;
  Status finished = store::InTransaction(store, [&] {
    return store::ExecuteBound(store,
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
