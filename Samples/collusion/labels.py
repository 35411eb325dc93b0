#!/usr/bin/env python3
"""Label file for `ironcage screens calibrate|evaluate` from one of the labelled CSVs
released with García Rodríguez et al. (2022), doi:10.1016/j.autcon.2021.104047.

    labels.py CSV MARKET [--half 0|1]

Writes `tender:<MARKET>-<Tender><TAB>0|1` per tender, in the order tenders first appear:
1 when any of the tender's bids is labelled collusive (`Collusive_competitor`), else 0.
With --half, only the tenders whose subject's SHA-256 begins with an even (0) or odd (1)
byte: a deterministic split of tenders, not bids, into two halves.
"""
import csv
import hashlib
import sys


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and (argv[3] != "--half" or argv[4] not in ("0", "1"))):
        sys.stderr.write(__doc__)
        return 64
    path, market = argv[1], argv[2]
    half = int(argv[4]) if len(argv) == 5 else None
    labels = {}
    with open(path, newline="", encoding="utf-8-sig") as source:
        for row in csv.DictReader(source):
            subject = f"tender:{market}-{row['Tender'].strip()}"
            collusive = float(row["Collusive_competitor"]) == 1.0
            labels[subject] = labels.get(subject, False) or collusive
    for subject, collusive in labels.items():
        if half is not None and hashlib.sha256(subject.encode()).digest()[0] % 2 != half:
            continue
        sys.stdout.write(f"{subject}\t{1 if collusive else 0}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
