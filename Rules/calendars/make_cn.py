#!/usr/bin/env python3
"""Generate Rules/calendars/cn.json, mainland China's work calendar, 2004-2026.

Source of the facts: the State Council's yearly notices, 国务院办公厅关于YYYY年部分
节假日安排的通知, plus the notices that changed a published arrangement (the 2015
victory-day holiday, the 2019 Labour Day change, the 2020 Spring Festival extension).
The dates are taken from the PyPI package `chinesecalendar` (module
`chinese_calendar`, version 1.11.0, which transcribes those notices) and checked
here against notices quoted in SPOT_CHECKS below.

Output format (the same text is the file's "about" member):

    {"name": "cn", "about": "...", "time_zone": "Asia/Shanghai", "utc_offset": "+08:00",
     "years": {"2025": {"holidays": ["2025-01-01", ...],
                        "workdays": ["2025-01-26", ...],
                        "source": "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)"},
               ...}}

- Every year from the first to the last is present; IronCage treats a missing year as
  an error, never as a Monday-to-Friday guess.
- `holidays`: every day off of a holiday break (放假), in ISO 8601 order, including the
  weekend days inside or joined to the break (the notices' "与周末连休"). A break is the
  run of consecutive days off that contains a day the package lists as a holiday.
- `workdays`: only the Saturdays and Sundays that the notices make working days (调休上班).
- Nothing else is stored. A day is a working day iff it is listed in `workdays`, or it
  is Monday to Friday and not listed in `holidays`.
- A day is filed under its own calendar year. A notice for year Y+1 sometimes sets days
  at the end of December of Y (2006-12-30/31 worked for 元旦 2007; 2018-12-29 worked and
  12-30/31 off for 元旦 2019; ...): such days are listed under Y, and Y's `source` names
  both notices.
- `source`: the notices' titles; the document number (文号) is given where two
  independent listings of it agreed.

Adding a year (the notice usually appears between October and December): either
upgrade `chinesecalendar` once it covers the year, add the notice to SOURCES and
LAST_YEAR below and run this script; or add the year to cn.json by hand in the same
form. In both cases also check late December of the year before, which the new notice
may change, and re-run the spot checks.

Usage:
    python3 Rules/calendars/make_cn.py           # writes cn.json next to this script
    python3 Rules/calendars/make_cn.py --check   # exits 1 if cn.json is not what it would write
"""

import datetime
import json
import os
import sys

import chinese_calendar
from chinese_calendar import constants

FIRST_YEAR = 2004
LAST_YEAR = 2026

NOTICE = "国务院办公厅关于{}年部分节假日安排的通知"

# Document numbers (文号) confirmed by two independent listings; other years give the
# title alone rather than risk a wrong number.
NUMBERS = {
    2008: "国办发明电〔2007〕52号",
    2013: "国办发明电〔2012〕33号",
    2015: "国办发明电〔2014〕28号",
    2016: "国办发明电〔2015〕18号",
    2017: "国办发明电〔2016〕17号",
    2018: "国办发明电〔2017〕12号",
    2019: "国办发明电〔2018〕15号",
    2020: "国办发明电〔2019〕16号",
    2021: "国办发明电〔2020〕27号",
    2022: "国办发明电〔2021〕11号",
    2023: "国办发明电〔2022〕16号",
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国办发明电〔2025〕7号",
}

# Notices that changed a year's published arrangement.
AMENDMENTS = {
    2015: ["国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知 "
           "(国发明电〔2015〕1号: 9月3日至5日放假, 9月6日上班)"],
    2019: ["国务院办公厅关于调整2019年劳动节假期安排的通知 (5月1日至4日放假, 4月28日、5月5日上班)"],
    2020: ["国务院办公厅关于延长2020年春节假期的通知 (春节假期延长至2月2日, 2月1日不再上班)"],
}

