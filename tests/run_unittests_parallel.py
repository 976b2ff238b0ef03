"""Run unittest tests in parallel worker processes.

The harness runs every hook as a real subprocess, so the example suite is
slow but embarrassingly parallel: each test builds its own charm in its own
temp dir. This lists every test id, runs them in batches of one
`python -m unittest <id> ...` per worker, prints the output of failing
batches, and ends with unittest's own summary lines ("Ran N tests",
"OK"/"FAILED (...)") so tests/run-all.mjs can count them.

    python3 tests/run_unittests_parallel.py DIR [--top TOP] [--jobs N]
"""

import argparse
import os
import re
import subprocess
import sys
import time
import unittest
from concurrent.futures import ThreadPoolExecutor


def discover(start, top):
    """Every test id under start, importable from top."""
    sys.path.insert(0, top)
    suite = unittest.TestLoader().discover(start, pattern='test_*.py',
                                           top_level_dir=top)
    ids = []

    def walk(item):
        if isinstance(item, unittest.TestSuite):
            for sub in item:
                walk(sub)
        else:
            ids.append(item.id())
    walk(suite)
    return ids


def batches(ids, size):
    """Consecutive ids in groups, so one process runs several tests."""
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def run_batch(batch, top):
    started = time.time()
    proc = subprocess.run([sys.executable, '-m', 'unittest'] + batch,
                          cwd=top, capture_output=True, text=True)
    return batch, proc, time.time() - started


def counts(output):
    ran = re.search(r'^Ran (\d+) tests?', output, re.M)
    failed = re.search(r'^FAILED \((.*)\)$', output, re.M)
    bad = 0
    if failed:
        bad = sum(int(n) for n in re.findall(r'(?:failures|errors)=(\d+)',
                                             failed.group(1)))
    return (int(ran.group(1)) if ran else 0), bad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('start')
    parser.add_argument('--top', default=None)
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    parser.add_argument('--batch', type=int, default=3)
    args = parser.parse_args()
    top = os.path.abspath(args.top or args.start)
    ids = discover(os.path.abspath(args.start), top)
    if not ids:
        print('no tests found under ' + args.start)
        return 1
    # A loader error shows up as a test id of unittest.loader; run it so
    # its import error is reported like any failure.
    work = batches(ids, args.batch)
    started = time.time()
    total = failures = 0
    broken = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for batch, proc, secs in pool.map(lambda b: run_batch(b, top),
                                          work):
            output = proc.stdout + proc.stderr
            ran, bad = counts(output)
            if proc.returncode != 0 and bad == 0:
                bad = 1  # crashed before reporting
            total += ran
            failures += bad
            label = ', '.join(t.split('.', 1)[-1] for t in batch)
            if proc.returncode != 0:
                broken.extend(batch)
                sys.stdout.write(output)
            print('{} ({:.0f}s): {}'.format(
                'FAIL' if proc.returncode else 'ok', secs, label),
                flush=True)
    print('-' * 70)
    print('Ran {} tests in {:.1f}s'.format(total, time.time() - started))
    print()
    if broken:
        print('FAILED (failures={})'.format(failures))
        print('in batches: ' + ', '.join(broken))
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
