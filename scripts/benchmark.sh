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
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

measure() { # name path
	local figures
	read -r -a figures <<<"$(wrk_figures "$CONNECTIONS" "$2")"
	printf '| %7s | %-10s | %9s | %8s | %8s | %s |\n' "$N" "$1" "${figures[@]}"
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
	start_server "$DATA" "$WORK/server-$N.log"
	measure home /
	measure permalink "/notes/note-$(printf '%06d' $((N / 2)))"
	measure feed /feed.xml
	stop_server
done
