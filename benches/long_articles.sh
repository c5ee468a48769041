#!/usr/bin/env bash
# Times `stance classify` on 1, 5 and 20 MB articles in which every
# paragraph quotes new people: attribution and the per-speaker summary must
# stay linear in the article's length (5 MB took 28.7 s when they were not).
# The same articles are also saved as web pages (each paragraph a <p>, with
# a menu, scripts and a footer) so that reading HTML is timed too.
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
    with open(f'{out_dir}/article-{mb}mb.html', 'w') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>County jail vote</title>'
                '<script>var a = 1;</script></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
                '<article><h1>County jail vote</h1><div class="byline">By Jane Doe</div>')
        f.write(''.join(f'<p>{p.strip()}</p>\n' for p in parts))
        f.write('</article><footer>&copy; 2025 The Ledger</footer></body></html>')
PY
echo "| article | median of 3 (s) | peak RSS (MiB) |"
echo "|---|---|---|"
for mb in ${sizes[@]}; do
  for ext in txt html; do
    times=()
    for _ in 1 2 3; do
      /usr/bin/time -f "%e %M" -o "$dir/time" target/release/stance classify "$dir/article-${mb}mb.$ext" --format csv > /dev/null
      times+=("$(cat "$dir/time")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p |
      awk -v mb="$mb" -v ext="$ext" '{ printf "| %d MB .%s | %.2f | %.0f |\n", mb, ext, $1, $2 / 1024 }'
  done
done
