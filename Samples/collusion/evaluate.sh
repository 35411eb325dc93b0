#!/usr/bin/env bash
# How well the price screens separate collusive from competitive tenders, on the labelled
# public tenders released with García Rodríguez et al. (2022), "Collusion detection in public
# procurement auctions with machine learning algorithms", Automation in Construction 133,
# 104047, doi:10.1016/j.autcon.2021.104047 (Brazil, Switzerland/Ticino, Japan).
#
#   Samples/collusion/evaluate.sh            # prints the README's tables (Markdown)
#
# Everything goes through the normal command line: `ironcage import csv` with the mappings
# in this folder, `ingest`, `screens calibrate` on one half of a market's tenders,
# `screens evaluate` on the other half (both ways) — with the price screens alone
# (`--no-history`), with the bidders' histories in earlier tenders too (the default), and a
# logistic regression on the literature's seven screens — then packs calibrated on a whole
# market measured on each other market. The histories are computed from every tender of the
# market's log, labelled or not, and never read a label. Halves split tenders, not bids, by the parity of the first
# byte of SHA-256(subject) (labels.py). Data from $COLLUSION_DATA, else ../shared/data/collusion
# beside the repository; skipped, with a message, when it is not there. The binary is
# $IRONCAGE, else a release build made here.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${COLLUSION_DATA:-$root/../shared/data/collusion}"
if [ ! -f "$data/brazil.csv" ] || [ ! -f "$data/switzerland_ticino.csv" ] || [ ! -f "$data/japan.csv" ]; then
    echo "evaluate.sh: skipped: the labelled tenders (brazil.csv, switzerland_ticino.csv, japan.csv) are not in $data; set COLLUSION_DATA" >&2
    exit 0
fi
ironcage="${IRONCAGE:-}"
if [ -z "$ironcage" ]; then
    (cd "$root" && swift build -c release --product ironcage >&2)
    ironcage="$root/.build/release/ironcage"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

markets=(BR CH JP)
declare -A file=([BR]=brazil [CH]=switzerland_ticino [JP]=japan)
declare -A title=([BR]=Brazil [CH]="Switzerland (Ticino)" [JP]=Japan)
literature="cv,spd,diffp,rd,kurt,skew,ks"

# Load each market into its own log; write its label files (all, half 0, half 1).
for m in "${markets[@]}"; do
    csv="$data/${file[$m]}.csv"
    {
        "$ironcage" import csv "$csv" --map "$here/${file[$m]}.map.json"
        for extra in tenders awards; do
            if [ -f "$here/${file[$m]}.$extra.map.json" ]; then
                "$ironcage" import csv "$csv" --map "$here/${file[$m]}.$extra.map.json"
            fi
        done
    } 2>/dev/null | "$ironcage" ingest --db "$work/$m.db" >/dev/null 2>&1
    python3 "$here/labels.py" "$csv" "$m" > "$work/$m.all"
    python3 "$here/labels.py" "$csv" "$m" --half 0 > "$work/$m.0"
    python3 "$here/labels.py" "$csv" "$m" --half 1 > "$work/$m.1"
done

