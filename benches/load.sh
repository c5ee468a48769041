#!/usr/bin/env bash
# Load test of `stance serve` on loopback: N POST /api/classify requests with
# the seed article over C connections, N more with every 5th request a bad
# one, then N good ones again (malformed JSON, wrong content type, 6 MB body, HTML upload, unknown
# path, empty list, invalid UTF-8). Reports requests/s, p50/p99 latency,
# errors (must be 0: every good request answered 200 with a report, every bad
# one its 4xx JSON error, or for an oversized body the connection closed on
# it) and the server's resident memory before and after.
#
#   benches/load.sh                          # 3 x 20,000 requests, 64 connections, release build
#   benches/load.sh --requests 2000 --bin target/debug/stance   # the short CI version
#
# Needs Node 20 (the client is benches/load/client.mjs, no packages).
set -euo pipefail
cd "$(dirname "$0")/.."

requests=20000
connections=64
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/stance
fi

article=data/articles/doj-sues-california.txt
log=$(mktemp)
"$bin" serve --port 0 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|^listening on \(http://[^/ ]*\)/.*|\1|p' "$log")
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start" >&2; exit 1; }

memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' /proc/$server/status; }
run() { node benches/load/client.mjs --url "$url" --article "$article" --connections "$connections" "$@"; }
field() { node -e 'const r = JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((o, k) => o[k], r))' "$1" "$2"; }

echo "server: $bin at $url; $(nproc) cores"
run --requests 200 >/dev/null
before=$(memory); rss_before=$(awk '/^VmRSS/ { print $2 }' /proc/$server/status)
echo "after warm-up (200 requests): $before"

status=0
report() {
  local name=$1 result=$2
  echo "$name: $result"
  printf '  %s requests in %s s: %s req/s; good p50 %s ms, p99 %s ms; errors %s; /healthz meanwhile p50 %s ms, max %s ms\n' \
    "$(field "$result" requests)" "$(field "$result" seconds)" "$(field "$result" requests_per_second)" \
    "$(field "$result" latency_ms.p50)" "$(field "$result" latency_ms.p99)" "$(field "$result" errors)" \
    "$(field "$result" healthz_during_load.p50_ms)" "$(field "$result" healthz_during_load.max_ms)"
  [ "$(field "$result" errors)" = 0 ] || status=1
}

good=$(run --requests "$requests")
report "good requests" "$good"
echo "  memory: $(memory)"
rss_good=$(awk '/^VmRSS/ { print $2 }' /proc/$server/status)

mixed=$(run --requests "$requests" --bad-every 5)
report "with bad requests (every 5th)" "$mixed"
echo "  good answered: $(field "$mixed" good_ok) of $(field "$mixed" good); bad refused as expected: $(field "$mixed" bad_refused_as_expected) of $(field "$mixed" bad) ($(field "$mixed" too_large_closed_before_answer_read) oversized bodies cut off by the close before their 413 was read)"
echo "  memory: $(memory)"
rss_mixed=$(awk '/^VmRSS/ { print $2 }' /proc/$server/status)

again=$(run --requests "$requests")
report "good requests again" "$again"
echo "  memory: $(memory)"
rss_again=$(awk '/^VmRSS/ { print $2 }' /proc/$server/status)

# The same load again must not grow the server (allocator slack allowed).
echo "VmRSS: $((rss_before / 1024)) MB after warm-up, $((rss_good / 1024)) MB after the good requests, $((rss_mixed / 1024)) MB after the mixed ones, $((rss_again / 1024)) MB after the good ones again"
if [ "$rss_again" -gt $((rss_mixed * 11 / 10 + 8192)) ] || [ "$rss_good" -gt $((rss_before * 2 + 16384)) ]; then
  echo "memory grew under the same load" >&2
  status=1
fi

kill -TERM $server
if ! wait $server; then
  echo "the server did not stop cleanly on SIGTERM" >&2
  status=1
fi
trap 'rm -f "$log"' EXIT

# Anchor, same run: the same article classified by `stance classify` in one process
# (JSON Lines, 2,000 copies, one article after another on one thread): the work without HTTP.
batch=$(mktemp --suffix=.jsonl)
node -e 'const t = require("fs").readFileSync(process.argv[1], "utf8");
  process.stdout.write((JSON.stringify({ text: t }) + "\n").repeat(2000))' "$article" >"$batch"
started=$(date +%s%N)
"$bin" classify "$batch" --format json >/dev/null
finished=$(date +%s%N)
rm -f "$batch"
node -e 'const [ns, server, cores] = process.argv.slice(1).map(Number); const cli = 2000 / (ns / 1e9);
  console.log(`anchor: stance classify, one process, one thread: ${cli.toFixed(1)} articles/s; ` +
              `the server on ${cores} cores: ${server} req/s (${(server / cli).toFixed(2)}x)`)' \
  $((finished - started)) "$(field "$good" requests_per_second)" "$(nproc)"

[ $status = 0 ] && echo "load test passed" || echo "load test FAILED" >&2
exit $status
