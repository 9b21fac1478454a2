#!/usr/bin/env bash
# Storing a 12-megapixel photo: the time and the memory the server takes to store one phone
# JPEG (4032 x 3024, EXIF with orientation 6 and a GPS position, about 5 MB) through the
# Micropub media endpoint, with its four variants, against a floor: ImageMagick doing the
# same work on the same file from the command line, in the same run.
#
#   - server rows: N uploads one after another with curl (after WARMUP_UPLOADS not
#     counted); the median and p90 wall time of one upload (201 sent back: the original
#     and its variants written, synced and recorded), the server's peak resident memory
#     (VmHWM) and its resident memory after, the live heap before and after (jcmd GC.run,
#     then GC.heap_info) and the most heap in use (the largest "before" in -Xlog:gc). Two JVMs: the container image's (-Xmx96m
#     -XX:TieredStopAtLevel=1) and a plain `java -jar` (default heap, C2);
#   - floor: one `convert` per image: decode, -auto-orient, -strip, -resize '2048x>',
#     quality 88, and from that 2048 master the four variants (thumb 150x150^ cropped at
#     the centre, 320, 640 and 1280 wide), timed N times with /usr/bin/time -v (median,
#     p90, and its largest "Maximum resident set size"). ImageMagick is limited to one
#     thread (MAGICK_THREAD_LIMIT=1, the IM_THREADS setting), as the server decodes one
#     image on one thread, and resizes with the triangle (bilinear) filter, as the server
#     does (FILTER; ImageMagick's own default, Lanczos, took twice as long here).
#
# The ratio server/floor is printed for the time; absolute figures on a shared machine are
# noise.
#
# Usage: scripts/image-benchmark.sh      (from anywhere in the repository)
# Settings (environment): N (20), WARMUP_UPLOADS (2), IM_THREADS (1), FILTER (Triangle).
# Needs java (with jcmd), curl, python3, sqlite3 and ImageMagick (installed with apt-get
# when missing). The jar in target/ is used when there is one: rebuild it after a change.
# Every server listens on 127.0.0.1 only and is stopped when the script ends.
set -euo pipefail

N=${N:-20}
WARMUP_UPLOADS=${WARMUP_UPLOADS:-2}
IM_THREADS=${IM_THREADS:-1}
FILTER=${FILTER:-Triangle}
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

# a stand-in `convert` may come first on the PATH: ImageMagick's own is in /usr/bin
if [[ ! -x /usr/bin/convert ]] || ! /usr/bin/convert -version 2>/dev/null | grep -q ImageMagick; then
	apt-get update -q && apt-get install -y -q imagemagick
fi
CONVERT=/usr/bin/convert
if [[ ! -x /usr/bin/time ]]; then
	apt-get update -q && apt-get install -y -q time
fi

# The photo: noise over a gradient (a sensor's noise makes a phone's file 3-6 MB), written
# at quality 92 with 4:2:0 chroma, as a phone does; then its JFIF header is replaced with an
# EXIF block as a phone writes one (make, model, orientation 6, a GPS position).
PHOTO="$WORK/phone.jpg"
"$CONVERT" -size 4032x3024 gradient:'#3070b0-#c0a060' -attenuate 0.7 +noise Gaussian \
	-sampling-factor 4:2:0 -quality 92 "$WORK/base.jpg"
python3 - "$WORK/base.jpg" "$PHOTO" <<'PY'
import struct, sys

def ifd(entries, offset):
    """An IFD at offset: its entries (tag, type, count, bytes), then the values over 4 bytes."""
    head = struct.pack('>H', len(entries))
    data = b''
    after = offset + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in sorted(entries):
        if len(value) <= 4:
            head += struct.pack('>HHI', tag, kind, count) + value.ljust(4, b'\0')
        else:
            head += struct.pack('>HHII', tag, kind, count, after + len(data))
            data += value + (b'\0' if len(value) % 2 else b'')
    return head + struct.pack('>I', 0) + data

