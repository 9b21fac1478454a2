#!/usr/bin/env bash
# Throughput of token verification through the token endpoint (StarPunk's legacy
# `GET /auth/token` with a Bearer token, the same cached verifier Micropub uses), of
# introspection (`POST /auth/introspect`), and of Micropub creates (`POST /micropub`, each
# a new note: a row and a durably written Markdown file), with wrk on loopback.
#
# Usage: scripts/token-benchmark.sh      (from anywhere in the repository)
# Settings (environment): DURATION (15s), CONNECTIONS (16), THREADS (2), WARMUP (5s).
# Needs python3, sqlite3 and wrk. The server listens on 127.0.0.1 only and is stopped when
# the script ends. The token is put straight into the database (as its SHA-256, as the
# token endpoint stores it): the consent page is not needed to measure verification.
# POST /auth/token itself (code and refresh grants) is rate-limited to 30 requests per
# 10 s per address, so its throughput from one address is that limit, by design.
set -euo pipefail

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/starpunk-token-bench.XXXXXX)
SERVER=""
cleanup() {
	[[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

JAR=$(ls "$ROOT"/target/starpunk-*.jar 2>/dev/null | head -1 || true)
if [[ -z $JAR ]]; then
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	JAR=$(ls "$ROOT"/target/starpunk-*.jar | head -1)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
DATA="$WORK/data"
TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
HASH=$(python3 -c "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())" "$TOKEN")

DATA_PATH=$DATA java -jar "$JAR" --migrate-only >/dev/null
sqlite3 "$DATA/starpunk.db" "INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
	VALUES ('$HASH', 'http://localhost:8080/', 'https://bench.example/', 'create', datetime('now'), '2099-01-01 00:00:00')"
DATA_PATH=$DATA PORT=$PORT java -Xmx512m -jar "$JAR" --server.address=127.0.0.1 >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
	curl -fs "$BASE/health" >/dev/null 2>&1 && break
	sleep 0.1
done
curl -fs "$BASE/health" >/dev/null || { echo "server did not start"; tail -20 "$WORK/server.log"; exit 1; }

cat >"$WORK/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
cat >"$WORK/create.lua" <<LUA
counter = 0
request = function()
	counter = counter + 1
	local body = "h=entry&content=Benchmark+note+" .. counter .. "+" .. math.random(1, 1000000000)
	return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
		["Authorization"] = "Bearer $TOKEN"}, body)
end
LUA
cat >"$WORK/verify.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

measure() { # name path script
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$3" "$BASE$2" >/dev/null
	local out
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" "$BASE$2")
	local rps p50 p99 non2xx
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	printf '| %-24s | %9s | %8s | %8s | %s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "| request                  |     req/s |      p50 |      p99 | non-2xx |"
echo "|--------------------------|----------:|---------:|---------:|--------:|"
measure "GET /auth/token (verify)" /auth/token "$WORK/verify.lua"
measure "POST /auth/introspect" /auth/introspect "$WORK/introspect.lua"
measure "POST /micropub (create)" /micropub "$WORK/create.lua"
echo "notes created: $(sqlite3 "$DATA/starpunk.db" 'SELECT count(*) FROM notes')"
