#include "pay/adjust.h"

#include <map>

#include "core/money.h"
#include "pay/month.h"

namespace minsheng::pay {

namespace {

// Every receipt of a program's month: what was meant to be paid, to whom, by which id.
struct ReceiptRow {
  std::string transfer_id, person_id, payee_account;
  int64_t amount_fen = 0;
};

Result<std::vector<ReceiptRow>> ReceiptsWhere(store::Store& store, const std::string& where,
                                              const std::vector<std::string>& values) {
  auto statement = store.Prepare(
      "SELECT transfer_id, person_id, payee_account, amount FROM pay_receipts WHERE " + where +
      " ORDER BY transfer_id");
  if (!statement.ok()) return statement.status();
  for (size_t i = 0; i < values.size(); ++i) (*statement)->BindText(static_cast<int>(i + 1), values[i]);
  std::vector<ReceiptRow> rows;
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    store::Statement& s = **statement;
    rows.push_back({s.Text(0), s.Text(1), s.Text(2), s.Int(3)});
  }
  return rows;
}

}  // namespace

Result<ReplayReport> Replay(store::Store& store, const ledger::Ledger& ledger,
                            const policy::Pack& pack, const std::string& run_id) {
  if (Status migrated = MigratePayTables(store); !migrated.ok()) return migrated;
  ReplayReport report;
  report.run_id = run_id;
  {
    auto statement = store.Prepare(
        "SELECT program, period, pack_version, as_of FROM pay_runs WHERE run_id = ? AND kind = 'run'");
    if (!statement.ok()) return statement.status();
    (*statement)->BindText(1, run_id);
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("no payment run '" + run_id + "'");
    store::Statement& s = **statement;
    report.program = s.Text(0);
    report.period = s.Text(1);
    report.pack_version = s.Text(2);
    report.as_of = s.Int(3);
    s.Reset();
  }
  if (report.pack_version != pack.version) {
    return Status(ErrorCode::kFailedPrecondition,
                  "run " + run_id + " used pack version " + report.pack_version +
                      "; the pack given is version " + pack.version + ": replay needs the pack it used");
  }
  auto program = FindProgram(pack, report.program);
  if (!program.ok()) return program.status();
  auto period = Period::Parse(report.period);
  if (!period.ok()) return period.status();
  auto month = ComputeMonth(store, pack, **program, *period, report.as_of);
  if (!month.ok()) return month.status();

  auto receipts = ReceiptsWhere(store, "run_id = ?", {run_id});
  if (!receipts.ok()) return receipts.status();
  std::vector<std::string> ids;
  for (const ReceiptRow& receipt : *receipts) ids.push_back(receipt.transfer_id);
  auto posted = ledger.AcceptedAmounts(ids);
  if (!posted.ok()) return posted.status();
  std::map<std::string, int64_t> posted_by_person, recomputed_by_person;
  for (size_t i = 0; i < receipts->size(); ++i) {
    if ((*posted)[i]) posted_by_person[(*receipts)[i].person_id] += *(*posted)[i];
  }
  for (const Payment& payment : (*month)->payments) {
    recomputed_by_person[payment.beneficiary] += payment.amount_fen;
    report.total_fen += payment.amount_fen;
  }
  report.payees = static_cast<int64_t>((*month)->payments.size());
  for (const auto& [person, amount] : recomputed_by_person) {
    const auto found = posted_by_person.find(person);
    const int64_t before = found == posted_by_person.end() ? 0 : found->second;
    if (before != amount) report.differences.push_back({person, report.period, before, amount});
  }
  for (const auto& [person, amount] : posted_by_person) {
    if (!recomputed_by_person.contains(person)) {
      report.differences.push_back({person, report.period, amount, 0});
    }
  }
  return report;
}

