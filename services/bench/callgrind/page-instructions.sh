#!/usr/bin/env bash
# page-instructions.sh BINARY DBURL OUTDIR [html]: callgrind instructions per register page of
# `civic serve --no-projector` (docs/benchmarks.md, "CPU per page"): 30 pages of warm-up, then
# 200 counted; the figure is the "Collected" line of OUTDIR/serve.log divided by 200. The pages
# are GraphQL's register query, or with `html` the register's web page with the same filter.
set -euo pipefail
BIN=$(realpath "$1"); DB=$2; OUT=$3; FORM=${4:-graphql}; PORT=18181
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"; cd "$OUT"; rm -f callgrind.out.*
DATABASE_URL=$DB CIVIC_JWT_SECRET=0123456789abcdef0123456789abcdef CIVIC_RESPONSE_CACHE_ENTRIES=0 RUST_LOG=info \
  valgrind --tool=callgrind --instr-atstart=no "$BIN" serve --no-projector --listen 127.0.0.1:$PORT > serve.log 2>&1 &
VG=$!
for i in $(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:$PORT/healthz && break; sleep 1; done
python3 "$HERE/register_pages.py" $PORT 30 council-00000 "$FORM"
callgrind_control -i on $VG >/dev/null
python3 "$HERE/register_pages.py" $PORT 200 council-00000 "$FORM"
callgrind_control -i off $VG >/dev/null
callgrind_control -d $VG >/dev/null
sleep 2
kill $VG; wait $VG 2>/dev/null || true
grep Collected serve.log | awk -v pages=200 '{gsub(",","",$4); printf "instructions=%s per_page=%d\n", $4, $4/pages}'
