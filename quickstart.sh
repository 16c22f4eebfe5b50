#!/usr/bin/env bash
# Sediment's quick start: everything on the embedded default (a local instance directory, Spark
# in-process in local mode). Each step is a plain ./sediment command you can run yourself.
# It starts from scratch each time: quickstart-data/ is deleted first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export SEDIMENT_INSTANCE=quickstart-data/instance
export SEDIMENT_DB=quickstart-data/db
run() {
  printf '\n$ %s\n' "$*"
  "$@"
}

rm -rf quickstart-data
run ./sediment instance init
run ./sediment table create quickstart --schema examples/quickstart/schema.json \
    --split-points examples/quickstart/split-points.txt
run ./sediment generate rows --table quickstart --rows 1000000 --files 6 --out quickstart-data/input
run find quickstart-data/input -name '*.parquet'
run ./sediment bulk-import examples/quickstart/job.json
run ./sediment table describe quickstart
run ./sediment status
echo
echo "Running the same job again changes nothing (the job id is already committed):"
run ./sediment bulk-import examples/quickstart/job.json

echo
echo "Now a merge: a day of intraday trades moved into historical storage, grouped by Sym (largest group"
echo "first) and sorted by Timestamp within each group, one Parquet file per writable partition."
run ./sediment generate intraday Market Trades 2024-01-02 --rows 1000000
run ./sediment merge Market Trades 2024-01-02 sortColumn=Timestamp
run find quickstart-data/db/Systems -name table.parquet
