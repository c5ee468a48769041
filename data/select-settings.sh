#!/usr/bin/env bash
# Compares settings (C, char n-grams, the target-aware block; min_df 1 and balanced class weights,
# which earlier grids favoured) by cross-validation that holds out whole
# topics (5 folds, seed 42): the estimate closest to coverage of a
# sub-issue the model has never seen. Prints one line per setting and
# label column, as TSV: label, settings, held-out-topic macro-F1 (mean, std).
#
#   data/select-settings.sh [stance|sentiment ...]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
stance=target/release/stance
labels=("${@:-stance sentiment}")
printf 'label\tsettings\tmacro_f1\tstd\n'
for label in ${labels[@]}; do
  for c in 1 3 10 30; do
    for chars in none 2-5; do
      for target in off on; do
        for weight in balanced; do
          settings=(--c "$c" --min-df 1 --class-weight "$weight")
          [ "$chars" != none ] && settings+=(--char-ngrams "$chars")
          [ "$target" = on ] && settings+=(--target-features)
          json=$("$stance" train --data data/statements.csv --label-col "$label" --cv 5 \
            --cv-holdout-col topic --seed 42 --quiet --format json "${settings[@]}")
          python3 -c 'import json,sys; h=json.loads(sys.argv[1])["holdout_cv"][0]["summary"]["macro_f1"]; print("%.4f\t%.4f" % (h["mean"], h["std"]))' "$json" \
            | sed "s|^|$label\t${settings[*]}\t|"
        done
      done
    done
  done
done
