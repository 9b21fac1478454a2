#!/usr/bin/env bash
# The soak (issue 17): the server, started as the container image starts it, under a
# steady mixed load for DURATION seconds, with its resident memory, threads and open file
# handles sampled at the start, after the warm-up (the baseline), every SAMPLE seconds and
# at the end. The load (scripts/Soak.java): CLIENTS clients at RATE actions a second in all,
# mixing public page, feed and search reads (plain, gzip and If-None-Match), Micropub
# creates, updates, deletes, undeletes, photo uploads and queries (with a token put into
# the database), owner sign-ins with admin pages and sign-outs (ADMIN_PASSWORD), and bad
# inputs (malformed JSON, an oversize body, wrong and missing tokens, unknown paths, bad
# query strings, a wrong password now and then). Every answer is counted by status class.
#
# Prints the samples as a Markdown table, the counts, and a verdict: PASS when no answer
# was a 5xx, every request was answered, and from the baseline to the end resident memory
# grew by at most 10% (or 8 MiB, whichever is more), threads by at most 8 and open files
# by at most 8 (the tolerances are in Soak.java). Exits 1 when it fails. The server's log
# is kept as soak-server.log in the current folder when it fails (KEEP_LOG=1: always).
#
# Usage: scripts/soak.sh                       (one hour, from anywhere in the repository)
#   DURATION=120 scripts/soak.sh               (a two-minute try)
# Settings (environment): DURATION (3600, seconds), WARMUP (DURATION/12, at least 20 s),
#   SAMPLE (300 s, or DURATION/4 when that is less), CLIENTS (6), RATE (40, actions a
#   second in all), NOTES (300, published notes written before the start), JAR
#   (target/starpunk-*.jar, built when missing), SERVER_JAVA_OPTS ("-Xmx96m
#   -XX:+UseSerialGC -XX:TieredStopAtLevel=1", as the image), MALLOC_ARENA_MAX (2, as the
#   image), SCRAPE (15: seconds between two scrapes of /metrics with METRICS_TOKEN, as
#   Prometheus would; 0: none; a jar without /metrics answers them 404, counted apart
#   from the load). Needs java, python3, sqlite3 and curl. The server listens on 127.0.0.1 only and
#   is stopped, and its data removed, when the script ends, however it ends.
set -euo pipefail

DURATION=${DURATION:-3600}
WARMUP=${WARMUP:-$((DURATION / 12 > 20 ? DURATION / 12 : 20))}
SAMPLE=${SAMPLE:-$((DURATION / 4 < 300 ? DURATION / 4 : 300))}
CLIENTS=${CLIENTS:-6}
RATE=${RATE:-40}
NOTES=${NOTES:-300}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# bench-common.sh reads DURATION as wrk's (with a unit); this script does not use wrk
SOAK_SECONDS=$DURATION
# shellcheck source=scripts/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

log() { echo "soak $(date -u +%T): $*" >&2; }

DATA="$WORK/data"
export SITE_URL="$BASE/"
SOAK_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
SOAK_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
METRICS_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
export SOAK_PASSWORD SOAK_TOKEN METRICS_TOKEN
SCRAPE=${SCRAPE:-15}

log "$NOTES notes, a token, $(basename "$JAR")"
DATA_PATH=$DATA java -jar "$JAR" --migrate-only >/dev/null
python3 "$ROOT/scripts/generate-notes.py" "$DATA" "$NOTES" --tags >/dev/null
hash=$(python3 -c "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())" "$SOAK_TOKEN")
sqlite3 "$DATA/starpunk.db" "INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
	VALUES ('$hash', '$SITE_URL', 'https://soak.example/', 'create update delete undelete media',
	datetime('now'), '2099-01-01 00:00:00')"

log "starting the server on $BASE ($SERVER_JAVA_OPTS)"
ADMIN_PASSWORD=$SOAK_PASSWORD start_server "$DATA" "$WORK/server.log"
log "started in $STARTUP_MS ms (pid $SERVER); load for $SOAK_SECONDS s, baseline after $WARMUP s"

echo "## Soak: $(date -u +%FT%TZ), $(nproc) cores, $(basename "$JAR")"
echo
echo "SERVER_JAVA_OPTS=\"$SERVER_JAVA_OPTS\" MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; $(java -version 2>&1 | head -1);" \
	"$NOTES notes to start with; load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# scrape_loop: GET /metrics every SCRAPE seconds; one status code a line in $WORK/scrapes
scrape_loop() {
	while :; do
		curl -s -o /dev/null -m 30 -w '%{http_code}\n' -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics" \
			>>"$WORK/scrapes" || echo 000 >>"$WORK/scrapes"
		sleep "$SCRAPE"
	done
}
SCRAPER=""
if ((SCRAPE > 0)); then
	scrape_loop &
	SCRAPER=$!
	trap 'kill "$SCRAPER" 2>/dev/null || true; cleanup' EXIT
fi
status=0
java -Xmx128m -XX:+UseSerialGC "$ROOT/scripts/Soak.java" "$BASE" "$SERVER" "$SOAK_SECONDS" "$WARMUP" "$SAMPLE" \
	"$CLIENTS" "$RATE" "$NOTES" || status=$?
if [[ -n $SCRAPER ]]; then
	kill "$SCRAPER" 2>/dev/null || true
	echo
	echo "Scrapes of /metrics every $SCRAPE s: $(sort "$WORK/scrapes" | uniq -c | awk '{printf "%s%d x %s", (NR > 1 ? ", " : ""), $1, $2}')"
	if grep -qE '^5' "$WORK/scrapes"; then
		echo "A scrape of /metrics answered 5xx: FAIL"
		status=1
	fi
fi
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
errors=$(grep -c ' ERROR ' "$WORK/server.log" || true)
echo "Server log: $(wc -l <"$WORK/server.log") lines, $errors at ERROR"
if grep -qF -e "$SOAK_TOKEN" -e "$SOAK_PASSWORD" -e "$METRICS_TOKEN" "$WORK/server.log"; then
	echo "The server's log holds the token or the password: FAIL"
	status=1
fi
if ((status != 0)) || [[ -n ${KEEP_LOG:-} ]]; then
	cp "$WORK/server.log" soak-server.log
	log "server log kept: $(pwd)/soak-server.log"
fi
exit "$status"
