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

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

start_with_token create

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
	local figures
	read -r -a figures <<<"$(wrk_figures "$2" "$3" "$4")"
	printf '| %-34s | %5s | %9s | %8s | %8s | %s |\n' "$1" "$2" "${figures[@]}"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -d$DURATION"
echo "| request                            | conns |     req/s |      p50 |      p99 | non-2xx |"
echo "|------------------------------------|------:|----------:|---------:|---------:|--------:|"
measure "POST /micropub form create" 1 /micropub "$WORK/form.lua"
measure "POST /micropub form create" "$CONNECTIONS" /micropub "$WORK/form.lua"
measure "POST /micropub JSON create, 5 props" "$CONNECTIONS" /micropub "$WORK/json.lua"
measure "GET /micropub?q=source&url=" "$CONNECTIONS" "/micropub?q=source&url=$LOCATION" "$WORK/source.lua"
echo "notes: $(sqlite3 "$DATA/starpunk.db" 'SELECT count(*) FROM notes'), with properties: $(sqlite3 "$DATA/starpunk.db" 'SELECT count(*) FROM note_properties'), files: $(find "$DATA/notes" -name '*.md' | wc -l)"
