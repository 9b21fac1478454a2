#!/usr/bin/env bash
# Throughput and latency of the home page, a permalink and the RSS feed at 100 and at
# 100,000 notes (issue: the cost of a page must not grow with the number of notes).
#
# Usage: scripts/benchmark.sh            (from anywhere in the repository)
# Settings (environment): SIZES ("100 100000"), DURATION (15s), CONNECTIONS (16),
#   THREADS (2), WARMUP (5s). Needs python3 and wrk (installed with apt-get if missing).
# The server listens on 127.0.0.1 only and is stopped when the script ends.
set -euo pipefail

SIZES=${SIZES:-"100 100000"}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/starpunk-bench.XXXXXX)
SERVER=""
cleanup() {
	[[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
	apt-get update -q && apt-get install -y -q wrk
fi
JAR=$(ls "$ROOT"/target/starpunk-*.jar 2>/dev/null | head -1 || true)
if [[ -z $JAR ]]; then
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	JAR=$(ls "$ROOT"/target/starpunk-*.jar | head -1)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

measure() { # name path
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE$2" >/dev/null
	local out
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$2")
	local rps p50 p99 non2xx
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	printf '| %7s | %-10s | %9s | %8s | %8s | %s |\n' "$N" "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "|   notes | page       |     req/s |      p50 |      p99 | non-2xx |"
echo "|--------:|------------|----------:|---------:|---------:|--------:|"
for N in $SIZES; do
	DATA="$WORK/data-$N"
	DATA_PATH=$DATA java -jar "$JAR" --migrate-only >/dev/null
	python3 "$ROOT/scripts/generate-notes.py" "$DATA" "$N"
	# let the kernel write the generated files back before measuring, or the writeback of
	# 100,000 files competes with the server for the two cores
	sync
	sleep "${SETTLE:-10}"
	DATA_PATH=$DATA PORT=$PORT java -Xmx512m -jar "$JAR" --server.address=127.0.0.1 >"$WORK/server-$N.log" 2>&1 &
	SERVER=$!
	for _ in $(seq 1 600); do
		curl -fs "$BASE/health" >/dev/null 2>&1 && break
		sleep 0.1
	done
	curl -fs "$BASE/health" >/dev/null || { echo "server did not start"; tail -20 "$WORK/server-$N.log"; exit 1; }
	measure home /
	measure permalink "/notes/note-$(printf '%06d' $((N / 2)))"
	measure feed /feed.xml
	kill "$SERVER"
	wait "$SERVER" 2>/dev/null || true
	SERVER=""
done
