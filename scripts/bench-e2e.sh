#!/usr/bin/env bash
# The whole release binary against a fast fake OpenAI-compatible server (issue 16): for each N,
# CPU per streamed chunk, wall over the server's ideal, and peak RSS, start-up included.
#
#   scripts/bench-e2e.sh [N...]                  (default N: 3 16 64 256)
#   CHORUS=.build/release/chorus BENCH=../shared/bench CHUNKS=500 REPS=3 scripts/bench-e2e.sh 64
#   INSTRUCTIONS=1 scripts/bench-e2e.sh 64       (also the client's instruction count, under valgrind)
#
# Workload B (CPU-bound): every worker streams CHUNKS chunks as fast as the socket takes;
#   cpu/chunk = (user + sys) / (N x CHUNKS), the figure issue 16's targets are in.
# Workload A (latency-bound): 200 ms to each head, then 20 chunks 10 ms apart, the aggregator 5:
#   ideal = 0.2 + 0.2 + 0.2 + 0.05 = 0.65 s; printed as wall / ideal.
# The server is ../shared/bench/fastfake.mjs (node), the one compare.sh uses, so the figures are
# the ones in README "Benchmarks". Each figure is the median of REPS runs.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
chorus=${CHORUS:-$root/.build/release/chorus}
bench=${BENCH:-$root/../shared/bench}
chunks=${CHUNKS:-500}
reps=${REPS:-3}
ns=("$@"); [ $# -eq 0 ] && ns=(3 16 64 256)
[ -x "$chorus" ] || { echo "bench-e2e: $chorus is not built; run: swift build -c release --product chorus" >&2; exit 1; }
[ -f "$bench/fastfake.mjs" ] || { echo "bench-e2e: no $bench/fastfake.mjs; set BENCH to the shared bench folder" >&2; exit 1; }
command -v node >/dev/null || { echo "bench-e2e: node is needed for the fake server" >&2; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
start() { port=$(free_port); node "$bench/fastfake.mjs" "$port" "$@" 2>/dev/null & fp=$!
  for _ in $(seq 50); do curl -s "http://127.0.0.1:$port/v1/models" >/dev/null && return; sleep 0.1; done; }
stop() { kill "$fp" 2>/dev/null; wait "$fp" 2>/dev/null; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
tf=$(mktemp); home=$(mktemp -d)
run() { # N strategy -> "wall cpu rss_kb"
  HOME=$home OPENAI_API_KEY=x /usr/bin/time -f "%e %U %S %M" -o "$tf" "$chorus" run task --json --provider openai \
    --base-url "http://127.0.0.1:$port/v1" --model m --workers "$1" --temperature 0.1...0.9 --strategy "$2" \
    --timeout 60 >/dev/null 2>&1
  awk '{printf "%s %.4f %s\n", $1, $2 + $3, $4}' "$tf"; }

echo "chorus: $chorus"
echo "== workload B: $chunks chunks per worker, as fast as the socket takes (median of $reps)"
start "$chunks"
for n in "${ns[@]}"; do
  rows=$(for _ in $(seq "$reps"); do run "$n" concatenate; done)
  wall=$(awk '{print $1}' <<<"$rows" | median); cpu=$(awk '{print $2}' <<<"$rows" | median)
  rss=$(awk '{print $3}' <<<"$rows" | median)
  python3 -c "import sys; n,c,w,cpu,r=map(float,sys.argv[1:]); print('B N=%-4d cpu/chunk=%6.2f us  wall=%.3f s  peak RSS=%.1f MB' % (n, cpu/(n*c)*1e6, w, r/1024))" \
    "$n" "$chunks" "$wall" "$cpu" "$rss"
  if [ -n "${INSTRUCTIONS:-}" ] && command -v valgrind >/dev/null; then
    ir=$(HOME=$home OPENAI_API_KEY=x valgrind --tool=callgrind --callgrind-out-file=/dev/null "$chorus" run task --json \
      --provider openai --base-url "http://127.0.0.1:$port/v1" --model m --workers "$n" --strategy concatenate \
      --timeout 600 2>&1 >/dev/null | awk '/Collected/ {print $4}')
    python3 -c "import sys; ir,n,c=map(float,sys.argv[1:]); print('  instructions: %.0f M in all, %.0f per chunk' % (ir/1e6, ir/(n*c)))" "$ir" "$n" "$chunks"
  fi
done
stop
echo "== workload A: 200 ms to the head, 20 chunks 10 ms apart; wall / ideal (0.65 s) (median of $reps)"
start 20 200 10
for n in "${ns[@]}"; do
  rows=$(for _ in $(seq "$reps"); do run "$n" synthesize; done)
  wall=$(awk '{print $1}' <<<"$rows" | median); rss=$(awk '{print $3}' <<<"$rows" | median)
  python3 -c "import sys; n,w,r=map(float,sys.argv[1:]); print('A N=%-4d wall=%.3f s  wall/ideal=%.3f  peak RSS=%.1f MB' % (n, w, w/0.65, r/1024))" "$n" "$wall" "$rss"
done
stop
rm -rf "$tf" "$home"