field() { # field NAME JSON: a number of an `ironcage … --format json` line, 3 decimals
    local value
    value="$(printf '%s' "$2" | sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p")"
    if [ -z "$value" ] || [ "$value" = null ]; then printf '—'; else printf '%.3f' "$value"; fi
}
count() { printf '%s' "$2" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# calibrate ID DB LABELS [calibrate options…]: writes $work/ID.json, prints the model chosen.
calibrate() {
    local id="$1" db="$2" labels="$3"
    shift 3
    "$ironcage" screens calibrate --db "$db" --labels "$labels" --out "$work/$id.json" --format json "$@" \
        | sed -n 's/.*"candidate":"\([^"]*\)".*/\1/p'
}
# evaluate ID DB LABELS: the evaluation's JSON line.
evaluate() { "$ironcage" screens evaluate --db "$1" --labels "$3" --rules "$work/$2.json" --format json; }

row() { # row DATASET DIRECTION MODEL EVALUATION-JSON
    local e="$4"
    printf '| %s | %s | %s | %s (%s) | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(count screened "$e")" \
        "$(( $(count true_positives "$e") + $(count false_negatives "$e") ))" \
        "$(field precision "$e")" "$(field recall "$e")" "$(field balanced_accuracy "$e")" "$(field accuracy "$e")"
}

echo "| data set | calibrated on → measured on | model | tenders measured (collusive) | precision | recall | balanced accuracy | accuracy |"
echo "|---|---|---|---|---|---|---|---|"
for m in "${markets[@]}"; do
    for a in 0 1; do
        b=$((1 - a))
        direction="half $a → half $b"
        chosen="$(calibrate "$m-$a-price" "$work/$m.db" "$work/$m.$a" --no-history)"
        row "${title[$m]}" "$direction" "score, price screens ($chosen)" "$(evaluate "$work/$m.db" "$m-$a-price" "$work/$m.$b")"
        chosen="$(calibrate "$m-$a" "$work/$m.db" "$work/$m.$a")"
        row "${title[$m]}" "$direction" "score, price screens and bidder history ($chosen)" "$(evaluate "$work/$m.db" "$m-$a" "$work/$m.$b")"
        calibrate "$m-$a-lit" "$work/$m.db" "$work/$m.$a" --model logistic --features "$literature" >/dev/null
        row "${title[$m]}" "$direction" "logistic, 7 literature screens" "$(evaluate "$work/$m.db" "$m-$a-lit" "$work/$m.$b")"
    done
done
for m in "${markets[@]}"; do
    chosen_price="$(calibrate "$m-all-price" "$work/$m.db" "$work/$m.all" --no-history)"
    chosen="$(calibrate "$m-all" "$work/$m.db" "$work/$m.all")"
    calibrate "$m-all-lit" "$work/$m.db" "$work/$m.all" --model logistic --features "$literature" >/dev/null
    for o in "${markets[@]}"; do
        [ "$o" = "$m" ] && continue
        row "${title[$o]}" "all of ${title[$m]} → all of ${title[$o]}" "score, price screens ($chosen_price)" "$(evaluate "$work/$o.db" "$m-all-price" "$work/$o.all")"
        row "${title[$o]}" "all of ${title[$m]} → all of ${title[$o]}" "score, price screens and bidder history ($chosen)" "$(evaluate "$work/$o.db" "$m-all" "$work/$o.all")"
        row "${title[$o]}" "all of ${title[$m]} → all of ${title[$o]}" "logistic, 7 literature screens" "$(evaluate "$work/$o.db" "$m-all-lit" "$work/$o.all")"
    done
done

# Japan's collusive tenders all predate the JFTC's inspection; later tenders are all
# competitive and have longer histories. Within the pre-inspection tenders alone, time
# cannot stand in for collusion: the same halves, restricted to them.
echo
echo "| data set | calibrated on → measured on | model | tenders measured (collusive) | precision | recall | balanced accuracy | accuracy |"
echo "|---|---|---|---|---|---|---|---|"
period="Period investigation by JFTC=pre-inspection"
python3 "$here/labels.py" "$data/japan.csv" JP --half 0 --only "$period" > "$work/JP-pre.0"
python3 "$here/labels.py" "$data/japan.csv" JP --half 1 --only "$period" > "$work/JP-pre.1"
for a in 0 1; do
    b=$((1 - a))
    chosen="$(calibrate "JP-pre-$a-price" "$work/JP.db" "$work/JP-pre.$a" --no-history)"
    row "Japan, pre-inspection only" "half $a → half $b" "score, price screens ($chosen)" \
        "$(evaluate "$work/JP.db" "JP-pre-$a-price" "$work/JP-pre.$b")"
    chosen="$(calibrate "JP-pre-$a" "$work/JP.db" "$work/JP-pre.$a")"
    row "Japan, pre-inspection only" "half $a → half $b" "score, price screens and bidder history ($chosen)" \
        "$(evaluate "$work/JP.db" "JP-pre-$a" "$work/JP-pre.$b")"
done

# Single screens: a logistic regression on one screen is a threshold on it, its direction
# and place learnt on one half and measured on the other — on each market, and on Japan's
# pre-inspection tenders alone, where time cannot stand in for collusion.
echo
header="| screen alone |"
rule="|---|"
for m in "${markets[@]}"; do
    header="$header ${title[$m]} 0 → 1 | ${title[$m]} 1 → 0 |"
    rule="$rule---|---|"
done
echo "$header Japan, pre-inspection 0 → 1 | Japan, pre-inspection 1 → 0 |"
echo "$rule---|---|"
history="hist.known,hist.bids,hist.pairs,hist.together,hist.closed,hist.rivals,hist.win_rate,hist.winner_rate,hist.winner_share"
richer="bids,low4.cv,low4.diffp,ties,gaps.cv,gap1,low.ref,mean.ref,high.ref"
for screen in ${literature//,/ } ${richer//,/ } ${history//,/ }; do
    line="| \`$screen\` |"
    for m in "${markets[@]}"; do
        for a in 0 1; do
            b=$((1 - a))
            calibrate "$m-$a-$screen" "$work/$m.db" "$work/$m.$a" --model logistic --features "$screen" >/dev/null
            line="$line $(field balanced_accuracy "$(evaluate "$work/$m.db" "$m-$a-$screen" "$work/$m.$b")") |"
        done
    done
    for a in 0 1; do
        b=$((1 - a))
        calibrate "JP-pre-$a-$screen" "$work/JP.db" "$work/JP-pre.$a" --model logistic --features "$screen" >/dev/null
        line="$line $(field balanced_accuracy "$(evaluate "$work/JP.db" "JP-pre-$a-$screen" "$work/JP-pre.$b")") |"
    done
    echo "$line"
done