def ascii(text):
    return text.encode() + b'\0'

def rationals(*pairs):
    return b''.join(struct.pack('>II', n, d) for n, d in pairs)

def ifd0(gps_offset):
    return ifd([
        (0x010F, 2, len(ascii('StarPunk Phones')), ascii('StarPunk Phones')),
        (0x0110, 2, len(ascii('StarPhone 15 Pro')), ascii('StarPhone 15 Pro')),
        (0x0112, 3, 1, struct.pack('>H', 6)),
        (0x8825, 4, 1, struct.pack('>I', gps_offset)),
    ], 8)

gps_offset = 8 + len(ifd0(0))
gps = ifd([
    (0x0001, 2, 2, b'N\0'),
    (0x0002, 5, 3, rationals((51, 1), (30, 1), (252, 100))),
    (0x0003, 2, 2, b'W\0'),
    (0x0004, 5, 3, rationals((0, 1), (7, 1), (2856, 100))),
], gps_offset)
tiff = b'MM\0\x2a' + struct.pack('>I', 8) + ifd0(gps_offset) + gps
app1 = b'Exif\0\0' + tiff
jpeg = open(sys.argv[1], 'rb').read()
rest = 2
if jpeg[2:4] == b'\xff\xe0':
    rest = 4 + struct.unpack('>H', jpeg[4:6])[0]
with open(sys.argv[2], 'wb') as out:
    out.write(b'\xff\xd8\xff\xe1' + struct.pack('>H', len(app1) + 2) + app1 + jpeg[rest:])
PY
PHOTO_BYTES=$(stat -c %s "$PHOTO")
if ! "$CONVERT" "$PHOTO" -format '%[EXIF:GPSLatitude]' info: | grep -q '51/1'; then
	echo "the photo has no GPS position"; exit 1
fi

# percentile P (0-100) of the numbers on standard input, nearest rank
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p * NR + 99) / 100); if (i < 1) i = 1; print v[i] }'; }

# heap_used PID: the heap in use after a full collection (what is live), in MiB, from jcmd
heap_used() {
	jcmd "$1" GC.run >/dev/null 2>&1 || true
	jcmd "$1" GC.heap_info 2>/dev/null | awk '/ used / { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit } }'
}

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# server_row LABEL JVM-OPTIONS...: a new data directory and token, the server started with
# those options, N+WARMUP_UPLOADS uploads; prints one table row and sets SERVER_MEDIAN
server_row() {
	local label=$1
	shift
	local data="$WORK/data-$RANDOM"
	local token
	token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
	DATA_PATH=$data java -jar "$JAR" --migrate-only >/dev/null
	add_token "$data" "$token" media
	DATA_PATH=$data PORT=$PORT java "$@" -Xlog:gc:file="$data.gc" -jar "$JAR" --server.address=127.0.0.1 >"$data.log" 2>&1 &
	SERVER=$!
	for _ in $(seq 1 900); do
		curl -fs "$BASE/health" >/dev/null 2>&1 && break
		sleep 0.1
	done
	curl -fs "$BASE/health" >/dev/null || { echo "server did not start"; tail -20 "$data.log"; exit 1; }
	local heap_before
	heap_before=$(heap_used "$SERVER")
	local times="$WORK/times-$label"
	: >"$times"
	local failed=0
	for i in $(seq 1 $((N + WARMUP_UPLOADS))); do
		local answer
		answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" \
			-F "file=@$PHOTO;type=image/jpeg" "$BASE/micropub/media")
		[[ ${answer% *} == 201 ]] || failed=$((failed + 1))
		if ((i > WARMUP_UPLOADS)); then echo "${answer#* }" >>"$times"; fi
	done
	local peak rss heap_after
	peak=$(status_kb "$SERVER" VmHWM)
	rss=$(status_kb "$SERVER" VmRSS)
	heap_after=$(heap_used "$SERVER")
	# the most heap in use, from the GC log: the largest "before" of a collection
	local heap_peak
	heap_peak=$(grep -oE '[0-9]+M->[0-9]+M' "$data.gc" | cut -dM -f1 | sort -n | tail -1)
	local stored
	stored=$(sqlite3 "$data/starpunk.db" "SELECT count(*) || ' originals, ' || (SELECT count(*) FROM media WHERE original_id IS NOT NULL) || ' variants, width ' || group_concat(DISTINCT width) FROM media WHERE original_id IS NULL")
	if grep -q OutOfMemoryError "$data.log"; then failed="$failed (OutOfMemoryError in the log)"; fi
	stop_server
	SERVER_MEDIAN=$(percentile 50 <"$times")
	printf '| %-32s | %7.3f s | %7.3f s | %5.0f MiB | %5.0f MiB | %4s -> %4s MiB | %4s MiB | %s | %5.2fx |\n' "$label" \
		"$SERVER_MEDIAN" "$(percentile 90 <"$times")" "$((peak / 1024))" "$((rss / 1024))" "${heap_before:-?}" \
		"${heap_after:-?}" "${heap_peak:-?}" "$failed" "$(python3 -c "print($SERVER_MEDIAN / $FLOOR_MEDIAN)")"
	echo "$label: $stored" >>"$WORK/stored"
}

