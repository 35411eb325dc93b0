#!/usr/bin/env python3
"""Label file for `ironcage screens calibrate|evaluate` from one of the labelled CSVs
released with García Rodríguez et al. (2022), doi:10.1016/j.autcon.2021.104047.

    labels.py CSV MARKET [--half 0|1] [--only COLUMN=VALUE]

Writes `tender:<MARKET>-<Tender><TAB>0|1` per tender, in the order tenders first appear:
1 when any of the tender's bids is labelled collusive (`Collusive_competitor`), else 0.
With --half, only the tenders whose subject's SHA-256 begins with an even (0) or odd (1)
byte: a deterministic split of tenders, not bids, into two halves. With --only, only the
tenders whose rows have VALUE in COLUMN (e.g. `Period investigation by JFTC=pre-inspection`
in japan.csv): a subset to measure on, never a screen.
"""
import csv
import hashlib
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 64
    path, market = argv[1], argv[2]
    half = None
    only = None
    options = argv[3:]
    while options:
        if len(options) >= 2 and options[0] == "--half" and options[1] in ("0", "1"):
            half = int(options[1])
        elif len(options) >= 2 and options[0] == "--only" and "=" in options[1]:
            only = tuple(options[1].split("=", 1))
        else:
            sys.stderr.write(__doc__)
            return 64
        options = options[2:]
    labels = {}
    with open(path, newline="", encoding="utf-8-sig") as source:
        for row in csv.DictReader(source):
            if only is not None and row.get(only[0], "").strip() != only[1]:
                continue
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
