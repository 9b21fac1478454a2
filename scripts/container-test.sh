#!/usr/bin/env bash
# Builds the container image from the unmodified Dockerfile and runs it, to prove what the
# README's "Running the container" section promises: one PASS or FAIL line per check, then
# the figures (build time, image size, start-up with and without the AOT cache, resident
# memory). Exits 1 when a check fails.
#
#   sudo scripts/container-test.sh                           # run every check
#   sudo scripts/container-test.sh --record docs/container.md  # and write the figures there
#
# It uses whatever OCI tool is present:
# - Docker, where an engine answers (`docker info`);
# - otherwise buildah (Debian's package, installed when missing): vfs storage in a temporary
#   folder removed on exit, chroot isolation, `bud --format docker` so that the HEALTHCHECK is
#   kept. Containers run with `buildah from` + `buildah run`, given the image's own
#   entrypoint, user and environment, on the host's network, bound to 127.0.0.1.
# Where the eclipse-temurin images cannot be pulled, it makes local images of those names
# from a minimal Debian root (debootstrap --variant=minbase bookworm, kept in
# $CONTAINER_CACHE) and the installed Temurin 25 ($TEMURIN_HOME), so the Dockerfile itself is
# never changed to suit the test.
#
# For working on this script: CONTAINER_TEST_REUSE=DIR keeps buildah's storage in DIR and
# reuses an image built there before (the build time is then not measured).
#
# Needs root (buildah's storage, chown to the image's uid, a memory cgroup), python3 and curl.
# Every server it starts listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)

RECORD=
while [ $# -gt 0 ]; do
	case "$1" in
	--record) RECORD=$2; shift 2 ;;
	*) echo "usage: $0 [--record FILE]" >&2; exit 2 ;;
	esac
done

