#!/usr/bin/env bash
# Full-text search and tag pages at N notes (default 10,000), with wrk on loopback, against
# a floor: nginx serving the bytes of one search result page, measured in the same run with
# the same wrk settings. Prints one table row per measurement, the ratio of each to the
# floor, the server's start-up time (which includes building the search and tag indexes
# from nothing) and its resident memory after the runs.
#
#   - /search: a mix of 24 queries, one after another, over notes written as prose
#     (generate-notes.py --prose: Zipf's word frequencies, each query word in a fixed
#     share of the notes): words, stems ("running"), accents ("café"), phrases, a word in
#     every note ("note", the worst case: 10,000 matches ranked), and hostile FTS5 syntax
#     ("unbalanced, AND, *, NEAR(, -, a:b, ...) that must be searched literally or refused
#     with 400, never 500;
#   - /api/search: the same mix as JSON (limit 20);
#   - both mixes again with every request new to the server's cache of result pages (a
#     tail of punctuation that counts the requests, never a search term), so that each is
#     searched: the cost of a search, where the rows above are what a visitor repeating
#     or paging meets;
#   - three single queries, never cached: a rare word (webmention, 0.5% of the notes), a common one
#     (coffee, 10%) and the worst case (note, every note);
#   - /tags/coffee: a tag's first page (h-feed, 20 notes of about 1,900);
#   - / : the home page, the site's own page of 20 notes, for comparison;
#   - nginx: the bytes of /search?q=coffee, as a static file.
#
# Every answer's status is counted (2xx / 4xx / 5xx); any 5xx is a bug.
#
# Usage: scripts/search-benchmark.sh      (from anywhere in the repository)
# Settings (environment): N (10000), DURATION (15s), CONNECTIONS (16), THREADS (2),
#   WARMUP (10s), SETTLE (10). Needs python3, wrk and nginx (installed with apt-get when
# missing). Every server listens on 127.0.0.1 only and is stopped when the script ends.
set -euo pipefail

N=${N:-10000}
WARMUP=${WARMUP:-10s}
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
	apt-get update -q && apt-get install -y -q nginx-light
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
NGINX_PID=""
stop_nginx() { [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true; }
trap 'stop_nginx; cleanup' EXIT

QUERIES=(coffee "garden+river" running "caf%C3%A9" "indieweb+micropub" "%22music+winter%22" webmention
	bicycle "letter+summer" "java+spring" "note" "sqlite"
	"%22unbalanced" AND "*" "NEAR(" "-" "a%3Ab" "title%3Acoffee" "coffee+OR+river" "NOT+garden" "(garden"
	"%5Ex" "coffee*")
# a wrk script that counts every answer's status class, and prints them when done
cat >"$WORK/plain.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) c2 = 0; c4 = 0; c5 = 0 end
function response(status, headers, body)
	if status >= 500 then c5 = c5 + 1 elseif status >= 400 then c4 = c4 + 1 else c2 = c2 + 1 end
end
function done(summary, latency, requests)
	local a, b, c = 0, 0, 0
	for _, t in ipairs(threads) do a = a + t:get("c2"); b = b + t:get("c4"); c = c + t:get("c5") end
	io.write(string.format("STATUS %d %d %d\n", a, b, c))
end
LUA
lua_mix() { # prefix [unique]: the counting script, cycling through the queries; with
	# "unique", each query is made new by a tail of punctuation that counts the requests
	# (never a term, so the results are the same), which the server's cache of result
	# pages has never seen: every request is searched
	cat "$WORK/plain.lua"
	local paths=""
	for q in "${QUERIES[@]}"; do paths+="\"$1$q\","; done
	cat <<LUA
local paths = {${paths}}
local i = 0
local n = 0
local unique = "${2:-}" == "unique"
local marks = {".", ",", ";", "!"}
local function tail(k)
	local s = "+"
	repeat s = s .. marks[k % 4 + 1]; k = math.floor(k / 4) until k == 0
	return s
end
function init(args)
	c2 = 0; c4 = 0; c5 = 0
	n = math.random(1, 100000000)
end
function request()
	i = i % #paths + 1
	n = n + 1
	return wrk.format("GET", paths[i] .. (unique and tail(n) or ""))
end
LUA
}
lua_mix "/search?q=" >"$WORK/search.lua"
lua_mix "/api/search?q=" >"$WORK/api.lua"
lua_mix "/search?q=" unique >"$WORK/search-unique.lua"
lua_mix "/api/search?q=" unique >"$WORK/api-unique.lua"
single() { # query: that one query, made new at each request as above
	local saved=("${QUERIES[@]}")
	QUERIES=("$1")
	lua_mix "/search?q=" unique
	QUERIES=("${saved[@]}")
}

# figures BASE_URL PATH SCRIPT: "req/s p50 p99 2xx 4xx 5xx" after a warm-up
figures() {
	local threads=$((THREADS < CONNECTIONS ? THREADS : CONNECTIONS))
	wrk -t"$threads" -c"$CONNECTIONS" -d"$WARMUP" -s "$3" "$1$2" >/dev/null
	local out
	out=$(wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" "$1$2")
	echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out")" \
		"$(awk '$1 == "99%" {print $2}' <<<"$out") $(awk '/^STATUS/ {print $2, $3, $4}' <<<"$out")"
}

DATA="$WORK/data"
DATA_PATH=$DATA java -jar "$JAR" --migrate-only >/dev/null
python3 "$ROOT/scripts/generate-notes.py" "$DATA" "$N" --tags --prose
sync
sleep "${SETTLE:-10}"
started=$(date +%s%N)
start_server "$DATA" "$WORK/server.log"
startup_ms=$((($(date +%s%N) - started) / 1000000))

# the floor: the same bytes as /search?q=coffee, from nginx
mkdir -p "$WORK/www" "$WORK/nginx"
curl -fs "$BASE/search?q=coffee" -o "$WORK/www/search.html"
NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
chmod 755 "$WORK" "$WORK/www" && chmod 644 "$WORK/www/search.html"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx;
	proxy_temp_path $WORK/nginx;
	fastcgi_temp_path $WORK/nginx;
	uwsgi_temp_path $WORK/nginx;
	scgi_temp_path $WORK/nginx;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location / { root $WORK/www; default_type text/html; }
	}
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/search.html" >/dev/null && break; sleep 0.1; done

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); $N notes;" \
	"wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $(java -version 2>&1 | head -1)"
