# Shared by the benchmark scripts (sourced, not run): settings, a scratch folder removed at
# the end, the jar, a free loopback port, starting the server, inserting a token, and one
# wrk measurement. The server listens on 127.0.0.1 only and is stopped when the script ends.

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/starpunk-bench.XXXXXX)
SERVER=""
cleanup() {
	if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; fi
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

# start_server DATA_DIR LOG_FILE: starts the server on DATA_DIR and waits for /health
start_server() {
	DATA_PATH=$1 PORT=$PORT java -Xmx512m -jar "$JAR" --server.address=127.0.0.1 >"$2" 2>&1 &
	SERVER=$!
	for _ in $(seq 1 600); do
		curl -fs "$BASE/health" >/dev/null 2>&1 && break
		sleep 0.1
	done
	curl -fs "$BASE/health" >/dev/null || { echo "server did not start"; tail -20 "$2"; exit 1; }
}

stop_server() {
	kill "$SERVER"
	wait "$SERVER" 2>/dev/null || true
	SERVER=""
}

# add_token DATA_DIR TOKEN SCOPE: stores the token as the token endpoint does (its SHA-256)
add_token() {
	local hash
	hash=$(python3 -c "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())" "$2")
	sqlite3 "$1/starpunk.db" "INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
		VALUES ('$hash', 'http://localhost:8080/', 'https://bench.example/', '$3', datetime('now'), '2099-01-01 00:00:00')"
}

# wrk_figures CONNECTIONS PATH [LUA_SCRIPT]: a warm-up, then one measured run; prints
# "req/s p50 p99 non-2xx"
wrk_figures() {
	local threads=$((THREADS < $1 ? THREADS : $1))
	local script=()
	[[ -n ${3:-} ]] && script=(-s "$3")
	wrk -t"$threads" -c"$1" -d"$WARMUP" "${script[@]}" "$BASE$2" >/dev/null
	local out
	out=$(wrk -t"$threads" -c"$1" -d"$DURATION" --latency "${script[@]}" "$BASE$2")
	local non2xx
	non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out") ${non2xx:-0}"
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
