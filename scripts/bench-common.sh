# Shared by the benchmark scripts (sourced, not run): settings, a scratch folder removed at
# the end, the jar, a free loopback port, starting the server, inserting a token, and one
# wrk measurement. The server listens on 127.0.0.1 only and is stopped when the script ends.
#
# Settings (environment): DURATION (15s), CONNECTIONS (16), THREADS (2), WARMUP (5s),
#   JAR (target/starpunk-*.jar, built when missing), SERVER_JAVA_OPTS (-Xmx512m), the
#   server's JVM options, split on spaces, START_TIMEOUT (600 s, for the first /health 200).

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx512m}
read -r -a JAVA_OPTS <<<"$SERVER_JAVA_OPTS"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/starpunk-bench.XXXXXX)
SERVER=""
# stop_server: TERM, up to 10 s for the graceful shutdown, then KILL
stop_server() {
	local pid=$SERVER
	SERVER=""
	[[ -n $pid ]] || return 0
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() {
	stop_server
	rm -rf "$WORK"
}
trap cleanup EXIT
# a signal ends the script through its EXIT trap, which stops the servers
trap 'exit 130' INT
trap 'exit 143' TERM

if ! command -v wrk >/dev/null; then
	apt-get update -q && apt-get install -y -q wrk
fi
# built_jar: the first target/starpunk-*.jar, or nothing
built_jar() {
	local jars=("$ROOT"/target/starpunk-*.jar)
	if [[ -f ${jars[0]} ]]; then echo "${jars[0]}"; fi
}
JAR=${JAR:-$(built_jar)}
if [[ -z $JAR ]]; then
	(cd "$ROOT" && ./mvnw -B -ntp -q -DskipTests package)
	JAR=$(built_jar)
fi
[[ -f $JAR ]] || { echo "no such jar: $JAR"; exit 1; }

# free_port: a port nobody listens on at 127.0.0.1, for a moment (enough here)
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

# start_server DATA_DIR LOG_FILE [JAR]: starts the jar (default $JAR) with SERVER_JAVA_OPTS on
# DATA_DIR, waits for the first /health 200 (polled every 50 ms) and sets SERVER (its pid)
# and STARTUP_MS (milliseconds from the start of the process to that 200)
STARTUP_MS=""
# shellcheck disable=SC2034 # STARTUP_MS is read by the scripts that source this file
start_server() {
	local started code
	started=$(date +%s%N)
	DATA_PATH=$1 PORT=$PORT java "${JAVA_OPTS[@]}" -jar "${3:-$JAR}" --server.address=127.0.0.1 >"$2" 2>&1 &
	SERVER=$!
	while :; do
		code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$BASE/health" || true)
		if [[ $code == 200 ]]; then
			STARTUP_MS=$((($(date +%s%N) - started) / 1000000))
			return 0
		fi
		kill -0 "$SERVER" 2>/dev/null || break
		(($(date +%s%N) - started < ${START_TIMEOUT:-600} * 1000000000)) || break
		sleep 0.05
	done
	echo "server did not start (within ${START_TIMEOUT:-600} s)"
	tail -20 "$2"
	exit 1
}

# add_token DATA_DIR TOKEN SCOPE: stores the token as the token endpoint does (its SHA-256)
add_token() {
	local hash
	hash=$(python3 -c "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())" "$2")
	sqlite3 "$1/starpunk.db" "INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
		VALUES ('$hash', 'http://localhost:8080/', 'https://bench.example/', '$3', datetime('now'), '2099-01-01 00:00:00')"
}

# wrk_at CONNECTIONS URL [LUA_SCRIPT]: a warm-up, then one measured run; prints
# "req/s p50 p99 non-2xx socket-errors" (latencies "-" when no request completed, since wrk
# then prints 0.00us), or nothing when wrk did not run
wrk_at() {
	local threads=$((THREADS < $1 ? THREADS : $1))
	local script=()
	[[ -n ${3:-} ]] && script=(-s "$3")
	wrk -t"$threads" -c"$1" -d"$WARMUP" "${script[@]}" "$2" >/dev/null || true
	local out
	out=$(wrk -t"$threads" -c"$1" -d"$DURATION" --latency "${script[@]}" "$2" || true)
	awk '/ requests in / {done = $1} /Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
		/Non-2xx/ {non2xx = $5}
		/Socket errors/ {gsub(",", ""); errors = $4 + $6 + $8 + $10}
		END {if (done == 0) {p50 = "-"; p99 = "-"}; if (rps != "") print rps, p50, p99, non2xx + 0, errors + 0}' <<<"$out"
}

# wrk_figures CONNECTIONS PATH [LUA_SCRIPT]: wrk_at on the server; prints "req/s p50 p99 non-2xx"
wrk_figures() {
	local figures
	read -r -a figures <<<"$(wrk_at "$1" "$BASE$2" "${3:-}")"
	echo "${figures[*]:0:4}"
}

# start_with_token SCOPE: a new data directory with one token of that scope ($TOKEN) and the
# server running on it ($DATA)
start_with_token() {
	DATA="$WORK/data"
	TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
	DATA_PATH=$DATA java -jar "$JAR" --migrate-only >/dev/null
	add_token "$DATA" "$TOKEN" "$1"
	start_server "$DATA" "$WORK/server.log"
}