floor=$(figures "http://127.0.0.1:$NGINX_PORT" /search.html "$WORK/plain.lua")
floor_rps=${floor%% *}
echo "| request                                        |     req/s |      p50 |      p99 |   2xx |   4xx | 5xx | vs nginx |"
echo "|------------------------------------------------|----------:|---------:|---------:|------:|------:|----:|---------:|"
row() { # name figures...
	local name=$1
	shift
	printf '| %-46s | %9s | %8s | %8s | %5s | %5s | %3s | %8s |\n' "$name" "$1" "$2" "$3" "$4" "$5" "$6" \
		"$(python3 -c "print(f'{$1/$floor_rps:.2f}x')")"
}
read -r -a f <<<"$floor"
row "nginx: the bytes of /search" "${f[@]}"
read -r -a f <<<"$(figures "$BASE" / "$WORK/search.lua")"
row "/search, 24-query mix" "${f[@]}"
read -r -a f <<<"$(figures "$BASE" / "$WORK/api.lua")"
row "/api/search, 24-query mix" "${f[@]}"
read -r -a f <<<"$(figures "$BASE" / "$WORK/search-unique.lua")"
row "/search, mix, never cached" "${f[@]}"
read -r -a f <<<"$(figures "$BASE" / "$WORK/api-unique.lua")"
row "/api/search, mix, never cached" "${f[@]}"
for q in webmention coffee note; do
	single "$q" >"$WORK/single-$q.lua"
	read -r -a f <<<"$(figures "$BASE" / "$WORK/single-$q.lua")"
	row "/search?q=$q, never cached ($(curl -fs "$BASE/api/search?q=$q&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') hits)" "${f[@]}"
done
read -r -a f <<<"$(figures "$BASE" /tags/coffee "$WORK/plain.lua")"
row "/tags/coffee (first page)" "${f[@]}"
read -r -a f <<<"$(figures "$BASE" / "$WORK/plain.lua")"
row "/ (home page, for comparison)" "${f[@]}"
echo
echo "start-up with $N notes, search and tag indexes built from nothing: ${startup_ms} ms to /health"
grep -iE 'search index|tags? index|reindex|reconcil' "$WORK/server.log" | sed 's/^/    log: /' | head -5 || true
echo "server resident memory after the runs: $(($(ps -o rss= -p "$SERVER") / 1024)) MiB (VmHWM $(awk '/VmHWM/ {print int($2/1024)}' /proc/"$SERVER"/status) MiB)"
