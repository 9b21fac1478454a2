#!/usr/bin/env bash
# The public pages against nginx and against a bare Spring Boot app (issue 16): at each
# size in SIZES, a fresh data directory of N published notes with tags (generate-notes.py
# --tags), and, one server at a time on 127.0.0.1, with wrk after a warm-up of each:
#
#   - StarPunk (JAR, and BEFORE_JAR when set, each on its own copy of the data): the home
#     page /, a permalink from the middle (/notes/note-<N/2>), a tag page /tags/TAG,
#     /feed.xml, /feed.atom, /feed.json and the tag's /tags/TAG/feed.xml; its start-up
#     time to the first /health 200 (polled every 50 ms; the first start on the new data
#     builds the search and tag indexes, so a restart is what is compared) and its
#     resident memory (peak during start-up, peak during the load, RSS after it;
#     /proc/PID/status);
#   - nginx serving, as static files at the same paths with the same content types, the
#     very bytes StarPunk served for each of those pages (fetched with curl, identity);
#   - scripts/bare-boot, Spring Boot with StarPunk's starters and one GET /health (once per
#     run), with its start-up, memory and /health throughput, against nginx serving its
#     two bytes.
#
# Prints a Markdown table per jar (each page's req/s, p50, p99, non-2xx, socket errors and
# ratio to nginx serving the same bytes), a table of start-up and memory, a before/after
# table when BEFORE_JAR is set, and PASS/MISS for each of issue 16's targets (a MISS does
# not fail the script). A page that does not answer 200 (no tag TAG, say) is named and not
# measured.
#
# Usage: scripts/benchmark.sh            (from anywhere in the repository)
#   SIZES=100 DURATION=3s WARMUP=2s scripts/benchmark.sh                     (a quick run)
#   BEFORE_JAR=/tmp/starpunk-old.jar scripts/benchmark.sh                    (before/after)
# Settings (environment): SIZES ("100 100000"), CONNECTIONS (64), DURATION (15s), WARMUP
#   (10s), THREADS (2), SETTLE (10, seconds after writing the data), TAG (coffee), JAR
#   (target/starpunk-*.jar, built when missing), BEFORE_JAR (none), SERVER_JAVA_OPTS
#   ("-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", as the container image), MALLOC_ARENA_MAX (2, as
#   the image), START_TIMEOUT (600 s). Needs python3, curl, wrk and nginx (wrk and
#   nginx-light are installed with apt-get when missing). Every server listens on 127.0.0.1 only; all are stopped and the
#   scratch folder removed when the script ends, however it ends.
set -euo pipefail

SIZES=${SIZES:-"100 100000"}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10s}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
TAG=${TAG:-coffee}
BEFORE_JAR=${BEFORE_JAR:-}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# shellcheck source=scripts/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

log() { echo "benchmark $(date -u +%T): $*" >&2; }
name_of() { if [[ $1 == jar ]]; then echo StarPunk; else echo "StarPunk $1"; fi; } # label

# --- nginx: one process (master_process off), one worker -----------------------------
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
	apt-get update -q && apt-get install -y -q nginx-light
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
NGINX_PID=""
NGINX_PORT=$(free_port)
stop_nginx() {
	local pid=$NGINX_PID
	NGINX_PID=""
	if [[ -n $pid ]]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}
trap 'stop_nginx; cleanup' EXIT