namespace {

// The adjustments one month needs: for each person whose amount due now differs from
// what the ledger holds as paid, the difference.
struct MonthAdjustments {
  std::unique_ptr<MonthComputation> computation;
  std::vector<Payment> payments;
  std::vector<AmountDifference> differences;  // parallel to payments
};

Result<MonthAdjustments> AdjustmentsOf(store::Store& store, const ledger::Ledger& ledger,
                                       const policy::Pack& pack, const policy::Program& program,
                                       const Period& month, int64_t now) {
  MonthAdjustments result;
  auto computation = ComputeMonth(store, pack, program, month, now);
  if (!computation.ok()) return computation.status();
  result.computation = std::move(*computation);
  const MonthComputation& computed = *result.computation;

  // Paid so far: every receipt of the program's month whose transfer the ledger holds.
  auto receipts = ReceiptsWhere(store, "program = ? AND period = ?", {program.name, month.ToString()});
  if (!receipts.ok()) return receipts.status();
  std::vector<std::string> ids;
  for (const ReceiptRow& receipt : *receipts) ids.push_back(receipt.transfer_id);
  auto posted = ledger.AcceptedAmounts(ids);
  if (!posted.ok()) return posted.status();
  struct Paid {
    int64_t fen = 0;
    int adjustments = 0;  // accepted adjustments so far: the next one's number follows
    std::string payee_account;
  };
  std::map<std::string, Paid> paid;
  for (size_t i = 0; i < receipts->size(); ++i) {
    const ReceiptRow& receipt = (*receipts)[i];
    if (!(*posted)[i]) continue;
    Paid& person = paid[receipt.person_id];
    person.fen += receipt.amount_fen;  // recoveries are negative
    person.payee_account = receipt.payee_account;
    if (receipt.transfer_id.starts_with("adj/")) ++person.adjustments;
  }

  std::map<std::string, const Payment*> due;
  for (const Payment& payment : computed.payments) due[payment.beneficiary] = &payment;
  // The row explaining a person's amount when nothing is due now: the person's member row
  // (or household row, for a household's program), if the registry still holds them.
  const bool on_households =
      pack.variables[computed.variable].entity != computed.built.population.members.entity();
  std::vector<uint32_t> member_row_of(computed.view.persons().size(), registry::kNoRow);
  for (uint32_t row = 0; row < computed.built.member_person.size(); ++row) {
    member_row_of[computed.built.member_person[row]] = row;
  }
  auto row_of = [&](const std::string& person_id) -> std::pair<uint32_t, uint32_t> {
    const uint32_t person = computed.view.person_ids().Find(person_id);
    if (person == TextIndex::kNone) return {registry::kNoRow, 0};
    if (on_households) return {computed.view.persons()[person].household, person};
    return {member_row_of[person], person};
  };
  std::map<std::string, bool> persons;
  for (const auto& [person, unused] : due) persons[person] = true;
  for (const auto& [person, unused] : paid) persons[person] = true;
  for (const auto& [person_id, unused] : persons) {
    const auto due_found = due.find(person_id);
    const auto paid_found = paid.find(person_id);
    const int64_t due_fen = due_found == due.end() ? 0 : due_found->second->amount_fen;
    const Paid before = paid_found == paid.end() ? Paid{} : paid_found->second;
    if (due_fen == before.fen) continue;
    Payment adjustment;
    if (due_found != due.end()) {
      adjustment = *due_found->second;
    } else {
      const auto [row, person] = row_of(person_id);
      adjustment.row = row;
      adjustment.person = person;
      adjustment.beneficiary = person_id;
      adjustment.payee_account = before.payee_account;
    }
    adjustment.amount_fen = due_fen - before.fen;
    adjustment.paid_before_fen = before.fen;
    adjustment.transfer_id = "adj/" + program.name + "/" + month.ToString() + "/" + person_id +
                             "/" + std::to_string(before.adjustments + 1);
    if (adjustment.transfer_id.size() > ledger::kMaxCodeBytes) {
      return InvalidArgument("the adjustment id '" + adjustment.transfer_id + "' is longer than " +
                             std::to_string(ledger::kMaxCodeBytes) + " bytes");
    }
    result.payments.push_back(std::move(adjustment));
    result.differences.push_back({person_id, month.ToString(), before.fen, due_fen});
  }
  return result;
}

}  // namespace

