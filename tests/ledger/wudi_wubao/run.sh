#!/usr/bin/env bash
# Wudi County's 五保 (five-guarantee) fund for 2013, end to end through `minsheng ledger`:
# the worked example of docs/ledger.md, and a test (ctest ledger_wudi_wubao).
#
# The seed: "县乡财政每年新增五保经费700余万元 … 已收到各类捐赠869.4万元 … 各乡镇街道设立
# 资金专户 … 实行按季拨付、专账管理、专户结算,一月一公开,一季一审核,确保专款专用".
# Assumed where the seed gives no figure (docs/ledger.md says why): the 7M split as
# 4.2M county + 2.8M township budgets, paid in quarterly; the donations' three dates;
# the number of supported elders in each of the 12 townships (645 in all); the monthly
# payment to a nursing home of 1,500 yuan per elder.
#
# Usage: run.sh MINSHENG [WORKDIR [--no-tampering]]
#   WORKDIR defaults to a temporary directory; --no-tampering stops before the row is
#   edited, leaving sound books in WORKDIR/wubao.db (make run shows them).
set -euo pipefail

minsheng=$1
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$(mktemp -d)}
[[ $# -ge 2 ]] || trap 'rm -rf "$work"' EXIT
db=$work/wubao.db
rm -f "$db" "$db-wal" "$db-shm"

ledger() { "$minsheng" ledger "$@" --db "$db"; }
fail() { echo "wudi_wubao: $*" >&2; exit 1; }
# expect TEXT COMMAND…: the command's output must contain TEXT.
expect() {
  local text=$1
  shift
  local output
  output=$("$@") || fail "'$*' failed"
  grep -qF -- "$text" <<<"$output" || fail "'$*' does not say '$text'; it said:
$output"
}

# --- The books -------------------------------------------------------------------------
ledger init >/dev/null
ledger unit add CNY --name-zh 人民币 --name-en "Chinese yuan" --step fen >/dev/null
ledger account add income/budget/county --unit CNY --kind income \
  --name-zh 县级财政预算 --name-en "County budget" >/dev/null
ledger account add income/budget/township --unit CNY --kind income \
  --name-zh 乡镇财政预算 --name-en "Township budgets" >/dev/null
ledger account add income/donations --unit CNY --kind income \
  --name-zh 社会捐赠 --name-en "Donations" >/dev/null
# The county's 五保 fund (县五保供养资金管理办公室): earmarked, no overdraft.
ledger account add fund/wubao/county --unit CNY --kind fund --no-overdraft \
  --earmark wubao_support --name-zh 县五保供养资金 --name-en "County five-guarantee fund" >/dev/null
# Donations are restricted to 五保 support: their own earmarked account under the fund.
ledger account add fund/wubao/donations --unit CNY --kind fund --no-overdraft \
  --parent fund/wubao/county --earmark wubao_support \
  --name-zh 五保专项捐赠 --name-en "Donations for five-guarantee support" >/dev/null
# Each township's special account (资金专户) and its nursing home (敬老院).
while IFS=, read -r code weight name_zh name_en; do
  [[ $code == code ]] && continue
  township=${code##*/}
  ledger account add "$code" --unit CNY --kind fund --no-overdraft --parent fund/wubao/county \
    --earmark wubao_support --name-zh "${name_zh}五保资金专户" \
    --name-en "$name_en five-guarantee special account" >/dev/null
  ledger account add "expense/wubao/nursing_home/$township" --unit CNY --kind expense \
    --name-zh "${name_zh}敬老院供养支出" --name-en "$name_en nursing home support" >/dev/null
done <"$here/townships.csv"

# --- Money in: budgets and donations ----------------------------------------------------
expect "accepted 8" ledger transfer --file "$here/budgets-2013.csv"
expect "accepted 3" ledger transfer --file "$here/donations-2013.csv"
# Sent again (a retry after a lost acknowledgement): nothing is posted twice.
expect "exists 8" ledger transfer --file "$here/budgets-2013.csv"
# The donations move into the county fund's hands in the first quarter they are there.
ledger transfer donations/2013-Q1 --debit fund/wubao/donations --credit fund/wubao/county \
  --amount 6094000 --unit CNY --purpose wubao_support --value-date 2013-03-31 >/dev/null
ledger transfer donations/2013-Q2 --debit fund/wubao/donations --credit fund/wubao/county \
  --amount 2600000 --unit CNY --purpose wubao_support --value-date 2013-06-30 >/dev/null

# --- Each quarter: allocation (按季拨付), monthly payments, disclosure, audit --------------
payments=$work/payments
mkdir -p "$payments"
for quarter in 1 2 3 4; do
  first_month=$(((quarter - 1) * 3 + 1))
  # What the quarter allocates: its budgets plus a quarter of the year's donations.
  amount=3923500
  ledger allocate "$amount" --unit CNY --file "$here/townships.csv" --from fund/wubao/county \
    --id-prefix "allocation/2013-Q$quarter" --purpose wubao_support \
    --value-date "2013-$(printf %02d "$first_month")-10" >/dev/null
  for month in $first_month $((first_month + 1)) $((first_month + 2)); do
    mm=$(printf %02d "$month")
    { head -1 "$here/payments-2013.csv"; grep "^pay/2013-$mm/" "$here/payments-2013.csv"; } \
      >"$payments/2013-$mm.csv"
    expect "accepted 12" ledger transfer --file "$payments/2013-$mm.csv"
    # 一月一公开: the month's disclosure of the whole fund.
    ledger disclosure fund/wubao/county --period "2013-$mm" >"$payments/disclosure-2013-$mm.txt"
  done
  # 一季一审核: the quarterly audit passes.
  expect "ok / 审计通过" ledger audit
done

# --- The year's figures -------------------------------------------------------------------
# In: 7,000,000.00 budgets + 8,694,000.00 donations. Out: 645 elders × 1,500 × 12 =
# 11,610,000.00 to nursing homes. Left in the fund and its special accounts: 4,084,000.00.
expect "11,610,000.00" ledger disclosure fund/wubao/county --period 2013
expect "4,084,000.00" ledger statement --period 2013 --prefix fund/wubao/county
expect "4,200,000.00" ledger statement --period 2013 --prefix income/budget/county
expect "2,800,000.00" ledger statement --period 2013 --prefix income/budget/township
# A payment for another purpose is refused by the earmark (专款专用).
if ledger transfer misuse/1 --debit fund/wubao/township/371623103 \
  --credit expense/wubao/nursing_home/371623103 --amount 1000 --unit CNY \
  --purpose office_supplies >"$work/misuse.txt" 2>&1; then
  fail "a payment for office supplies was accepted from an earmarked account"
fi
grep -qF purpose_not_earmarked "$work/misuse.txt" || fail "the misuse was not refused for its purpose"

if [[ ${3:-} == --no-tampering ]]; then
  echo "wudi_wubao: the 2013 books balance and every quarterly audit passed ($db)"
  exit 0
fi

# --- Tampering behind the ledger's back ---------------------------------------------------
# Someone with the database file raises one payment with the sqlite3 shell…
sqlite3 "$db" "UPDATE ledger_journal SET amount = amount + 100000 WHERE id = 'pay/2013-06/371623103'"
position=$(sqlite3 "$db" "SELECT position FROM ledger_journal WHERE id = 'pay/2013-06/371623103'")
# …and the audit names the row.
if ledger audit >"$work/audit.txt"; then
  fail "the audit passed after a journal row was edited"
fi
grep -qF "row $position (transfer 'pay/2013-06/371623103') edited" "$work/audit.txt" ||
  fail "the audit did not name row $position: $(cat "$work/audit.txt")"
echo "wudi_wubao: the 2013 books balance, every quarterly audit passed, and the edit of row $position was found"
