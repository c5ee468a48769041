"""Side-by-side measurements of stance against the scikit-learn and fastText
anchors on the same files in the same run. Called by benches/compare.sh."""
import argparse, csv, json, os, platform, re, subprocess, sys, tempfile, time


# Runs of each `stance predict` measurement (the whole file, and one row).
PREDICT_RUNS = 11
# Runs of the fastText anchor on SemEval, whose predict loop is timed once per run.
FASTTEXT_RUNS = 3


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (stdout, wall seconds, peak RSS MiB)."""
    start = time.perf_counter()
    proc = subprocess.run(['/usr/bin/time', '-v'] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stderr}")
    rss = re.search(r'Maximum resident set size \(kbytes\): (\d+)', proc.stderr)
    return proc.stdout, wall, int(rss.group(1)) / 1024 if rss else float('nan')


def median(values):
    """The middle value (of an odd count), or the lower middle one."""
    return sorted(values)[(len(values) - 1) // 2]


def f_avg(report):
    f1 = {c['label']: c['f1'] for c in report['evaluation']['per_class']}
    return 50 * (f1.get('against', 0) + f1.get('favor', 0))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bench', required=True)
    ap.add_argument('--anchors', required=True)
    ap.add_argument('--stance', required=True)
    a = ap.parse_args()
    py = sys.executable
    sem = os.path.join(a.bench, 'semeval2017-sentiment')
    tw = os.path.join(a.bench, 'tweeteval')
    tmp = tempfile.mkdtemp(prefix='stance-compare-')
    rows = []

    # 1. SemEval-2017 sentiment: word 1-2 + char 2-5, min_df 2, C=1, balanced.
    model = os.path.join(tmp, 'sentiment.model')
    _, train_wall, train_rss = timed([a.stance, 'train', '--data', f'{sem}/train.csv', '--label-col', 'sentiment',
                                      '--char-ngrams', '2-5', '--min-df', '2', '--c', '1', '--class-weight', 'balanced',
                                      '--out', model, '--quiet'])
    out, eval_wall, eval_rss = timed([a.stance, 'evaluate', '--model', model, '--data', f'{sem}/test.csv',
                                      '--label-col', 'sentiment', '--format', 'json', '--bootstrap', '100'])
    score = json.loads(out)['evaluation']['macro_avg']['recall'] * 100
    stance_sent = dict(score=score, wall=train_wall + eval_wall, rss=max(train_rss, eval_rss), train_rss=train_rss)
    out, wall, rss = timed([py, f'{a.anchors}/sk_best.py', f'{sem}/train.csv', f'{sem}/test.csv', 'sentiment', '--c', '1'])
    sk_sent = dict(score=json.loads(out)['macro_recall'], wall=wall, rss=rss)
    ft_runs = []
    for _ in range(FASTTEXT_RUNS):
        out, wall, rss = timed([py, f'{a.anchors}/baseline.py', 'fasttext', f'{sem}/train.csv', f'{sem}/test.csv',
                                'sentiment', '--metric', 'macro_recall'])
        ft = json.loads(out)
        ft_runs.append(dict(score=ft['score'], wall=wall, rss=rss, predict_s=ft['predict_s'], n_test=ft['n_test']))
    # Each figure's median over the runs, as for stance's predict runs.
    ft_sent = {key: median([run[key] for run in ft_runs]) for key in ft_runs[0]}
    rows.append(('SemEval-2017 sentiment, macro recall (word 1-2 + char 2-5, balanced, C=1)',
                 stance_sent, sk_sent, ft_sent))

    # 2. TweetEval stance, one model per target: scikit-learn's best configuration
    #    (word 1-2 + char_wb 2-5, C=10, min_df 1, no stemming).
    model = os.path.join(tmp, 'stance.model')
    _, train_wall, train_rss = timed([a.stance, 'train', '--data', f'{tw}/stance_train.csv', '--label-col', 'stance',
                                      '--group-col', 'target', '--char-ngrams', '2-5', '--c', '10', '--no-stem',
                                      '--out', model, '--quiet'])
    out, eval_wall, eval_rss = timed([a.stance, 'evaluate', '--model', model, '--data', f'{tw}/stance_test.csv',
                                      '--label-col', 'stance', '--format', 'json', '--bootstrap', '100'])
    stance_st = dict(score=f_avg(json.loads(out)), wall=train_wall + eval_wall, rss=max(train_rss, eval_rss))
    out, wall, rss = timed([py, f'{a.anchors}/sk_best.py', f'{tw}/stance_train.csv', f'{tw}/stance_test.csv', 'stance',
                            '--group', 'target', '--c', '10', '--no-balanced', '--min-df', '1'])
    sk_st = dict(score=json.loads(out)['f_avg'], wall=wall, rss=rss)
    out, wall, rss = timed([py, f'{a.anchors}/baseline.py', 'fasttext', f'{tw}/stance_train.csv',
                            f'{tw}/stance_test.csv', 'stance', '--group', 'target', '--metric', 'stance'])
    ft_st = dict(score=json.loads(out)['score'], wall=wall, rss=rss)
    rows.append(('TweetEval stance, F_avg (per target, word 1-2 + char 2-5, C=10)', stance_st, sk_st, ft_st))

    # 3. Batch prediction of the 12,284 test tweets: the whole stance process
    #    (load + predict + write) against fastText's predict loop alone.
    with open(f'{sem}/test.csv', newline='', encoding='utf-8') as f:
        n_test = sum(1 for _ in csv.DictReader(f))
    def predict(path):
        _, wall, rss = timed([a.stance, 'predict', '--model', os.path.join(tmp, 'sentiment.model'),
                              '--input', path, '--out', os.path.join(tmp, 'pred.csv')])
        return wall, rss
    # The same process on one row: model load and start-up alone. Whole runs
    # and 1-row runs alternate, so a change in the machine's load over the
    # measurement weighs on both alike; medians of PREDICT_RUNS each.
    one_row = os.path.join(tmp, 'one.csv')
    with open(f'{sem}/test.csv', newline='', encoding='utf-8') as f, open(one_row, 'w', encoding='utf-8') as g:
        g.write(f.readline()); g.write(f.readline())
    whole, load = [], []
    for _ in range(PREDICT_RUNS):
        whole.append(predict(f'{sem}/test.csv'))
        load.append(predict(one_row)[0])
    predict_wall, predict_rss = sorted(whole)[PREDICT_RUNS // 2]
    load_wall = median(load)

    def cell(x, key, fmt):
        return fmt.format(x[key]) if key in x else '-'

    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores, "
          f"{platform.machine()}), stance vs scikit-learn vs fastText, same files, same run.\n")
    print('| task | system | score | wall (s) | peak RSS (MiB) | wall vs scikit-learn |')
    print('|---|---|---|---|---|---|')
    for name, st, sk, ft in rows:
        for system, x in (('stance', st), ('scikit-learn', sk), ('fastText', ft)):
            ratio = f"{sk['wall'] / x['wall']:.1f}x faster" if system != 'scikit-learn' else '1.0x'
            print(f"| {name} | {system} | {x['score']:.2f} | {x['wall']:.2f} | {x['rss']:.0f} | {ratio} |")
    ft_rate = ft_sent['n_test'] / ft_sent['predict_s']
    st_rate = n_test / predict_wall
    st_rate_no_load = n_test / max(predict_wall - load_wall, 1e-9)
    print()
    print('| batch prediction, 12,284 test tweets | texts/s | wall (s) | peak RSS (MiB) |')
    print('|---|---|---|---|')
    print(f'| stance predict (whole process: load, predict, write CSV; median of {PREDICT_RUNS}) | {st_rate:,.0f} | {predict_wall:.3f} | '
          f'{predict_rss:.0f} |')
    print(f'| stance predict excluding load (minus a 1-row run: {load_wall:.3f} s) | {st_rate_no_load:,.0f} | '
          f'{predict_wall - load_wall:.3f} | - |')
    ft_loops = ', '.join(f"{run['predict_s']:.3f}" for run in ft_runs)
    print(f"| fastText predict loop (model in memory, no load; median of {FASTTEXT_RUNS}: {ft_loops} s) | "
          f"{ft_rate:,.0f} | {ft_sent['predict_s']:.3f} | - |")
    print(f'\nstance throughput / fastText: {st_rate / ft_rate:.2f}x whole process, '
          f'{st_rate_no_load / ft_rate:.2f}x excluding load; '
          f"training peak RSS stance / scikit-learn (sentiment): {stance_sent['train_rss']:.0f} / {sk_sent['rss']:.0f} MiB"
          f" = {stance_sent['train_rss'] / sk_sent['rss']:.2f}")


if __name__ == '__main__':
    main()
