#!/usr/bin/env python3
"""Synthetic tenders for timing the price screens (not for judging them: the prices are drawn).

    synthetic.py TENDERS LABELLED > tenders.ndjson 2> labels.tsv

Each tender: a tender.published with an estimate, then six bid.submitted; one in five
"rigged" (bids within 2 % of each other), the rest spread over 25 %. The first LABELLED
tenders' outcomes go to stderr as a label file. Seeded: the same output every time.
"""
import random
import sys


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 64
    tenders, labelled = int(argv[1]), int(argv[2])
    rng = random.Random(1)
    out = sys.stdout
    for k in range(tenders):
        subject = f"tender:2026-P{k:06d}"
        base = rng.randint(100_000, 10_000_000)
        day = 1 + k % 28
        out.write(f'{{"id":"P{k}","type":"tender.published","at":"2026-09-{day:02d}T09:00:00+08:00","dept":"gy.ggzy",'
                  f'"subject":"{subject}","data":{{"estimate":{base},"method":"open"}}}}\n')
        rigged = rng.random() < 0.2
        spread = 0.02 if rigged else 0.25
        for j in range(6):
            amount = round(base * (0.9 + spread * rng.random()), 2)
            out.write(f'{{"id":"B{k}-{j}","type":"bid.submitted","at":"2026-09-{day:02d}T10:{j:02d}:00+08:00","dept":"gy.ggzy",'
                      f'"subject":"{subject}","data":{{"bidder":"org:{rng.randint(1, 5000)}","amount":{amount}}}}}\n')
        if k < labelled:
            sys.stderr.write(f"{subject}\t{1 if rigged else 0}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