Result<RecomputeSummary> Recompute(store::Store& store, ledger::Ledger& ledger,
                                   const policy::Pack& pack, const RecomputeOptions& options) {
  if (Status migrated = MigratePayTables(store); !migrated.ok()) return migrated;
  if (options.first.kind() != PeriodKind::kMonth || options.last.kind() != PeriodKind::kMonth ||
      options.last < options.first) {
    return InvalidArgument("recomputation takes a range of months, first..last");
  }
  auto program = FindProgram(pack, options.program);
  if (!program.ok()) return program.status();
  if (ledger.FindAccount((*program)->payer_account) == nullptr) {
    return CheckCover(ledger, (*program)->payer_account, 0);
  }
  // Recomputation corrects what runs paid: a month no run paid is paid by a run first.
  std::string unpaid;
  for (Period month : PeriodRange(options.first, options.last)) {
    auto run = FindRun(store, (*program)->name, month);
    if (!run.ok()) return run.status();
    if (!*run) unpaid += (unpaid.empty() ? "" : ", ") + month.ToString();
  }
  if (!unpaid.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "no payment run of " + (*program)->name + " for " + unpaid +
                      ": pay those months with --period first; nothing was recomputed");
  }
  // Every month's differences first: the payer must cover all the arrears before any
  // is paid.
  std::vector<std::pair<Period, MonthAdjustments>> months;
  int64_t arrears = 0;
  for (Period month : PeriodRange(options.first, options.last)) {
    auto adjustments = AdjustmentsOf(store, ledger, pack, **program, month, options.now);
    if (!adjustments.ok()) return adjustments.status();
    for (const Payment& payment : adjustments->payments) {
      if (payment.amount_fen > 0) arrears += payment.amount_fen;
    }
    months.emplace_back(month, std::move(*adjustments));
  }
  RecomputeSummary summary;
  summary.run_id = "recompute/" + (*program)->name + "/" + options.first.ToString() + ".." +
                   options.last.ToString() + "/" + std::to_string(options.now);
  if (Status covered = CheckCover(ledger, (*program)->payer_account, arrears); !covered.ok()) {
    return covered;
  }
  Status recorded = store::InTransaction(store, [&] {
    return store::ExecuteBound(store,
                   "INSERT INTO pay_runs (run_id, kind, program, period, pack_id, pack_version, "
                   "as_of, started_at, finished_at, payees, total) VALUES (?, 'recompute', ?, ?, ?, "
                   "?, ?, ?, NULL, 0, 0) ON CONFLICT (run_id) DO NOTHING",
                   [&](store::Statement& s) {
                     s.BindText(1, summary.run_id);
                     s.BindText(2, (*program)->name);
                     s.BindText(3, options.first.ToString() + ".." + options.last.ToString());
                     s.BindText(4, pack.id);
                     s.BindText(5, pack.version);
                     s.BindInt(6, options.now);
                     s.BindInt(7, options.now);
                   });
  });
  if (!recorded.ok()) return recorded;
  for (auto& [month, adjustments] : months) {
    if (adjustments.payments.empty()) continue;
    auto posted = PostWithReceipts(store, ledger, pack, **program, month, summary.run_id,
                                   *adjustments.computation, adjustments.payments, "adjustment");
    if (!posted.ok()) return posted.status();
    summary.posted += posted->first;
    for (size_t i = 0; i < adjustments.payments.size(); ++i) {
      const int64_t amount = adjustments.payments[i].amount_fen;
      (amount > 0 ? summary.arrears_fen : summary.recoveries_fen) += amount > 0 ? amount : -amount;
      summary.adjustments.push_back(adjustments.differences[i]);
    }
  }
  Status finished = store::InTransaction(store, [&] {
    return store::ExecuteBound(store, "UPDATE pay_runs SET finished_at = ?, payees = ?, total = ? WHERE run_id = ?",
                   [&](store::Statement& s) {
                     s.BindInt(1, options.now);
                     s.BindInt(2, static_cast<int64_t>(summary.adjustments.size()));
                     s.BindInt(3, summary.arrears_fen - summary.recoveries_fen);
                     s.BindText(4, summary.run_id);
                   });
  });
  if (!finished.ok()) return finished;
  return summary;
}

}  // namespace minsheng::pay