# Facts quoted from the notices themselves, checked against the generated data:
# (year, holiday ranges as (first, last) inclusive, make-up working days).
SPOT_CHECKS = [
    # 国办发明电〔2025〕7号: 元旦 1/1-1/3, 1/4 上班; 春节 2/15-2/23, 2/14 2/28 上班;
    # 清明 4/4-4/6; 劳动节 5/1-5/5, 5/9 上班; 端午 6/19-6/21; 中秋 9/25-9/27;
    # 国庆 10/1-10/7, 9/20 10/10 上班.
    (2026,
     [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
      ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
      ("2026-10-01", "2026-10-07")],
     ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
    # 国办发明电〔2024〕12号: 元旦 1/1; 春节 1/28-2/4, 1/26 2/8 上班; 清明 4/4-4/6;
    # 劳动节 5/1-5/5, 4/27 上班; 端午 5/31-6/2; 国庆、中秋 10/1-10/8, 9/28 10/11 上班.
    (2025,
     [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
      ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")],
     ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
    # 国办发明电〔2023〕7号: 元旦 1/1 与周末连休; 春节 2/10-2/17, 2/4 2/18 上班;
    # 清明 4/4-4/6, 4/7 上班; 劳动节 5/1-5/5, 4/28 5/11 上班; 端午 6/10 与周末连休;
    # 中秋 9/15-9/17, 9/14 上班; 国庆 10/1-10/7, 9/29 10/12 上班.
    (2024,
     [("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"),
      ("2024-05-01", "2024-05-05"), ("2024-06-08", "2024-06-10"), ("2024-09-15", "2024-09-17"),
      ("2024-10-01", "2024-10-07")],
     ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
      "2024-09-29", "2024-10-12"]),
    # 国务院办公厅关于2004年部分节假日安排的通知: 元旦 1/1; 春节 1/22-1/28, 1/17 1/18 上班;
    # 五一 5/1-5/7, 5/8 5/9 上班; 十一 10/1-10/7, 10/9 10/10 上班.
    (2004,
     [("2004-01-01", "2004-01-01"), ("2004-01-22", "2004-01-28"), ("2004-05-01", "2004-05-07"),
      ("2004-10-01", "2004-10-07")],
     ["2004-01-17", "2004-01-18", "2004-05-08", "2004-05-09", "2004-10-09", "2004-10-10"]),
    # 2020: 春节 1/24-2/2 after the extension; 1/19 上班 (2/1 no longer worked).
    (2020,
     [("2020-01-01", "2020-01-01"), ("2020-01-24", "2020-02-02"), ("2020-04-04", "2020-04-06"),
      ("2020-05-01", "2020-05-05"), ("2020-06-25", "2020-06-27"), ("2020-10-01", "2020-10-08")],
     ["2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"]),
]

ABOUT = (
    "Mainland China's statutory holidays and make-up working days, from the State "
    "Council's yearly notices (国务院办公厅关于YYYY年部分节假日安排的通知) and the notices that "
    "amended them, generated by make_cn.py from the PyPI package chinesecalendar 1.11.0 "
    "and spot-checked against the notices. Each year lists: holidays, every day off of a "
    "holiday break, weekend days inside or joined to the break included; workdays, only "
    "the Saturdays and Sundays made working days (调休上班); source, the notices. A day is "
    "a working day iff it is in workdays, or it is Monday to Friday and not in holidays. "
    "Days are filed under their own calendar year: when a notice for year Y+1 sets days "
    "at the end of December of Y, they are listed under Y and Y's source names both "
    "notices. A year that is not listed is an error for IronCage, never a Monday-to-Friday "
    "guess. To add a year, once its notice is published: add \"YYYY\": {\"holidays\": [...], "
    "\"workdays\": [...], \"source\": \"title (文号)\"} by hand, or upgrade chinesecalendar, "
    "extend make_cn.py and re-run it; also check late December of the year before. Times "
    "are Asia/Shanghai, a fixed UTC+08:00 (no daylight saving since 1991)."
)


def iso(d):
    return d.isoformat()


def day_range(first, last):
    d = first
    while d <= last:
        yield d
        d += datetime.timedelta(days=1)


def build():
    first = datetime.date(FIRST_YEAR, 1, 1)
    last = datetime.date(LAST_YEAR, 12, 31)
    listed_holidays = {d for d in constants.holidays if first <= d <= last}
    workdays = {d for d in constants.workdays if first <= d <= last}

    def is_off(d):
        return d in listed_holidays or (d.weekday() >= 5 and d not in workdays)

    # Extend every listed holiday over the weekend days of its break (与周末连休).
    holidays = set(listed_holidays)
    for d in listed_holidays:
        for step in (1, -1):
            e = d + datetime.timedelta(days=step)
            while first <= e <= last and is_off(e):
                holidays.add(e)
                e += datetime.timedelta(days=step)

    for d in workdays:
        assert d.weekday() >= 5, f"make-up working day {d} is not a weekend day"
        assert d not in holidays, f"{d} is both a holiday and a working day"
    # Extending breaks over weekends never changes whether a day is worked.
    for d in day_range(first, last):
        worked = d in workdays or (d.weekday() < 5 and d not in holidays)
        assert worked == chinese_calendar.is_workday(d), f"{d}: disagrees with chinese_calendar"

    years = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        h = sorted(d for d in holidays if d.year == year)
        w = sorted(d for d in workdays if d.year == year)
        # Days of December decided by next year's notice: its make-up days and the break
        # that runs into 1 January.
        decided_next = [d for d in w if d.month == 12] + [
            d for d in h if d.month == 12 and all(
                e in holidays or e.weekday() >= 5 for e in day_range(d, datetime.date(year + 1, 1, 1)))
        ]
        parts = [NOTICE.format(year) + (f" ({NUMBERS[year]})" if year in NUMBERS else "")]
        parts += AMENDMENTS.get(year, [])
        if decided_next:
            assert year + 1 <= LAST_YEAR, f"{year}: December decided by a notice not covered"
            days = ", ".join(f"{d.month}月{d.day}日" for d in sorted(decided_next))
            parts.append(NOTICE.format(year + 1)
                         + (f" ({NUMBERS[year + 1]})" if year + 1 in NUMBERS else "")
                         + f" (元旦 days in December: {days})")
        years[str(year)] = {
            "holidays": [iso(d) for d in h],
            "workdays": [iso(d) for d in w],
            "source": "; ".join(parts),
        }
    return years


def spot_check(years):
    for year, ranges, makeup in SPOT_CHECKS:
        entry = years[str(year)]
        expected = set()
        for a, b in ranges:
            expected.update(iso(d) for d in day_range(datetime.date.fromisoformat(a),
                                                      datetime.date.fromisoformat(b)))
        got = {d for d in entry["holidays"]}
        assert got == expected, f"{year}: holidays differ from the notice: {sorted(got ^ expected)}"
        assert entry["workdays"] == makeup, f"{year}: workdays {entry['workdays']} != notice {makeup}"


def render(years):
    """The file's text: one member per line inside each year, so diffs stay readable."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)
    lines = [
        "{",
        f'  "name": "cn",',
        f'  "about": {dump(ABOUT)},',
        f'  "time_zone": "Asia/Shanghai",',
        f'  "utc_offset": "+08:00",',
        '  "years": {',
    ]
    keys = list(years)
    for i, key in enumerate(keys):
        entry = years[key]
        lines.append(f'    {dump(key)}: {{')
        lines.append(f'      "holidays": {dump(entry["holidays"])},')
        lines.append(f'      "workdays": {dump(entry["workdays"])},')
        lines.append(f'      "source": {dump(entry["source"])}')
        lines.append("    }" + ("," if i < len(keys) - 1 else ""))
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def main(argv):
    years = build()
    spot_check(years)
    text = render(years)
    json.loads(text)  # the rendering is valid JSON
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cn.json")
    if argv[1:] == ["--check"]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{path} is out of date: run {argv[0]}", file=sys.stderr)
                return 1
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 64
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