TEMURIN_HOME=${TEMURIN_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
CONTAINER_CACHE=${CONTAINER_CACHE:-/var/cache/starpunk-container-test}
IMAGE=localhost/starpunk:container-test
APP_UID=10001
MEMORY_LIMIT_MB=256
FIXTURES=src/test/resources/starpunk-legacy
LEGACY_FIXTURE=v1.0.0
LATEST_FIXTURE=v1.5.0

[ "$(id -u)" = 0 ] || { echo "container-test: run as root (buildah storage, chown to uid $APP_UID, cgroups)" >&2; exit 2; }

log() { printf '%s container-test: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

FAILED=0
RESULTS=()
pass() { RESULTS+=("PASS $1"); echo "PASS $1"; }
fail() { RESULTS+=("FAIL $1"); echo "FAIL $1"; FAILED=1; }
check() { # check NAME COMMAND...: PASS when the command succeeds
	local name=$1; shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# --- tools -------------------------------------------------------------------------------

apt_install() {
	local missing=()
	for pair in "$@"; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q >/dev/null
		apt-get install -y -q "${missing[@]}" >/dev/null
	fi
}

if docker info >/dev/null 2>&1; then
	ENGINE=docker
else
	ENGINE=buildah
	apt_install buildah:buildah debootstrap:debootstrap
fi
apt_install curl:curl python3:python3
log "engine: $ENGINE"

WORK=$(mktemp -d /var/tmp/starpunk-container-test.XXXXXX)
chmod 755 "$WORK"
REUSE=${CONTAINER_TEST_REUSE:-}
STORAGE_DIR=${REUSE:-$WORK}
STORAGE=(--root "$STORAGE_DIR/storage" --runroot "$STORAGE_DIR/run" --storage-driver vfs)
export BUILDAH_ISOLATION=chroot
RUNNING=() # "name pid" of containers still running
CGROUP=

bh() { buildah "${STORAGE[@]}" "$@"; }

cleanup() {
	set +e
	for entry in "${RUNNING[@]+"${RUNNING[@]}"}"; do
		stop_container "${entry%% *}" KILL >/dev/null 2>&1
	done
	if [ "$ENGINE" = buildah ]; then
		bh rm --all >/dev/null 2>&1
		[ -n "$REUSE" ] || bh rmi --all --force >/dev/null 2>&1
		# vfs keeps plain directories; anything still mounted below the storage goes first
		grep -o " $WORK[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
	else
		docker rm -f $(docker ps -aq --filter label=starpunk-container-test) >/dev/null 2>&1
		docker rmi "$IMAGE" >/dev/null 2>&1
	fi
	[ -n "$CGROUP" ] && rmdir "$CGROUP" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- base images -------------------------------------------------------------------------

# The names the Dockerfile builds FROM, made locally where they cannot be pulled: Debian
# bookworm minbase with Temurin 25 at /opt/java/openjdk, as Temurin's images have it (the JRE
# made with jlink from the JDK, without the development tools).
make_base_images() {
	local jdk_ref=docker.io/library/eclipse-temurin:25-jdk jre_ref=docker.io/library/eclipse-temurin:25-jre
	if timeout 60 bh pull -q "$jdk_ref" >/dev/null 2>&1 && timeout 60 bh pull -q "$jre_ref" >/dev/null 2>&1; then
		log "pulled the eclipse-temurin images"
		BASE_IMAGES="pulled from the registry"
		return
	fi
	[ -x "$TEMURIN_HOME/bin/java" ] || { echo "container-test: no Temurin 25 at TEMURIN_HOME=$TEMURIN_HOME to make the base images from" >&2; exit 2; }
	local rootfs_tar=$CONTAINER_CACHE/bookworm-minbase.tar
	if [ ! -s "$rootfs_tar" ]; then
		local mirror
		mirror=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | awk '{print $2}' | head -1)
		log "debootstrap --variant=minbase bookworm (${mirror:-http://deb.debian.org/debian})"
		mkdir -p "$CONTAINER_CACHE"
		debootstrap --variant=minbase bookworm "$WORK/rootfs" "${mirror:-http://deb.debian.org/debian}" >"$WORK/debootstrap.log" 2>&1 \
			|| { tail -20 "$WORK/debootstrap.log" >&2; exit 2; }
		rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
		tar -C "$WORK/rootfs" -cf "$rootfs_tar.part" . && mv "$rootfs_tar.part" "$rootfs_tar"
		rm -rf "$WORK/rootfs"
	fi
	local modules
	modules=$("$TEMURIN_HOME/bin/java" --list-modules | sed 's/@.*//' \
		| grep -vE '^jdk\.(compiler|jlink|jpackage|javadoc|jshell|jdeps|jartool|jstatd|hotspot\.agent|jconsole|editpad|internal\.(ed|le|opt))$' | paste -sd,)
	"$TEMURIN_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
		--generate-cds-archive --output "$WORK/jre" >/dev/null 2>&1 \
		|| "$TEMURIN_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$WORK/jre" >/dev/null
	local ctr mnt java_dir
	for variant in jdk jre; do
		java_dir=$TEMURIN_HOME
		[ "$variant" = jre ] && java_dir=$WORK/jre
		ctr=$(bh from scratch)
		mnt=$(bh mount "$ctr")
		tar -C "$mnt" -xpf "$rootfs_tar"
		mkdir -p "$mnt/opt/java"
		cp -a "$java_dir" "$mnt/opt/java/openjdk"
		# Temurin's images carry their own trust store; a distribution's JDK may link to the host's
		if [ -L "$mnt/opt/java/openjdk/lib/security/cacerts" ]; then
			cp --remove-destination "$(readlink -f "$java_dir/lib/security/cacerts")" "$mnt/opt/java/openjdk/lib/security/cacerts"
		fi
		bh umount "$ctr" >/dev/null
		bh config --env JAVA_HOME=/opt/java/openjdk \
			--env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			--env LANG=C.UTF-8 --cmd "$([ $variant = jdk ] && echo jshell || echo java -version)" "$ctr"
		bh commit -q --format docker "$ctr" "docker.io/library/eclipse-temurin:25-$variant" >/dev/null
		bh rm "$ctr" >/dev/null
	done
	rm -rf "$WORK/jre"
	BASE_IMAGES="made locally: Debian bookworm minbase + $("$TEMURIN_HOME/bin/java" -version 2>&1 | sed -n 2p)"
	log "base images $BASE_IMAGES"
}

# --- running containers ------------------------------------------------------------------

# start_container NAME DATA_DIR PORT [--memory] [--env K=V]... [-- ARGS...]
# Starts the image in the background; its output goes to $WORK/NAME.log.
start_container() {
	local name=$1 data=$2 port=$3; shift 3
	local memory= envs=() args=()
	while [ $# -gt 0 ]; do
		case "$1" in
		--memory) memory=1; shift ;;
		--env) envs+=("$2"); shift 2 ;;
		--) shift; args=("$@"); break ;;
		esac
	done
	envs+=("PORT=$port")
	local out=$WORK/$name.log
	if [ "$ENGINE" = docker ]; then
		local opts=(-d --name "sp-$name" --label starpunk-container-test -p "127.0.0.1:$port:$port" -v "$data:/data")
		[ -n "$memory" ] && opts+=(--memory "${MEMORY_LIMIT_MB}m" --memory-swap "${MEMORY_LIMIT_MB}m")
		for env in "${envs[@]}"; do opts+=(-e "$env"); done
		docker run "${opts[@]}" "$IMAGE" "${args[@]}" >/dev/null
		(docker logs -f "sp-$name" >"$out" 2>&1 &)
		RUNNING+=("$name $(docker inspect --format '{{.State.Pid}}' "sp-$name")")
	else
		local ctr
		ctr=$(bh from --pull-never --name "sp-$name" "$IMAGE")
		# buildah 1.28 mounts an anonymous volume over a --volume bind for an image VOLUME:
		# the working container (never the image) drops it
		bh config --volume /data- "$ctr"
		local opts=(--isolation chroot --network host --user "$IMAGE_USER" --workingdir "$IMAGE_WORKDIR"
			--volume "$data:/data" --env SERVER_ADDRESS=127.0.0.1)
		for env in "${IMAGE_ENV[@]}" "${envs[@]}"; do opts+=(--env "$env"); done
		local command=("${ENTRYPOINT[@]}")
		# Under a memory limit only the container's processes count, as with docker run
		# --memory: buildah itself (its Go runtime and the memfd copies of its binary,
		# about 60 MiB) stays outside. The container's first process waits until it has
		# been moved into the cgroup, then execs the image's unchanged ENTRYPOINT.
		[ -n "$memory" ] && command=(sh -c "$CGROUP_WAIT" starpunk-cgroup-wait "${ENTRYPOINT[@]}")
		# the runner: runs the container, keeps its status
		(
			status=0
			buildah "${STORAGE[@]}" run "${opts[@]}" "$ctr" -- "${command[@]}" "${args[@]}" || status=$?
			echo "$status" >"$WORK/$name.status"
		) >"$out" 2>&1 </dev/null &
		RUNNING+=("$name $!")
		if [ -n "$memory" ]; then
			local waiting= deadline=$((SECONDS + 60))
			while [ -z "$waiting" ] && [ $SECONDS -lt $deadline ]; do
				waiting=$(pgrep -n -f '^[^ ]*sh -c until grep -q starpunk-container-test' || true)
				[ -n "$waiting" ] || sleep 0.05
			done
			[ -n "$waiting" ] || { log "the container $name did not start"; return 1; }
			echo "$waiting" >"$CGROUP/cgroup.procs"
		fi
	fi
}
# The command a container under the memory limit starts with (its arguments: the
# ENTRYPOINT and the container's arguments).
CGROUP_WAIT='until grep -q starpunk-container-test /proc/self/cgroup; do sleep 0.05; done; exec "$@"'


runner_pid() { # the PID of the process that runs the container (buildah run, or docker's init)
	local entry
	for entry in "${RUNNING[@]}"; do
		[ "${entry%% *}" = "$1" ] && { echo "${entry#* }"; return; }
	done
	return 1
}

forget() {
	local keep=() entry
	for entry in "${RUNNING[@]}"; do [ "${entry%% *}" = "$1" ] || keep+=("$entry"); done
	RUNNING=("${keep[@]+"${keep[@]}"}")
}

# The container's java process, as a host PID.
java_pid() {
	local pid
	pid=$(runner_pid "$1") || return 1
	if [ "$ENGINE" = docker ]; then
		echo "$pid"
		return
	fi
	local queue=("$pid") next
	while [ ${#queue[@]} -gt 0 ]; do
		next=${queue[0]}; queue=("${queue[@]:1}")
		if [ "$(cat "/proc/$next/comm" 2>/dev/null)" = java ]; then echo "$next"; return; fi
		queue+=($(cat /proc/"$next"/task/*/children 2>/dev/null))
	done
	return 1
}

# wait_exit NAME SECONDS: waits for the container to end; sets EXIT_STATUS (or "timeout").
wait_exit() {
	local name=$1 limit=$2 pid
	pid=$(runner_pid "$name")
	if [ "$ENGINE" = docker ]; then
		EXIT_STATUS=$(timeout "$limit" docker wait "sp-$name") || EXIT_STATUS=timeout
		docker rm -f "sp-$name" >/dev/null 2>&1
	else
		local deadline=$((SECONDS + limit))
		while [ ! -s "$WORK/$name.status" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
		if [ -s "$WORK/$name.status" ]; then
			EXIT_STATUS=$(cat "$WORK/$name.status")
		else
			EXIT_STATUS=timeout
		fi
		bh rm "sp-$name" >/dev/null 2>&1 || true
	fi
	forget "$name"
}

# stop_container NAME [SIGNAL]: signals the java process (PID 1 of a Docker container) and
# waits for the end; sets EXIT_STATUS.
stop_container() {
	local name=$1 signal=${2:-TERM} pid
	if [ "$ENGINE" = docker ]; then
		docker kill --signal "$signal" "sp-$name" >/dev/null 2>&1 || true
	elif pid=$(java_pid "$name"); then
		kill -s "$signal" "$pid" 2>/dev/null || true
	else
		pkill -KILL -P "$(runner_pid "$name")" 2>/dev/null || true
	fi
	wait_exit "$name" 60
}

# exec_in NAME COMMAND...: runs a command inside the running container, as its user.
exec_in() {
	local name=$1; shift
	if [ "$ENGINE" = docker ]; then
		docker exec "sp-$name" "$@"
	else
		local port
		port=$(tr '\0' '\n' <"/proc/$(java_pid "$name")/environ" | sed -n 's/^PORT=//p')
		bh run --isolation chroot --network host --user "$IMAGE_USER" --env "PORT=$port" "sp-$name" -- "$@"
	fi
}

# wait_healthy NAME PORT SECONDS: prints the seconds until /health answered 200.
wait_healthy() {
	local name=$1 port=$2 limit=$3 start=$EPOCHREALTIME
	local deadline=$((SECONDS + limit))
	while [ $SECONDS -lt $deadline ]; do
		if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health")" = 200 ]; then
			python3 -c "print(f'{$EPOCHREALTIME - $start:.2f}')"
			return 0
		fi
		kill -0 "$(runner_pid "$name")" 2>/dev/null || { log "$name exited before it was healthy:"; tail -20 "$WORK/$name.log" >&2; return 1; }
		sleep 0.1
	done
	log "$name not healthy within $limit s:"; tail -20 "$WORK/$name.log" >&2
	return 1
}

data_dir() { # data_dir NAME [FIXTURE]: a data directory owned by the image's user
	local dir=$WORK/data-$1
	mkdir -p "$dir"
	[ $# -gt 1 ] && cp -a "$FIXTURES/$2/." "$dir/"
	chown -R "$APP_UID:$APP_UID" "$dir"
	echo "$dir"
}

snapshot() { # every file's path, mode, owner, size and SHA-256
	(cd "$1" && find . -printf '%p %m %u:%g %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

sql() { python3 -c 'import sqlite3, sys; print("\n".join("|".join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$@"; }

# --- the build ---------------------------------------------------------------------------

BUILD_SECONDS=
IMAGE_SIZE=
if [ "$ENGINE" = buildah ]; then
	if [ -n "$REUSE" ] && bh inspect --type image "$IMAGE" >/dev/null 2>&1; then
		log "reusing $IMAGE from $REUSE"
		BASE_IMAGES="reused"
		build_start=$SECONDS
		build_cmd=(true)
	else
		make_base_images
		log "building $IMAGE from the Dockerfile"
		build_start=$SECONDS
		build_cmd=(bh bud --format docker --pull-never --network host -f Dockerfile -t "$IMAGE" .)
	fi
	if "${build_cmd[@]}" >"$WORK/build.log" 2>&1; then
		BUILD_SECONDS=$((SECONDS - build_start))
		IMAGE_SIZE="$(bh images --format '{{.Size}}' "$IMAGE") (the JRE image under it: $(bh images --format '{{.Size}}' docker.io/library/eclipse-temurin:25-jre 2>/dev/null || echo ?))"
		bh inspect --type image "$IMAGE" >"$WORK/image.json"
		inspect() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["Docker"]["config"].get(sys.argv[2])))' "$WORK/image.json" "$1"; }
	fi
else
	BASE_IMAGES="pulled by Docker"
	build_start=$SECONDS
	if docker build -t "$IMAGE" . >"$WORK/build.log" 2>&1; then
		BUILD_SECONDS=$((SECONDS - build_start))
		IMAGE_SIZE="$(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
		docker image inspect "$IMAGE" >"$WORK/image.json"
		inspect() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))[0]["Config"].get(sys.argv[2])))' "$WORK/image.json" "$1"; }
	fi
fi
if [ -z "$BUILD_SECONDS" ]; then
	fail "the image builds from the unmodified Dockerfile"
	tail -40 "$WORK/build.log"
	exit 1
fi
healthcheck_json=$(inspect Healthcheck)
check "the image builds from the unmodified Dockerfile, with its HEALTHCHECK (${BUILD_SECONDS} s)" \
	test "$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["Test"][0])' "$healthcheck_json")" = CMD
if grep -qi 'generated password\|this password was generated' "$WORK/build.log"; then
	fail "the build log holds no generated password"
else
	pass "the build log holds no generated password"
fi

json_lines() { python3 -c 'import json, sys; v = json.loads(sys.argv[1]) or []; print("\n".join(v[int(sys.argv[2]):]))' "$1" "${2:-0}"; }
mapfile -t ENTRYPOINT < <(json_lines "$(inspect Entrypoint)")
mapfile -t IMAGE_ENV < <(json_lines "$(inspect Env)")
mapfile -t HEALTHCHECK < <(python3 -c 'import json, sys; print("\n".join(json.loads(sys.argv[1])["Test"][1:]))' "$healthcheck_json")
IMAGE_USER=$(inspect User | tr -d '"')
IMAGE_WORKDIR=$(inspect WorkingDir | tr -d '"')
[ -n "$IMAGE_USER" ] && [ "$IMAGE_USER" != null ] || IMAGE_USER=0
[ -n "$IMAGE_WORKDIR" ] && [ "$IMAGE_WORKDIR" != null ] || IMAGE_WORKDIR=/
log "entrypoint: ${ENTRYPOINT[*]}; user $IMAGE_USER"

# --- an empty volume, SITE_URL and PORT --------------------------------------------------

PORT=$(free_port)
SITE=https://blog.example.test/
data=$(data_dir empty)
start_container empty "$data" "$PORT" --env "SITE_URL=$SITE" --env ADMIN_PASSWORD=container-test-password \
	--env "JAVA_OPTS=-Xmx200m -XshowSettings:vm"
if first_start=$(wait_healthy empty "$PORT" 120); then
	pass "on an empty volume /health answers 200 (${first_start} s)"
else
	fail "on an empty volume /health answers 200"
fi
issuer=$(curl -s "http://127.0.0.1:$PORT/.well-known/oauth-authorization-server" | python3 -c 'import json, sys; print(json.load(sys.stdin).get("issuer", ""))' || true)
home_links=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/" | grep -i '^link:' || true)
check "SITE_URL and PORT are honoured (port $PORT, issuer $issuer)" \
	test "$issuer" = "$SITE" -a -n "$(grep -F "<${SITE}micropub>" <<<"$home_links")"

heap=$(grep -m1 'Max. Heap Size' "$WORK/empty.log" | sed 's/^.*: *//' || true)
check "JAVA_OPTS reaches java after the image's options and overrides its heap (-Xmx200m: $heap)" test "$heap" = 200.00M

pid=$(java_pid empty || true)
uids=$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$pid/status" 2>/dev/null || true)
if [ "$ENGINE" = docker ]; then
	pid1=$(docker exec sp-empty cat /proc/1/comm 2>/dev/null || true)
	parent_ok=$([ "$pid1" = java ] && echo yes || echo no)
	how="PID 1 is java"
else
	# without a PID namespace (chroot isolation) the entrypoint's process is buildah run's
	# child: it must be java itself, the sh that started it replaced by exec
	parent=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || echo 0)
	parent_ok=no
	if [ "$(cat "/proc/$parent/comm" 2>/dev/null)" != sh ] && ! pgrep -P "$(runner_pid empty)" -x sh >/dev/null; then
		ancestors=$(p=$pid; while [ "$p" -gt 1 ]; do p=$(awk '{print $4}' /proc/$p/stat); echo "$p"; done)
		grep -qx "$(runner_pid empty)" <<<"$ancestors" && parent_ok=yes
	fi
	how="no sh left between the runner and java"
fi
check "java runs as uid $APP_UID (real, effective, saved, fs: $uids) and is the entrypoint's exec ($how)" \
	test "$uids" = "$APP_UID $APP_UID $APP_UID $APP_UID" -a "$parent_ok" = yes

if exec_in empty "${HEALTHCHECK[@]}" >/dev/null 2>&1; then healthy=0; else healthy=1; fi
# the same command must fail where nothing listens, or passing it proves nothing
if [ "$ENGINE" = docker ]; then
	docker exec -e PORT=1 sp-empty "${HEALTHCHECK[@]}" >/dev/null 2>&1 && unhealthy=0 || unhealthy=1
else
	bh run --isolation chroot --network host --user "$IMAGE_USER" --env PORT=1 sp-empty -- "${HEALTHCHECK[@]}" >/dev/null 2>&1 && unhealthy=0 || unhealthy=1
fi
check "the image's HEALTHCHECK exits 0 on the running server (and 1 on a port where nothing listens)" \
	test "$healthy" = 0 -a "$unhealthy" = 1

# SIGTERM: a note written through the admin pages just before must be in the database and
# on disk afterwards, the write-ahead log checkpointed into the database file.
jar=$WORK/cookies
csrf() { curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$PORT$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
token=$(csrf /auth/login)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode password=container-test-password "http://127.0.0.1:$PORT/auth/login"
token=$(csrf /admin/new)
saved=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" \
	--data-urlencode "content=Written just before SIGTERM" --data-urlencode published=true --data-urlencode action=save \
	"http://127.0.0.1:$PORT/admin/new")
stop_container empty TERM
status=$EXIT_STATUS
notes=$(sql "$data/starpunk.db" "SELECT slug FROM notes WHERE deleted_at IS NULL" 2>/dev/null || true)
wal=$(stat -c %s "$data/starpunk.db-wal" 2>/dev/null || echo 0)
graceful=$(grep -c 'Commencing graceful shutdown\|Graceful shutdown complete' "$WORK/empty.log" || true)
check "SIGTERM ends it gracefully (exit $status, graceful shutdown logged) with the note just saved (HTTP $saved) kept and the WAL checkpointed ($wal bytes left)" \
	test "$saved" = 303 -a "$graceful" -ge 1 -a "$wal" = 0 -a -n "$(grep -x 'written-just-before-sigterm' <<<"$notes")" \
	-a -f "$(find "$data/notes" -name 'written-just-before-sigterm.md' | head -1)" -a \( "$status" = 0 -o "$status" = 143 \)

# --- a StarPunk data directory -----------------------------------------------------------

data=$(data_dir legacy "$LEGACY_FIXTURE")
PORT=$(free_port)
start_container legacy "$data" "$PORT" --env "SITE_URL=http://127.0.0.1:$PORT/"
if wait_healthy legacy "$PORT" 120 >/dev/null; then
	backups=$(ls "$data/backups" 2>/dev/null | grep -c '^starpunk-.*-before-.*\.db$' || true)
	home=$(curl -s "http://127.0.0.1:$PORT/")
	note=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/notes/hello-world")
	draft=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/notes/draft-thoughts")
	deleted=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/notes/deleted-note")
	check "StarPunk $LEGACY_FIXTURE mounted as /data is upgraded with a backup ($backups) and its notes served (note $note, draft $draft, deleted $deleted)" \
		test "$backups" = 1 -a "$note" = 200 -a "$draft" = 404 -a "$deleted" = 410 -a "$(grep -o 'hello-world\|a-note-with-a-link\|unicode-cafe' <<<"$home" | sort -u | wc -l)" = 3
else
	fail "StarPunk $LEGACY_FIXTURE mounted as /data is upgraded with a backup and its notes served"
fi
stop_container legacy TERM

data=$(data_dir latest "$LATEST_FIXTURE")
PORT=$(free_port)
start_container latest "$data" "$PORT" --env "SITE_URL=http://127.0.0.1:$PORT/"
if wait_healthy latest "$PORT" 120 >/dev/null; then
	base="http://127.0.0.1:$PORT"
	photo=$(curl -s "$base/notes/photo-walk")
	same=0
	for file in "$data"/media/2025/12/*; do
		[[ $(curl -s "$base/media/2025/12/$(basename "$file")" | sha256sum | cut -d' ' -f1) == $(sha256sum <"$file" | cut -d' ' -f1) ]] && same=$((same + 1))
	done
	media=$(ls "$data"/media/2025/12 | wc -l)
	found=$(curl -s "$base/api/search?q=lanterns" | grep -c '"slug":"winter-lanterns"' || true)
	hidden=$(curl -s "$base/api/search?q=micropub" | grep -c '"slug":"draft-thoughts"' || true)
	tag=$(curl -s -o /dev/null -w '%{http_code}' "$base/tags/indieweb")
	check "StarPunk $LATEST_FIXTURE mounted as /data keeps its photos in order with their captions, every media file's bytes ($same of $media), search (found $found, draft hidden $((1 - hidden))) and tag pages ($tag)" \
		test "$same" = "$media" -a "$media" -gt 10 -a "$found" = 1 -a "$hidden" = 0 -a "$tag" = 200 -a \
		-n "$(tr -d '\n' <<<"$photo" | grep -o 'Stone bridge at dawn.*Market stalls, looking north')"
else
	fail "StarPunk $LATEST_FIXTURE mounted as /data is adopted with its photos, search and tags"
fi

# --backup in a one-off container on the same volume while the server runs; --restore into
# an empty directory, served by a second container; the archive with one byte changed refused.
start_container backup "$data" "$(free_port)" -- --backup
wait_exit backup 120
backup_status=$EXIT_STATUS
archive=$(ls "$data/backups" 2>/dev/null | grep -E '^starpunk-backup-[0-9]{8}T[0-9]{6}Z\.zip$' | head -1 || true)
start_container restore "$data" "$(free_port)" -- --restore "/data/backups/$archive" /data/restored
wait_exit restore 120
restore_status=$EXIT_STATUS
restored_photo=0 restored_media=0
if [ "$backup_status" = 0 ] && [ "$restore_status" = 0 ]; then
	RESTORED_PORT=$(free_port)
	start_container restored "$data/restored" "$RESTORED_PORT" --env "SITE_URL=http://127.0.0.1:$RESTORED_PORT/"
	if wait_healthy restored "$RESTORED_PORT" 120 >/dev/null; then
		restored_photo=$(curl -s "http://127.0.0.1:$RESTORED_PORT/notes/photo-walk" | tr -d '\n' | grep -c 'Stone bridge at dawn.*Market stalls, looking north' || true)
		for file in "$data"/media/2025/12/*; do
			[[ $(curl -s "http://127.0.0.1:$RESTORED_PORT/media/2025/12/$(basename "$file")" | sha256sum | cut -d' ' -f1) == $(sha256sum <"$file" | cut -d' ' -f1) ]] && restored_media=$((restored_media + 1))
		done
	fi
	stop_container restored TERM
fi
check "--backup in a one-off container beside the running server (exit $backup_status, $archive) restores with --restore into an empty directory (exit $restore_status), served by a second container (photo-walk $restored_photo, media $restored_media of $(ls "$data"/media/2025/12 | wc -l))" \
	test "$backup_status" = 0 -a "$restore_status" = 0 -a "$restored_photo" = 1 -a "$restored_media" = "$(ls "$data"/media/2025/12 | wc -l)"
if [ -n "$archive" ]; then
	# one byte of a photo's stored bytes flipped
	python3 - "$data/backups/$archive" "$data/backups/tampered.zip" "$(ls "$data"/media/2025/12/* | head -1)" <<'PY'
import sys
archive, out, photo = open(sys.argv[1], 'rb').read(), sys.argv[2], open(sys.argv[3], 'rb').read()
at = archive.find(photo)
assert at >= 0, 'photo not found in the archive'
data = bytearray(archive)
data[at + len(photo) // 2] ^= 1
open(out, 'wb').write(data)
PY
	chown "$APP_UID:$APP_UID" "$data/backups/tampered.zip"
	mkdir -p "$data/tampered-target" && chown "$APP_UID:$APP_UID" "$data/tampered-target"
	start_container tampered "$data" "$(free_port)" -- --restore /data/backups/tampered.zip /data/tampered-target
	wait_exit tampered 120
	tampered_status=$EXIT_STATUS
	check "--restore refuses the archive with one byte changed (exit $tampered_status) in one line and leaves the target empty" \
		test "$tampered_status" = 1 -a -z "$(ls -A "$data/tampered-target")" -a -n "$(grep 'does not match its manifest' "$WORK/tampered.log")" \
		-a -z "$(grep -e $'\tat ' -e 'Exception' "$WORK/tampered.log")"
else
	fail "--restore refuses the archive with one byte changed (no archive was written)"
fi
stop_container latest TERM

data=$(data_dir dryrun "$LEGACY_FIXTURE")
before=$(snapshot "$data")
start_container dryrun "$data" "$(free_port)" -- --migrate-dry-run
wait_exit dryrun 120
status=$EXIT_STATUS
check "--migrate-dry-run as container arguments reports the plan (exit $status) and changes no byte" \
	test "$status" = 0 -a "$before" = "$(snapshot "$data")" -a -n "$(grep 'nothing was changed' "$WORK/dryrun.log")"

data=$(data_dir readonly "$LEGACY_FIXTURE")
chown -R 0:0 "$data"
before=$(snapshot "$data")
start_container readonly "$data" "$(free_port)"
wait_exit readonly 120
status=$EXIT_STATUS
said=$(grep -c "is not writable by the server's user, uid $APP_UID" "$WORK/readonly.log" || true)
check "a /data the container's user cannot write ends (exit $status) with one line that says so and how to fix it, before the web server, changing nothing" \
	test "$status" != 0 -a "$status" != timeout -a "$said" = 1 -a -n "$(grep -F "chown -R $APP_UID:$APP_UID" "$WORK/readonly.log")" \
	-a -z "$(grep -e 'Tomcat' -e $'\tat ' -e 'Exception' "$WORK/readonly.log")" -a "$before" = "$(snapshot "$data")"
grep -m1 "is not writable" "$WORK/readonly.log" | sed 's/^/    /' || true

# --- start-up times and memory -----------------------------------------------------------

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
startup() { # startup NAME [--env K=V]...: sets STARTED to the seconds from start to /health 200
	local name=$1; shift
	local port data
	port=$(free_port)
	data=$(data_dir "$name")
	start_container "$name" "$data" "$port" "$@"
	STARTED=$(wait_healthy "$name" "$port" 120) || STARTED=999
	stop_container "$name" TERM
}
aot=(); noaot=()
for i in 1 2 3; do
	startup "aot$i"
	aot+=("$STARTED")
	startup "noaot$i" --env JAVA_OPTS=-XX:AOTMode=off
	noaot+=("$STARTED")
done
AOT_START=$(printf '%s\n' "${aot[@]}" | median)
NOAOT_START=$(printf '%s\n' "${noaot[@]}" | median)
log "start-up with the AOT cache: ${aot[*]} s; without: ${noaot[*]} s"

# A memory cgroup of 256 MiB (Docker: --memory), a light load, resident memory recorded.
if [ "$ENGINE" = buildah ]; then
	if [ -d /sys/fs/cgroup/memory ]; then
		CGROUP=/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)/starpunk-container-test-$$
		mkdir -p "$CGROUP"
		echo $((MEMORY_LIMIT_MB * 1024 * 1024)) >"$CGROUP/memory.limit_in_bytes"
		[ -f "$CGROUP/memory.memsw.limit_in_bytes" ] && echo $((MEMORY_LIMIT_MB * 1024 * 1024)) >"$CGROUP/memory.memsw.limit_in_bytes" 2>/dev/null || true
	else
		CGROUP=/sys/fs/cgroup$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup | sed 's|/$||')/starpunk-container-test-$$
		mkdir -p "$CGROUP"
		echo $((MEMORY_LIMIT_MB * 1024 * 1024)) >"$CGROUP/memory.max"
		echo 0 >"$CGROUP/memory.swap.max" 2>/dev/null || true
	fi
fi
PORT=$(free_port)
data=$(data_dir memory "$LEGACY_FIXTURE")
start_container memory "$data" "$PORT" --memory --env "SITE_URL=http://127.0.0.1:$PORT/" \
	--env JAVA_OPTS=-XshowSettings:all --env ADMIN_PASSWORD=container-test-password
RSS_MB=; LOAD=
if wait_healthy memory "$PORT" 180 >/dev/null; then
	pid=$(java_pid memory)
	urls=(/ /notes/hello-world /notes/unicode-cafe /feed.xml /feed.atom /feed.json /health /notes/missing)
	requests=0; errors=0; load_start=$EPOCHREALTIME
	for round in $(seq 1 250); do
		for url in "${urls[@]}"; do
			printf 'url = "http://127.0.0.1:%s%s"\noutput = /dev/null\n' "$PORT" "$url"
		done
	done >"$WORK/load.curl"
	codes=$(curl -s --parallel --parallel-max 8 -w '%{http_code}\n' -K "$WORK/load.curl" 2>/dev/null || true)
	requests=$(wc -l <<<"$codes")
	errors=$(grep -vc '^\(200\|404\)$' <<<"$codes" || true)
	# A 12-megapixel phone photo (EXIF orientation 6 and a GPS position) published from the
	# editor under the same limit: stored upright, 2048 wide, without its EXIF.
	java scripts/PhonePhoto.java "$WORK/phone.jpg"
	jar=$WORK/memory-cookies
	base="http://127.0.0.1:$PORT"
	token=$(curl -s -b "$jar" -c "$jar" "$base/auth/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode password=container-test-password "$base/auth/login"
	token=$(curl -s -b "$jar" -c "$jar" "$base/admin/new" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
	photo_saved=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -F "_csrf=$token" -F photo-form=1 \
		-F "content=A photo from a phone" -F published=true -F action=save -F "photo=@$WORK/phone.jpg;type=image/jpeg" \
		"$base/admin/new")
	photo_url=$(curl -s "$base/notes/a-photo-from-a-phone" | grep -o '<img class="u-photo" src="[^"]*"' | head -1 | sed 's/.*src="//; s/"$//')
	photo_check=$(curl -s "${photo_url/http:\/\/127.0.0.1:$PORT/$base}" | python3 -c '
import struct, sys
data = sys.stdin.buffer.read()
size = "?"
i = 2
while i + 9 < len(data):
    marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
    if marker in (0xC0, 0xC1, 0xC2):
        height, width = struct.unpack(">HH", data[i + 5:i + 9])
        size = f"{width}x{height}"
        break
    i += 2 + length
clean = b"Exif" not in data and b"StarPunk Phones" not in data
print(size + (" clean" if clean else " with EXIF"))')
	log "photo from the editor: HTTP $photo_saved, $photo_url: $photo_check"
	tally=$(sort <<<"$codes" | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}')
	LOAD="$requests requests, 8 at a time, in $(python3 -c "print(f'{$EPOCHREALTIME - $load_start:.1f}')") s: $tally"
	RSS_MB=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || true)
	ANON_MB=$(awk '$1 == "rss" || $1 == "anon" {printf "%.0f", $2 / 1048576}' "$CGROUP/memory.stat" 2>/dev/null || true)
	HWM_MB=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || true)
	alive=$(kill -0 "$pid" 2>/dev/null && echo yes || echo no)
	ooms=$(cat "$CGROUP/memory.oom_control" "$CGROUP/memory.events" 2>/dev/null | awk '/^oom_kill / {print $2; exit}' || true)
	seen=$(grep -m1 'Memory Limit' "$WORK/memory.log" | sed 's/^ *//' || true)
	heap=$(grep -m1 'Max. Heap Size' "$WORK/memory.log" | sed 's/^.*: *//' || true)
	check "under a ${MEMORY_LIMIT_MB} MiB memory limit ($seen, the image's default heap $heap) it serves a light load ($LOAD) and stores a 12-megapixel phone photo from the editor (HTTP $photo_saved: $photo_check): ${RSS_MB} MiB resident, ${HWM_MB} MiB at most${ANON_MB:+, ${ANON_MB} MiB anonymous in the cgroup}" \
		test "$seen" = "Memory Limit: ${MEMORY_LIMIT_MB}.00M" -a "$heap" = 96.00M -a "$alive" = yes -a "$errors" = 0 -a "$requests" -ge 2000 -a "${ooms:-0}" = 0 -a "${HWM_MB:-999}" -lt "$MEMORY_LIMIT_MB" \
		-a "$photo_saved" = 303 -a "$photo_check" = "2048x2731 clean"
	if [ "$alive" != yes ] || [ "$errors" != 0 ] || [ "${ooms:-0}" != 0 ]; then
		log "the server under the memory limit: ${ooms:-0} OOM kill(s); its last lines:"
		tail -15 "$WORK/memory.log" >&2
	fi
else
	fail "under a ${MEMORY_LIMIT_MB} MiB memory limit it starts and serves a light load"
fi
stop_container memory TERM

# --- figures -----------------------------------------------------------------------------

ANON_NOTE=
[ -n "${ANON_MB:-}" ] && ANON_NOTE="; anonymous memory in the cgroup: ${ANON_MB} MiB"
figures=$(cat <<EOF
| What | Figure |
|---|---|
| Engine | $ENGINE $( [ "$ENGINE" = buildah ] && buildah --version | awk '{print $3}' ) |
| Base images | $BASE_IMAGES |
| Build time (from nothing, dependencies downloaded) | ${BUILD_SECONDS} s |
| Image size | ${IMAGE_SIZE} |
| Start-up to /health 200, empty volume, with the AOT cache (median of 3) | ${AOT_START} s (${aot[*]}) |
| The same without it (\`JAVA_OPTS=-XX:AOTMode=off\`) | ${NOAOT_START} s (${noaot[*]}) |
| Resident memory under a ${MEMORY_LIMIT_MB} MiB limit, after the load | ${RSS_MB:-?} MiB (peak ${HWM_MB:-?} MiB${ANON_NOTE}) |
| Light load | ${LOAD:-not run} |
EOF
)
echo
echo "$figures"
echo
passed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^PASS' || true)
failed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^FAIL' || true)
echo "container-test: $passed passed, $failed failed"
if [ -n "$RECORD" ]; then
	{
		echo "# The container, as the last run of scripts/container-test.sh found it"
		echo
		echo "Run on $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), as root: \`sudo scripts/container-test.sh --record docs/container.md\`."
		echo
		echo '```'
		printf '%s\n' "${RESULTS[@]}"
		echo '```'
		echo
		echo "$figures"
	} >"$RECORD"
	log "figures written to $RECORD"
fi
exit $FAILED
