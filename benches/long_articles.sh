#!/usr/bin/env bash
# Times `stance classify` on 1, 5 and 20 MB articles in which every
# paragraph quotes new people: attribution and the per-speaker summary must
# stay linear in the article's length (5 MB took 28.7 s when they were not).
#
#   benches/long_articles.sh [SIZES_MB...]     (default: 1 5 20)
#
# Prints the median of 3 runs and the peak RSS per size.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1 5 20}")
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" ${sizes[@]} <<'PY'
import random, sys
out_dir, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
syllables = ['ka', 'lo', 'mer', 'dan', 'vi', 'ro', 'sel', 'tan', 'bri', 'gor', 'hal', 'ne', 'pi', 'qua', 'zem', 'tor']
rng = random.Random(7)
def name():
    return ''.join(rng.choice(syllables) for _ in range(3)).capitalize()
for mb in sizes:
    parts, size = [], 0
    while size < mb * 1_000_000:
        p = (f'"The jail will keep its doors open to agents," said {name()} {name()}, a county spokeswoman. '
             f'{name()} {name()} disagreed. "That is simply wrong," she said. The board meets again on Tuesday.\n\n')
        parts.append(p)
        size += len(p)
    with open(f'{out_dir}/article-{mb}mb.txt', 'w') as f:
        f.write(''.join(parts))
PY
echo "| article | median of 3 (s) | peak RSS (MiB) |"
echo "|---|---|---|"
for mb in ${sizes[@]}; do
  times=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$dir/time" target/release/stance classify "$dir/article-${mb}mb.txt" --format csv > /dev/null
    times+=("$(cat "$dir/time")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p | awk -v mb="$mb" '{ printf "| %d MB | %.2f | %.0f |\n", mb, $1, $2 / 1024 }'
done
