#!/usr/bin/env bash
# End-to-end throughput of `eddy run` on the embedded broker: N JSON events on a 4-partition topic (the embedded broker keeps about 5 MiB per partition), one
# `eddy run` process, time from start-up (group joined) until every prediction is acknowledged.
# Usage: Benchmarks/runtime/throughput.sh [N] [MODEL]   (needs kcat and curl; builds nothing itself)
set -euo pipefail
[ -n "${TRACE:-}" ] && set -x
N=${1:-100000}
MODEL=${2:-naive_bayes}
EDDY=${EDDY_BINARY:-.build/release/eddy}
WORK=$(mktemp -d)
trap 'kill $BROKER_PID $RUN_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM
RUN_PID=
"$EDDY" broker --topic events:4 > "$WORK/broker.out" 2>/dev/null & BROKER_PID=$!
for _ in $(seq 50); do grep -q bootstrap "$WORK/broker.out" && break; sleep 0.1; done
BROKERS=$(sed 's/bootstrap: //' "$WORK/broker.out")
cat > "$WORK/schema.json" <<'JSON'
{"version": 1, "idField": "id", "label": {"field": "class", "classes": ["no", "yes"]},
 "features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"}, {"name": "c", "type": "numeric"}]}
JSON
awk -v n="$N" 'BEGIN { srand(1); for (i = 0; i < n; i++) { a = rand() * 10; b = rand() * 10; c = rand() * 10;
  printf "k%d|{\"id\":\"e-%d\",\"a\":%.4f,\"b\":%.4f,\"c\":%.4f,\"class\":\"%s\"}\n", i, i, a, b, c, (a + b <= 9 ? "yes" : "no") } }' > "$WORK/events"
kcat -P -l -b "$BROKERS" -t events -K '|' "$WORK/events"
PORT=${EDDY_BENCH_PORT:-19478}
EDDY_BROKERS=$BROKERS EDDY_SCHEMA=$WORK/schema.json EDDY_MODEL=$MODEL EDDY_METRICS_PORT=$PORT \
EDDY_KAFKA_SESSION_TIMEOUT_MS=6000 EDDY_BATCH_SIZE=${EDDY_BATCH_SIZE:-2000} EDDY_STATE_DIR=$WORK/state \
  "$EDDY" run 2> "$WORK/run.log" & RUN_PID=$!
predictions() { curl -s "localhost:$PORT/metrics" | awk '/^eddy_records_out_total\{destination="predictions"\}/ { print $2 }'; }
until [ "$(curl -s -o /dev/null -w '%{http_code}' localhost:$PORT/readyz)" = 200 ]; do sleep 0.05; done
START=$(date +%s.%N)
until [ "$(predictions)" = "$N" ]; do sleep 0.05; done
END=$(date +%s.%N)
kill -TERM $RUN_PID; wait $RUN_PID; RUN_PID=
awk -v n="$N" -v s="$START" -v e="$END" -v m="$MODEL" 'BEGIN { printf "%s: %d events in %.2f s = %.0f events/s end to end (consume, validate, predict, learn, produce, acknowledge, store)\n", m, n, e - s, n / (e - s) }'
