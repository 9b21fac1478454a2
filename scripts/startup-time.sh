#!/usr/bin/env bash
# Measures how long the server takes from process start to its first
# `GET /health` 200, as the median of RUNS starts, on
#   (a) a fresh, empty DATA_PATH and
#   (b) a fresh copy of the StarPunk v0.9.5 fixture, upgraded by each start,
# for
#   - the fat jar on the default JDK (`java` on the PATH, or JAVA_HOME), and,
#     when a JDK 25 is found (JAVA25_HOME, or /usr/lib/jvm/temurin-25-jdk*),
#   - the extracted jar on JDK 25 without an AOT cache, and
#   - the extracted jar on JDK 25 with an AOT cache trained as in the Dockerfile.
#
# Usage: scripts/startup-time.sh        (from anywhere in the repository)
# Settings (environment): RUNS (5), POLL_INTERVAL (0.05 s), START_TIMEOUT (120 s),
#   JAVA25_HOME, SKIP_AOT=1 (only the fat jar).
# The servers listen on 127.0.0.1 only, on free ports, and are stopped when the
# script ends, however it ends. The jar is built first if it is missing.
set -euo pipefail

RUNS=${RUNS:-5}
POLL_INTERVAL=${POLL_INTERVAL:-0.05}
START_TIMEOUT=${START_TIMEOUT:-120}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FIXTURE="$ROOT/src/test/resources/starpunk-legacy/v0.9.5"

die() {
	echo "startup-time: $*" >&2
	exit 1
}

command -v curl >/dev/null || die "curl is needed"
[[ -d $FIXTURE ]] || die "fixture not found: $FIXTURE"

if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
	JAVA=$JAVA_HOME/bin/java
else
	JAVA=$(command -v java) || die "no java on the PATH and no JAVA_HOME"
fi

JAVA25=
if [[ ${SKIP_AOT:-0} != 1 ]]; then
	for home in ${JAVA25_HOME:-} /usr/lib/jvm/temurin-25-jdk*; do
		if [[ -x $home/bin/java ]] && "$home/bin/java" -version 2>&1 | grep -q 'version "25'; then
			JAVA25=$home/bin/java
			break
		fi
	done
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/startup-time.XXXXXX")
SERVER_PID=