# start_nginx DIR: serves DIR/www with DIR/locations (one exact location per page, each
# mapped to its file with the content type StarPunk sent), until stop_nginx
start_nginx() {
	local dir=$1
	# nginx reads the files as whatever user it runs as
	chmod 755 "$WORK" "$dir" "$dir/www" && chmod 644 "$dir"/www/*
	cat >"$dir/nginx.conf" <<CONF
# One process that serves (master_process off: worker_processes is then not used): the
# floor is what one nginx worker does on this machine, with wrk's two threads on the same
# two cores, and its pid is the process that serves.
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	types { }
	client_body_temp_path $dir;
	proxy_temp_path $dir;
	fastcgi_temp_path $dir;
	uwsgi_temp_path $dir;
	scgi_temp_path $dir;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $dir/www;
$(cat "$dir/locations")
		location / { return 404; }
	}
}
CONF
	"$NGINX" -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log" &
	NGINX_PID=$!
	for _ in $(seq 1 100); do
		if curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; then return 0; fi
		kill -0 "$NGINX_PID" 2>/dev/null || break
		sleep 0.05
	done
	log "nginx did not start"
	cat "$dir/error.log" >&2
	exit 1
}

# --- the bare Spring Boot app (scripts/bare-boot), built when missing or older than its sources
BARE_DIR="$ROOT/scripts/bare-boot"
bare_jar() {
	local jars=("$BARE_DIR"/target/bare-boot-*.jar)
	if [[ -f ${jars[0]} ]]; then echo "${jars[0]}"; fi
}
BARE_JAR=$(bare_jar)
if [[ -z $BARE_JAR || -n $(find "$BARE_DIR/pom.xml" "$BARE_DIR/src" -newer "$BARE_JAR" -print -quit) ]]; then
	log "building scripts/bare-boot"
	(cd "$ROOT" && ./mvnw -B -ntp -q -f scripts/bare-boot/pom.xml package) >&2
	BARE_JAR=$(bare_jar)
fi
parent_version() { sed -n '/<parent>/,/<\/parent>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$1"; }
if [[ $(parent_version "$ROOT/pom.xml") != "$(parent_version "$BARE_DIR/pom.xml")" ]]; then
	log "warning: scripts/bare-boot/pom.xml's Spring Boot $(parent_version "$BARE_DIR/pom.xml") is not pom.xml's $(parent_version "$ROOT/pom.xml")"
fi

# --- figures -----------------------------------------------------------------------------
LABELS=()
JARS=()
if [[ -n $BEFORE_JAR ]]; then
	[[ -f $BEFORE_JAR ]] || { log "no such BEFORE_JAR: $BEFORE_JAR"; exit 1; }
	LABELS+=(before)
	JARS+=("$BEFORE_JAR")
	LABELS+=(after)
else
	LABELS+=(jar)
fi
JARS+=("$JAR")
read -r -a SIZE_LIST <<<"$(tr ' ' '\n' <<<"$SIZES" | sed '/^$/d' | sort -n | tr '\n' ' ')"
SMALL=${SIZE_LIST[0]}
LARGE=${SIZE_LIST[${#SIZE_LIST[@]} - 1]}
PAGES=(home permalink tag feed.xml feed.atom feed.json tag-feed.xml)

page_path() { # page notes
	case $1 in
	home) echo / ;;
	permalink) printf '/notes/note-%06d\n' $(($2 / 2)) ;;
	tag) echo "/tags/$TAG" ;;
	tag-feed.xml) echo "/tags/$TAG/feed.xml" ;;
	*) echo "/$1" ;;
	esac
}

declare -A FIG=()    # label|notes|page -> "req/s p50 p99 non-2xx errors bytes"
declare -A SKIP=()   # label|notes|page -> why it was not measured
declare -A FLOOR=()  # sha256 of the bytes -> nginx's "req/s p50 p99 non-2xx errors"
declare -A SHA=()    # label|notes|page -> sha256 of the bytes served
declare -A TYPE=()   # label|notes|page -> their Content-Type
declare -A PROC=()   # label|notes -> "start-up-ms start-peak-KiB load-peak-KiB after-KiB"
declare -A FIRST=()  # label|notes -> first start-up-ms, search and tag indexes built
NOTES=()

kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
# reset_peak PID: VmHWM from now on (clear_refs 5); says "no" when the kernel refused
reset_peak() { if echo 5 >"/proc/$1/clear_refs" 2>/dev/null; then echo yes; else echo no; fi; }
PEAK_RESET=yes

# fetch URL FILE: the body as served with no Accept-Encoding (identity); prints "status type"
fetch() { curl -s -o "$2" -w '%{http_code} %{content_type}' "$1" || echo "000 -"; }

# floor_for DIR KEY...: nginx serving each KEY's bytes (DIR/www/<n>, DIR/paths/<n>) once per
# distinct bytes; fills FLOOR
floor_for() {
	local dir=$1 need=() i path status type
	shift
	for i in "$@"; do [[ -n ${FLOOR[${SHA[$i]}]:-} ]] || need+=("$i"); done
	((${#need[@]} > 0)) || return 0
	start_nginx "$dir"
	for i in "${need[@]}"; do
		[[ -n ${FLOOR[${SHA[$i]}]:-} ]] && continue
		path=$(cat "$dir/paths/${i//|/_}")
		# nginx must send what StarPunk sent: the same bytes, the same Content-Type
		read -r status type <<<"$(fetch "http://127.0.0.1:$NGINX_PORT$path" "$dir/check")"
		if [[ $status != 200 || $type != "${TYPE[$i]}" || $(sha256sum <"$dir/check" | cut -d' ' -f1) != "${SHA[$i]}" ]]; then
			log "warning: nginx's $path is not StarPunk's: $status, $type (StarPunk: ${TYPE[$i]})"
		fi
		log "nginx $path (bytes of $i)"
		FLOOR[${SHA[$i]}]=$(wrk_at "$CONNECTIONS" "http://127.0.0.1:$NGINX_PORT$path")
		[[ -n ${FLOOR[${SHA[$i]}]} ]] || FLOOR[${SHA[$i]}]="n/a"
	done
	stop_nginx
}

# served KEY PATH DIR: fetches PATH from the running server into DIR for nginx; returns 1
# (and records why in SKIP) unless it answered 200
served() {
	local key=$1 path=$2 dir=$3 file status type
	file="$dir/www/${key//|/_}"
	read -r status type <<<"$(fetch "$BASE$path" "$file")"
	if [[ $status != 200 ]]; then
		SKIP[$key]="GET $path answered $status"
		if [[ $status == 404 && $path == */tags/* ]]; then
			SKIP[$key]+=" (no public note tagged '$TAG': set TAG, or generate with --tags)"
		fi
		rm -f "$file"
		return 1
	fi
	SHA[$key]=$(sha256sum "$file" | cut -d' ' -f1)
	TYPE[$key]=${type:-application/octet-stream}
	echo "$path" >"$dir/paths/${key//|/_}"
	printf '\t\tlocation = %s { default_type "%s"; try_files /%s =404; }\n' "$path" "${TYPE[$key]}" "${key//|/_}" >>"$dir/locations"
}

new_floor_dir() { # name: an empty folder for nginx's files
	local dir="$WORK/nginx-$1"
	rm -rf "$dir"
	mkdir -p "$dir/www" "$dir/paths"
	: >"$dir/locations"
	echo "$dir"
}

# the bare app: start-up, /health, memory; nginx serving its two bytes
log "bare Boot: $BARE_JAR"
start_server "$WORK" "$WORK/bare.log" "$BARE_JAR"
bare_start_peak=$(kib "$SERVER" VmHWM)
PEAK_RESET=$(reset_peak "$SERVER")
dir=$(new_floor_dir bare)
served "bare|0|health" /health "$dir" || { log "bare Boot: ${SKIP["bare|0|health"]}"; exit 1; }
log "bare Boot /health"
FIG["bare|0|health"]="$(wrk_at "$CONNECTIONS" "$BASE/health") 2"
PROC["bare|0"]="$STARTUP_MS $bare_start_peak $(kib "$SERVER" VmHWM) $(kib "$SERVER" VmRSS)"
stop_server
floor_for "$dir" "bare|0|health"

for N in "${SIZE_LIST[@]}"; do
	template="$WORK/data-$N"
	log "$N notes: writing them"
	# the oldest jar's schema: a newer jar migrates its copy when it starts
	DATA_PATH=$template java -jar "${JARS[0]}" --migrate-only >/dev/null
	python3 "$ROOT/scripts/generate-notes.py" "$template" "$N" --tags
	for j in "${!JARS[@]}"; do
		label=${LABELS[$j]}
		data="$WORK/run-$j-$N"
		if ((j == ${#JARS[@]} - 1)); then mv "$template" "$data"; else cp -a "$template" "$data"; fi
		# let the kernel write the files back before measuring, or the writeback of 100,000
		# files competes with the server for the two cores
		sync
		sleep "${SETTLE:-10}"
		# the first start builds the search and tag indexes of notes written behind the
		# server's back; a restart is what a running site meets, and what is compared
		log "$(name_of "$label"), $N notes: first start of ${JARS[$j]}"
		start_server "$data" "$WORK/server-$j-$N-first.log" "${JARS[$j]}"
		FIRST["$label|$N"]=$STARTUP_MS
		stop_server
		log "$(name_of "$label"), $N notes: restart"
		start_server "$data" "$WORK/server-$j-$N.log" "${JARS[$j]}"
		start_peak=$(kib "$SERVER" VmHWM)
		PEAK_RESET=$(reset_peak "$SERVER")
		dir=$(new_floor_dir "$j-$N")
		measured=()
		for page in "${PAGES[@]}"; do
			key="$label|$N|$page"
			path=$(page_path "$page" "$N")
			if ! served "$key" "$path" "$dir"; then
				log "$(name_of "$label"), $N notes: ${SKIP[$key]}: not measured"
				continue
			fi
			log "$(name_of "$label"), $N notes: $path"
			FIG[$key]="$(wrk_at "$CONNECTIONS" "$BASE$path") $(stat -c %s "$dir/www/${key//|/_}")"
			[[ ${FIG[$key]} == *" "*" "* ]] || FIG[$key]="n/a"
			measured+=("$key")
		done
		PROC["$label|$N"]="$STARTUP_MS $start_peak $(kib "$SERVER" VmHWM) $(kib "$SERVER" VmRSS)"
		stop_server
		# $data stays until the end: removing 100,000 files takes minutes of the disk
		if ((${#measured[@]} > 0)); then floor_for "$dir" "${measured[@]}"; fi
	done
	NOTES+=("$N")
done

# --- report ------------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN {printf "%d MiB", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2fx", a / b}'; }
to_ms() { # a wrk latency (850.00us, 12.34ms, 1.20s) in milliseconds
	awk -v v="$1" 'BEGIN {if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0;
		else if (v ~ /s$/) print v * 1000; else if (v ~ /m$/) print v * 60000; else print ""}'
}
field() { # "figures" n: the n-th (1-based) of space-separated figures
	local f
	read -r -a f <<<"$1"
	echo "${f[$(($2 - 1))]:-}"
}
floor_of() { # key: nginx's figures for that key's bytes
	echo "${FLOOR[${SHA[$1]:-none}]:-}"
}

page_table() { # label
	local label=$1 n page key f ng
	echo
	echo "### $(name_of "$label"): $(basename "${JARS[$2]}")"
	echo
	echo "|   notes | page         | path                   |  bytes |     req/s |      p50 |      p99 | non-2xx | errors | nginx req/s | vs nginx |"
	echo "|--------:|--------------|------------------------|-------:|----------:|---------:|---------:|--------:|-------:|------------:|---------:|"
	for n in "${NOTES[@]}"; do
		for page in "${PAGES[@]}"; do
			key="$label|$n|$page"
			if [[ -n ${SKIP[$key]:-} ]]; then
				printf '| %7s | %-12s | %-22s | %6s | %9s | %8s | %8s | %7s | %6s | %11s | %8s |\n' \
					"$n" "$page" "$(page_path "$page" "$n")" - "not run" - - - - - -
				continue
			fi
			f=${FIG[$key]:-n/a}
			ng=$(floor_of "$key")
			if [[ $f == n/a ]]; then
				printf '| %7s | %-12s | %-22s | %6s | %9s | %8s | %8s | %7s | %6s | %11s | %8s |\n' \
					"$n" "$page" "$(page_path "$page" "$n")" - "wrk: none" - - - - "$(field "$ng" 1)" -
				continue
			fi
			printf '| %7s | %-12s | %-22s | %6s | %9s | %8s | %8s | %7s | %6s | %11s | %8s |\n' \
				"$n" "$page" "$(page_path "$page" "$n")" "$(field "$f" 6)" "$(field "$f" 1)" "$(field "$f" 2)" \
				"$(field "$f" 3)" "$(field "$f" 4)" "$(field "$f" 5)" "$(field "$ng" 1)" \
				"$(ratio "$(field "$f" 1)" "$(field "$ng" 1)")"
		done
	done
	for n in "${NOTES[@]}"; do
		for page in "${PAGES[@]}"; do
			if [[ -n ${SKIP["$label|$n|$page"]:-} ]]; then echo "- not run at $n notes: ${SKIP["$label|$n|$page"]}"; fi
		done
	done
}

echo
echo "## Pages against nginx: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up of each row; sizes: ${SIZE_LIST[*]} notes (tag: $TAG);" \
	"SERVER_JAVA_OPTS=\"$SERVER_JAVA_OPTS\" MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; $(java -version 2>&1 | head -1);" \
	"$("$NGINX" -v 2>&1), 1 process"
for j in "${!JARS[@]}"; do page_table "${LABELS[$j]}" "$j"; done

bf=${FIG["bare|0|health"]:-}
bng=$(floor_of "bare|0|health")
echo
echo "bare Boot GET /health: $(field "$bf" 1) req/s (p50 $(field "$bf" 2), p99 $(field "$bf" 3), non-2xx $(field "$bf" 4));" \
	"nginx serving the same 2 bytes: $(field "$bng" 1) req/s; ratio $(ratio "$(field "$bf" 1)" "$(field "$bng" 1)")"
echo
echo "Start-up (process start to the first /health 200, polled every 50 ms; StarPunk's restart, and its first start on the"
echo "new data, which builds the search and tag indexes) and resident memory"
echo "(VmHWM and VmRSS from /proc; the peak under load is since the end of start-up$([[ $PEAK_RESET == yes ]] || echo ', NOT reset: the kernel refused clear_refs, so it is the peak since start')):"
echo
echo "| process         |   notes |  start-up | vs bare Boot | first start | peak at start-up | peak under load | RSS after load |"
echo "|-----------------|--------:|----------:|-------------:|------------:|-----------------:|----------------:|---------------:|"
proc_row() { # name notes figures first-start-ms
	local first=$4
	[[ $first == - ]] || first="$first ms"
	printf '| %-15s | %7s | %6s ms | %12s | %11s | %16s | %15s | %14s |\n' "$1" "$2" "$(field "$3" 1)" \
		"$(ratio "$(field "$3" 1)" "$(field "${PROC["bare|0"]}" 1)")" "$first" "$(mib "$(field "$3" 2)")" \
		"$(mib "$(field "$3" 3)")" "$(mib "$(field "$3" 4)")"
}
proc_row "bare Boot" - "${PROC["bare|0"]}" -
for j in "${!JARS[@]}"; do
	for n in "${NOTES[@]}"; do proc_row "$(name_of "${LABELS[$j]}")" "$n" "${PROC[${LABELS[$j]}|$n]}" "${FIRST[${LABELS[$j]}|$n]}"; done
done

if [[ -n $BEFORE_JAR ]]; then
	echo
	echo "Before ($(basename "$BEFORE_JAR")) and after ($(basename "$JAR")), this run:"
	echo
	echo "|   notes | page         | before req/s | after req/s | change | before vs nginx | after vs nginx |"
	echo "|--------:|--------------|-------------:|------------:|-------:|----------------:|---------------:|"
	for n in "${NOTES[@]}"; do
		for page in "${PAGES[@]}"; do
			b=$(field "${FIG["before|$n|$page"]:-}" 1)
			a=$(field "${FIG["after|$n|$page"]:-}" 1)
			printf '| %7s | %-12s | %12s | %11s | %6s | %15s | %14s |\n' "$n" "$page" "${b:--}" "${a:--}" \
				"$(awk -v a="$a" -v b="$b" 'BEGIN {if (a == "" || b == "" || b == 0) print "n/a"; else printf "%+.0f%%", (a / b - 1) * 100}')" \
				"$(ratio "$b" "$(field "$(floor_of "before|$n|$page")" 1)")" \
				"$(ratio "$a" "$(field "$(floor_of "after|$n|$page")" 1)")"
		done
	done
fi

# --- targets (issue 16) --------------------------------------------------------------------
verdict() { # "awk condition on a and b" a b text
	if [[ -z $2 || -z $3 || $2 == n/a || $3 == n/a ]]; then
		echo "- n/a:  $4 (not measured)"
	elif awk -v a="$2" -v b="$3" "BEGIN {exit !($1)}"; then
		echo "- PASS: $4"
	else
		echo "- MISS: $4"
	fi
}
label=${LABELS[${#LABELS[@]} - 1]}
echo
echo "Targets (issue 16), $(name_of "$label"); a MISS does not fail the script:"
for page in "${PAGES[@]}"; do
	f=${FIG["$label|$SMALL|$page"]:-}
	a=$(field "$f" 1)
	b=$(field "$(floor_of "$label|$SMALL|$page")" 1)
	verdict "a >= 0.6 * b" "$a" "$b" "$page at $SMALL notes >= 0.6x nginx: $(ratio "$a" "$b")"
done
if ((LARGE != SMALL)); then
	for page in "${PAGES[@]}"; do
		s=${FIG["$label|$SMALL|$page"]:-}
		l=${FIG["$label|$LARGE|$page"]:-}
		verdict "a >= 0.8 * b" "$(field "$l" 1)" "$(field "$s" 1)" \
			"$page req/s at $LARGE notes within 20% of $SMALL: $(field "$l" 1) against $(field "$s" 1)"
		verdict "a <= 1.2 * b" "$(to_ms "$(field "$l" 3)")" "$(to_ms "$(field "$s" 3)")" \
			"$page p99 at $LARGE notes within 20% of $SMALL: $(field "$l" 3) against $(field "$s" 3)"
	done
fi
for n in "${NOTES[@]}"; do
	for page in "${PAGES[@]}"; do
		p99=$(field "${FIG["$label|$n|$page"]:-}" 3)
		verdict "a <= b" "$(to_ms "$p99")" 20 "$page p99 at $n notes, $CONNECTIONS connections <= 20 ms: ${p99:-n/a}"
	done
done
for n in "${NOTES[@]}"; do
	p=${PROC["$label|$n"]}
	peak=$(field "$p" 2)
	if (($(field "$p" 3) > peak)); then peak=$(field "$p" 3); fi
	verdict "a <= b" "$peak" $((256 * 1024)) "resident peak at $n notes <= 256 MiB: $(mib "$peak")"
	verdict "a <= b" "$(field "$p" 4)" $((256 * 1024)) "resident after the load at $n notes <= 256 MiB: $(mib "$(field "$p" 4)")"
done
st_small=$(field "${PROC["$label|$SMALL"]}" 1)
st_bare=$(field "${PROC["bare|0"]}" 1)
verdict "a <= 1.3 * b" "$st_small" "$st_bare" "restart at $SMALL notes <= 1.3x bare Boot: $st_small ms against $st_bare ms"
if ((LARGE != SMALL)); then
	st_large=$(field "${PROC["$label|$LARGE"]}" 1)
	verdict "a <= 1.2 * b" "$st_large" "$st_small" "restart at $LARGE notes within 20% of $SMALL: $st_large ms against $st_small ms"
fi
