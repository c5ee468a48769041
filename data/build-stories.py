#!/usr/bin/env python3
"""Writes data/stories/<story>.txt from data/stories.csv: the headline line,
then one line per paragraph (its units joined by spaces), blank lines
between, so `stance classify data/stories/` reads the stories whole.
tests/corpus.rs checks the files match the CSV."""
import csv
import os
from collections import OrderedDict

root = os.path.dirname(os.path.abspath(__file__))
stories = OrderedDict()
with open(os.path.join(root, "stories.csv"), newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        paragraphs = stories.setdefault(row["story"], OrderedDict())
        paragraphs.setdefault(int(row["para"]), []).append(row["text"].strip())
out = os.path.join(root, "stories")
os.makedirs(out, exist_ok=True)
for story, paragraphs in stories.items():
    text = "\n\n".join(" ".join(units) for _, units in sorted(paragraphs.items()))
    with open(os.path.join(out, story + ".txt"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
print(f"wrote {len(stories)} stories to {out}")
