#!/usr/bin/env bash
# Micropub creates with durable writes, with wrk on loopback: each request is a new note,
# its row (and its properties row) committed with synchronous=FULL and its Markdown file
# written, synced and renamed into place before the 201 is sent.
#
#   - form create, one connection: the latency of one durable create with nothing queued;
#   - form create, CONNECTIONS connections: throughput, with requests queued on the one
#     SQLite writer;
#   - JSON create with a name, categories, a photo URL and a checkin h-card, CONNECTIONS
#     connections;
#   - q=source of one note, CONNECTIONS connections (a read).
#
# Usage: scripts/micropub-benchmark.sh      (from anywhere in the repository)
# Settings (environment): DURATION (15s), CONNECTIONS (16), THREADS (2), WARMUP (5s).
# Needs python3, sqlite3 and wrk. The server listens on 127.0.0.1 only and is stopped when
# the script ends. The token is put straight into the database as its SHA-256.
set -euo pipefail

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/starpunk-micropub-bench.XXXXXX)
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

cat >"$WORK/form.lua" <<LUA
counter = 0
request = function()
	counter = counter + 1
	local body = "h=entry&content=Benchmark+note+" .. counter .. "+" .. math.random(1, 1000000000)
	return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
		["Authorization"] = "Bearer $TOKEN"}, body)
end
LUA
cat >"$WORK/json.lua" <<LUA
counter = 0
request = function()
	counter = counter + 1
	local body = '{"type":["h-entry"],"properties":{"name":["Trip ' .. counter .. ' ' .. math.random(1, 1000000000)
		.. '"],"content":["Went to the **market**"],"category":["travel","food"],'
		.. '"photo":[{"value":"https://photos.example/a.jpg","alt":"A stall"}],'
		.. '"checkin":[{"type":["h-card"],"properties":{"name":["Market"],"latitude":["45.5"]}}]}}'
	return wrk.format("POST", nil, {["Content-Type"] = "application/json",
		["Authorization"] = "Bearer $TOKEN"}, body)
end
LUA
LOCATION=$(curl -fs -o /dev/null -w '%header{location}' -H "Authorization: Bearer $TOKEN" \
	-d h=entry -d content=Source -d mp-slug=source-note "$BASE/micropub")
cat >"$WORK/source.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

measure() { # name connections path script
	local threads=$((THREADS < $2 ? THREADS : $2))
	wrk -t"$threads" -c"$2" -d"$WARMUP" -s "$4" "$BASE$3" >/dev/null
	local out
	out=$(wrk -t"$threads" -c"$2" -d"$DURATION" --latency -s "$4" "$BASE$3")
	local rps p50 p99 non2xx
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	printf '| %-34s | %5s | %9s | %8s | %8s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -d$DURATION"
echo "| request                            | conns |     req/s |      p50 |      p99 | non-2xx |"
echo "|------------------------------------|------:|----------:|---------:|---------:|--------:|"
measure "POST /micropub form create" 1 /micropub "$WORK/form.lua"
measure "POST /micropub form create" "$CONNECTIONS" /micropub "$WORK/form.lua"
measure "POST /micropub JSON create, 5 props" "$CONNECTIONS" /micropub "$WORK/json.lua"
measure "GET /micropub?q=source&url=" "$CONNECTIONS" "/micropub?q=source&url=$LOCATION" "$WORK/source.lua"
echo "notes: $(sqlite3 "$DATA/starpunk.db" 'SELECT count(*) FROM notes'), with properties: $(sqlite3 "$DATA/starpunk.db" 'SELECT count(*) FROM note_properties'), files: $(find "$DATA/notes" -name '*.md' | wc -l)"