# the floor: N runs of one convert that writes the original and its four variants
floor_times="$WORK/times-floor"
floor_rss="$WORK/rss-floor"
: >"$floor_times"
: >"$floor_rss"
mkdir -p "$WORK/im"
for i in $(seq 1 $((N + WARMUP_UPLOADS))); do
	MAGICK_THREAD_LIMIT=$IM_THREADS /usr/bin/time -v -o "$WORK/time.txt" "$CONVERT" "$PHOTO" -auto-orient -strip \
		-filter "$FILTER" -resize '2048x>' -quality 88 -write "$WORK/im/original.jpg" \
		\( +clone -resize 150x150^ -gravity center -extent 150x150 -write "$WORK/im/thumb.jpg" +delete \) \
		\( +clone -resize 320x -write "$WORK/im/small.jpg" +delete \) \
		\( +clone -resize 640x -write "$WORK/im/medium.jpg" +delete \) \
		-resize 1280x "$WORK/im/large.jpg"
	if ((i > WARMUP_UPLOADS)); then
		awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; print s }' \
			"$WORK/time.txt" >>"$floor_times"
		awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt" >>"$floor_rss"
	fi
done
FLOOR_MEDIAN=$(percentile 50 <"$floor_times")
FLOOR_PEAK=$(percentile 100 <"$floor_rss")

DEFAULT_HEAP=$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%.0f", $4 / 1048576 }')
echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); N=$N after $WARMUP_UPLOADS not counted"
echo "# photo: 4032 x 3024, $((PHOTO_BYTES / 1024)) KiB, EXIF orientation 6 and GPS; $("$CONVERT" -version | head -1 | cut -d' ' -f2-3), $IM_THREADS thread(s), -filter $FILTER; $(java -version 2>&1 | head -1)"
echo "| run                              |   median |      p90 | peak RSS  | RSS after | live heap before -> after | heap peak | non-201 | vs floor |"
echo "|----------------------------------|---------:|---------:|----------:|----------:|-----------------:|----------:|--------:|---------:|"
printf '| %-32s | %7.3f s | %7.3f s | %5.0f MiB |         - |                - |         - | - | %5.2fx |\n' \
	"floor: ImageMagick convert" "$FLOOR_MEDIAN" "$(percentile 90 <"$floor_times")" "$((FLOOR_PEAK / 1024))" 1
server_row "server -Xmx96m -XX:TieredStopAtLevel=1" -Xmx96m -XX:TieredStopAtLevel=1
server_row "server java -jar (heap ${DEFAULT_HEAP} MiB)"
cat "$WORK/stored"
