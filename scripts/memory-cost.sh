#!/usr/bin/env bash
# The resident memory of two jars, started as the container image starts them: for each,
# RUNS starts (alternating between the jars) on a copy of the same data (NOTES notes), and
# the server's VmRSS (/proc/PID/status) SETTLE seconds after its first /health 200 and
# again after REQUESTS requests (public pages and feeds, /health, and, when the jar has it,
# /metrics with METRICS_TOKEN: a scrape every tenth request); prints each run and the
# medians. Made to measure what adding the actuator and the Prometheus registry costs.
#
# Usage: scripts/memory-cost.sh BEFORE_JAR AFTER_JAR
# Settings (environment): RUNS (3), NOTES (300), REQUESTS (300), SETTLE (10),
#   SERVER_JAVA_OPTS ("-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", as the image),
#   MALLOC_ARENA_MAX (2, as the image). Needs python3, sqlite3 and curl. Servers listen on
#   127.0.0.1 only and are stopped when the script ends.
set -euo pipefail

[[ $# -eq 2 && -f $1 && -f $2 ]] || { echo "usage: $0 BEFORE_JAR AFTER_JAR"; exit 2; }
BEFORE=$1
AFTER=$2
RUNS=${RUNS:-3}
NOTES=${NOTES:-300}
REQUESTS=${REQUESTS:-300}
SETTLE=${SETTLE:-10}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
JAR=$AFTER
# shellcheck source=scripts/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

export METRICS_TOKEN
METRICS_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
DATA_PATH="$WORK/template" java -jar "$BEFORE" --migrate-only >/dev/null
python3 "$ROOT/scripts/generate-notes.py" "$WORK/template" "$NOTES" --tags >/dev/null

rss() { awk '$1 == "VmRSS:" {print $2}' "/proc/$1/status"; }
load() { # REQUESTS requests, one at a time
	local i path
	for ((i = 0; i < REQUESTS; i++)); do
		case $((i % 10)) in
		0) path=/ ;;
		1) path=/feed.xml ;;
		2) path=/feed.json ;;
		3) path=/tags ;;
		4) path=/tags/coffee ;;
		5) path=/health ;;
		6) path=/search?q=garden ;;
		9) curl -s -o /dev/null -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics" || true; continue ;;
		*) path=$(printf '/notes/note-%06d' $((RANDOM % NOTES))) ;;
		esac
		curl -s -o /dev/null "$BASE$path" || true
	done
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -A STARTED=() LOADED=()
echo "| run | jar | RSS after start | RSS after $REQUESTS requests |"
echo "|----:|-----|----------------:|-----------------:|"
for ((run = 1; run <= RUNS; run++)); do
	for label in before after; do
		jar=$BEFORE
		[[ $label == after ]] && jar=$AFTER
		rm -rf "$WORK/data" && cp -a "$WORK/template" "$WORK/data"
		start_server "$WORK/data" "$WORK/server.log" "$jar"
		sleep "$SETTLE"
		started=$(rss "$SERVER")
		load
		sleep 2
		loaded=$(rss "$SERVER")
		stop_server
		STARTED[$label]+=" $started"
		LOADED[$label]+=" $loaded"
		printf '| %d | %s (%s) | %d MiB | %d MiB |\n' "$run" "$label" "$(basename "$jar")" $((started / 1024)) $((loaded / 1024))
	done
done
echo
for label in before after; do
	printf 'median %s: %d MiB after start, %d MiB after %d requests\n' "$label" \
		$(($(median <<<"${STARTED[$label]}") / 1024)) $(($(median <<<"${LOADED[$label]}") / 1024)) "$REQUESTS"
done
echo "difference (after - before): $(((($(median <<<"${STARTED[after]}") - $(median <<<"${STARTED[before]}"))) / 1024)) MiB after start," \
	"$(((($(median <<<"${LOADED[after]}") - $(median <<<"${LOADED[before]}"))) / 1024)) MiB after the requests"
