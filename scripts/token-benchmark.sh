#!/usr/bin/env bash
# Throughput of token verification through the token endpoint (StarPunk's legacy
# `GET /auth/token` with a Bearer token, the same cached verifier Micropub uses) and of
# introspection (`POST /auth/introspect`), with wrk on loopback. Micropub creates are
# measured by scripts/micropub-benchmark.sh.
#
# Usage: scripts/token-benchmark.sh      (from anywhere in the repository)
# Settings (environment): DURATION (15s), CONNECTIONS (16), THREADS (2), WARMUP (5s).
# Needs python3, sqlite3 and wrk. The server listens on 127.0.0.1 only and is stopped when
# the script ends. The token is put straight into the database (as its SHA-256, as the
# token endpoint stores it): the consent page is not needed to measure verification.
# POST /auth/token itself (code and refresh grants) is rate-limited to 30 requests per
# 10 s per address, so its throughput from one address is that limit, by design.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

start_with_token create

cat >"$WORK/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
cat >"$WORK/verify.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

measure() { # name path script
	local figures
	read -r -a figures <<<"$(wrk_figures "$CONNECTIONS" "$2" "$3")"
	printf '| %-24s | %9s | %8s | %8s | %s |\n' "$1" "${figures[@]}"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "| request                  |     req/s |      p50 |      p99 | non-2xx |"
echo "|--------------------------|----------:|---------:|---------:|--------:|"
measure "GET /auth/token (verify)" /auth/token "$WORK/verify.lua"
measure "POST /auth/introspect" /auth/introspect "$WORK/introspect.lua"