stop_server() {
	local pid=$SERVER_PID
	SERVER_PID=
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do # up to 10 s for the graceful shutdown
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
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the jar ------------------------------------------------------------------
shopt -s nullglob
jars=("$ROOT"/target/starpunk-*.jar)
if ((${#jars[@]} == 0)); then
	echo "Building the jar (./mvnw -q -DskipTests package) ..."
	(cd "$ROOT" && ./mvnw -q -DskipTests package)
	jars=("$ROOT"/target/starpunk-*.jar)
fi
shopt -u nullglob
((${#jars[@]} == 1)) || die "expected one target/starpunk-*.jar, found: ${jars[*]:-none}"
JAR=${jars[0]}

# --- measuring ----------------------------------------------------------------
now_ms() {
	local ns
	ns=$(date +%s%N)
	echo $((ns / 1000000))
}

free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 20000))
		# nothing answers on it: free (for a moment, which is enough here)
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free port found"
}

# start_once DIR DATA_DIR JAVA [JVM options...] -- [jar and arguments...]
# Starts the server in DIR, sets ELAPSED to the milliseconds to the first /health
# 200, and stops it. (Not run in a $(subshell): the EXIT trap must see SERVER_PID.)
ELAPSED=
start_once() {
	local dir=$1 data=$2 java=$3
	shift 3
	local port log jtmp start code
	port=$(free_port)
	log="$WORK/server-$port.log"
	jtmp="$WORK/jtmp-$port"
	mkdir -p "$jtmp"
	start=$(now_ms)
	(cd "$dir" && DATA_PATH=$data PORT=$port exec "$java" -Djava.io.tmpdir="$jtmp" "$@" \
		--server.address=127.0.0.1) >"$log" 2>&1 &
	SERVER_PID=$!
	while :; do
		code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
		if [[ $code == 200 ]]; then
			ELAPSED=$(($(now_ms) - start))
			break
		fi
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			tail -20 "$log" >&2
			die "the server exited before answering /health (log above)"
		fi
		if (($(now_ms) - start > START_TIMEOUT * 1000)); then
			tail -20 "$log" >&2
			die "no /health 200 within ${START_TIMEOUT}s (log above)"
		fi
		sleep "$POLL_INTERVAL"
	done
	stop_server
	rm -rf "$jtmp"
}

median() {
	printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

ROWS=()

# measure LABEL DIR JAVA [JVM options...] -- jar...: RUNS starts on each kind of data
measure() {
	local label=$1 dir=$2 java=$3
	shift 3
	local kind times data i
	for kind in empty v0.9.5; do
		times=()
		for ((i = 1; i <= RUNS; i++)); do
			data="$WORK/data-$kind-$i"
			rm -rf "$data"
			if [[ $kind == empty ]]; then
				mkdir -p "$data"
			else
				cp -R "$FIXTURE" "$data"
			fi
			start_once "$dir" "$data" "$java" "$@"
			rm -rf "$data"
			times+=("$ELAPSED")
		done
		ROWS+=("$(printf '%-36s %-8s %8s   %s' "$label" "$kind" "$(median "${times[@]}")" "${times[*]}")")
		echo "  $label, $kind: ${times[*]} ms" >&2
	done
}

echo "Load before: $(uptime)"
echo "Default JDK: $("$JAVA" -version 2>&1 | head -1)"
[[ -n $JAVA25 ]] && echo "JDK 25:      $("$JAVA25" -version 2>&1 | head -1) ($JAVA25)"
echo "Jar:         $JAR"
echo "Runs:        $RUNS per row, polling every ${POLL_INTERVAL}s"
echo

echo "Measuring the fat jar on the default JDK ..." >&2
measure "fat jar, default JDK" "$ROOT" "$JAVA" -jar "$JAR"

if [[ -n $JAVA25 ]]; then
	# The same steps as the Dockerfile: extract, then one training start from the
	# directory and jar path used afterwards, on a throwaway data directory.
	APP="$WORK/app"
	"$JAVA25" -Djarmode=tools -jar "$JAR" extract --destination "$APP" --application-filename app.jar >/dev/null
	mkdir -p "$WORK/aot-training/tmp"
	echo "Training the AOT cache ..." >&2
	(cd "$APP" && DATA_PATH="$WORK/aot-training" exec "$JAVA25" -XX:AOTCacheOutput=app.aot \
		--enable-native-access=ALL-UNNAMED -Djava.io.tmpdir="$WORK/aot-training/tmp" \
		-Dspring.context.exit=onRefresh -jar app.jar) >"$WORK/aot-training.log" 2>&1 ||
		{ tail -20 "$WORK/aot-training.log" >&2; die "the AOT training run failed"; }
	rm -rf "$WORK/aot-training"
	# AOTMode=on fails instead of starting without the cache: prove it is usable
	mkdir -p "$WORK/aot-check"
	(cd "$APP" && DATA_PATH="$WORK/aot-check" exec "$JAVA25" -XX:AOTCache=app.aot -XX:AOTMode=on \
		--enable-native-access=ALL-UNNAMED -Djava.io.tmpdir="$WORK/aot-check" -jar app.jar --migrate-only) \
		>"$WORK/aot-check.log" 2>&1 ||
		{ tail -20 "$WORK/aot-check.log" >&2; die "the AOT cache is not usable"; }
	rm -rf "$WORK/aot-check"

	echo "Measuring the extracted jar on JDK 25 ..." >&2
	measure "extracted, JDK 25, no AOT cache" "$APP" "$JAVA25" \
		--enable-native-access=ALL-UNNAMED -jar app.jar
	measure "extracted, JDK 25, AOT cache" "$APP" "$JAVA25" \
		-XX:AOTCache=app.aot --enable-native-access=ALL-UNNAMED -jar app.jar
else
	echo "(no JDK 25 found: set JAVA25_HOME to measure the AOT cache)"
fi

echo
printf '%-36s %-8s %8s   %s\n' "variant" "data" "median" "all runs (ms to first /health 200)"
printf '%s\n' "${ROWS[@]}"
echo
echo "Load after:  $(uptime)"
