#!/bin/sh
# The floor under settle_bench --books: how long SQLite itself takes, on this machine, to
# insert rows shaped as a million settled claims (settle_claims as of schema version 5, its
# two indexes) and their 686,029 lines (settle_lines, its two indexes), generated inside
# the engine — no binding, no row building, no registry, no cascade, no ledger — into a
# copy of the registry, with the store's pragmas (WAL, synchronous NORMAL, 16 KiB pages,
# 64 MiB of cache). Whatever settle does on top of this is its own cost; this part only a
# leaner schema or another engine can lower. See docs/settle.md (Performance).
#
#   sh bench/settle_write_floor.sh DIR     (DIR/imported.db: pay_bench --county zibo --dir DIR)
set -eu
dir=${1:?usage: settle_write_floor.sh DIR}
db="$dir/floor.db"
rm -f "$db" "$db-wal" "$db-shm"
cp "$dir/imported.db" "$db"
sqlite3 "$db" <<'SQL'
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
PRAGMA cache_size=-65536;
CREATE TABLE settle_claims (claim_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, year INTEGER NOT NULL,
  hospital TEXT NOT NULL, hospital_level TEXT NOT NULL, admitted TEXT NOT NULL, discharged TEXT NOT NULL,
  total_cost INTEGER NOT NULL, compliant_cost INTEGER NOT NULL, diagnosis TEXT NOT NULL, items TEXT NOT NULL,
  status TEXT NOT NULL, recorded_at INTEGER NOT NULL, cancelled_at INTEGER,
  self_pay INTEGER, year_to_date TEXT, facts_id INTEGER NOT NULL);
CREATE INDEX settle_claims_person_year ON settle_claims (person_id, year);
CREATE TABLE settle_lines (transfer_id TEXT PRIMARY KEY, claim_id TEXT NOT NULL, stage TEXT NOT NULL,
  amount INTEGER NOT NULL, pack_version TEXT NOT NULL, inputs TEXT NOT NULL, recorded_at INTEGER NOT NULL);
CREATE INDEX settle_lines_claim ON settle_lines (claim_id);
.timer on
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO settle_claims SELECT 'C' || i, printf('3703%014d', abs(random()) % 100000000000000), 2017,
  'hospital/370302002', 'township', '2017-08-25', '2017-09-03', 800167, 666806, '', '[]', 'settled', 1, NULL,
  347403, '{"resident_basic_insurance":"4527.64","critical_self_paid_on_stay":"2140.42","claim_compliant_cost":"6668.06"}',
  1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 686028)
INSERT INTO settle_lines SELECT printf('settle/C%07d/resident_basic_insurance/1', i), printf('C%07d', i),
  'resident_basic_insurance', 6903, 'd23943dfc718db4a', '{}', 1 FROM n;
COMMIT;
SQL
rm -f "$db" "$db-wal" "$db-shm"
