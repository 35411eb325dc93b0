#!/usr/bin/env python3
"""Regenerate IronCage's bundled sample data (Samples/).

What it makes, all in the folder this script lives in:

  traffic-police.ndjson     gy.jgj  贵阳市公安局交通管理局: cases, accidents, penalties, record look-ups
  service-centre.ndjson     gy.zwfw 政务服务中心: licensing applications, 好差评 ratings, 12345 hotline
  trading-centre.ndjson     gy.ggzy 公共资源交易中心: tenders, deposits, bids, awards, contracts
  finance.ndjson            gy.czj  财政局: procurements, payments, subsidies, 三重一大 meetings,
                            plus registry facts from gy.mzj (民政局: deaths) and gy.rsj (人社局: officials)
  malformed.ndjson          a small gy.test stream mixing good lines with one bad line per rejection code
  malformed.expected.tsv    line<TAB>code<TAB>field for every bad line of malformed.ndjson
  README.md                 what each file holds, counts, the planted anomalies and their subjects

Every line of the four department streams is one event envelope (id, type, at, dept,
actor?, subject, data), sorted by `at`, between 2026-09-01 and 2026-11-20 (Beijing time,
written with +08:00). The data are synthetic: ids such as person:5201004417 or
officer:0451 stand for nobody. Planted anomalies (and a near miss beside most of them)
are listed in README.md with their subjects.

Usage (Python 3.9+, standard library only; from the repository root or anywhere):

  python3 Samples/make_samples.py           # rewrite every file above
  python3 Samples/make_samples.py --check   # validate the files on disk, change nothing

The output is deterministic: a fixed seed, no clock, no hash-order dependence, so two
runs give byte-identical files. `--check` re-validates every stream line against the
envelope rules, checks ids are unique per department, and re-derives the rejection code
of every line of malformed.ndjson and compares it with malformed.expected.tsv.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20260901

PERIOD_START = datetime(2026, 9, 1, 0, 0, 0)
PERIOD_END = datetime(2026, 11, 20, 23, 59, 59)

# ---------------------------------------------------------------------------
# Work calendar: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
# Only Sep-Nov matters here, the whole year is listed for completeness.
# ---------------------------------------------------------------------------


def _days(first: str, last: str) -> list[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


HOLIDAYS_2026 = frozenset(
    _days("2026-01-01", "2026-01-03")
    + _days("2026-02-15", "2026-02-23")
    + _days("2026-04-04", "2026-04-06")
    + _days("2026-05-01", "2026-05-05")
    + _days("2026-06-19", "2026-06-21")
    + _days("2026-09-25", "2026-09-27")
    + _days("2026-10-01", "2026-10-07")
)
MAKEUP_WORKDAYS_2026 = frozenset(
    date.fromisoformat(d)
    for d in ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")
)


def is_workday(d: date) -> bool:
    if d in MAKEUP_WORKDAYS_2026:
        return True
    if d in HOLIDAYS_2026:
        return False
    return d.weekday() < 5


def add_workdays(d: date, n: int) -> date:
    """The Nth working day after d (d itself does not count)."""
    while n > 0:
        d += timedelta(days=1)
        if is_workday(d):
            n -= 1
    return d


def workdays_between(a: date, b: date) -> int:
    """Working days in (a, b]."""
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        if is_workday(d):
            n += 1
    return n


def next_workday(d: date) -> date:
    """d itself when it is a working day, else the next one."""
    while not is_workday(d):
        d += timedelta(days=1)
    return d


def fmt(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"


def at(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss)


MORNING = (8 * 60 + 40, 11 * 60 + 50)
AFTERNOON = (13 * 60 + 40, 17 * 60 + 20)


def office_time(rng: random.Random, day: date, not_before: datetime | None = None) -> datetime | None:
    """A moment in office hours on `day`, a few minutes after `not_before` when that is the same day."""
    lo = MORNING[0]
    if not_before is not None and not_before.date() == day:
        lo = max(lo, not_before.hour * 60 + not_before.minute + 3)
    slots = [(max(a, lo), b) for a, b in (MORNING, AFTERNOON) if max(a, lo) <= b]
    if not slots:
        return None
    weights = [b - a + 1 for a, b in slots]
    a, b = rng.choices(slots, weights=weights)[0]
    m = rng.randint(a, b)
    return at(day, m // 60, m % 60, rng.randint(0, 59))


def office_on_or_after(rng: random.Random, day: date, not_before: datetime | None = None) -> datetime:
    """Office time on the first working day >= day (and after not_before)."""
    d = day
    while True:
        if is_workday(d):
            t = office_time(rng, d, not_before)
            if t is not None and (not_before is None or t > not_before):
                return t
        d += timedelta(days=1)


def any_time(rng: random.Random, day: date, lo_min: int, hi_min: int) -> datetime:
    """A moment lo_min..hi_min minutes after midnight of `day` (hi may pass midnight)."""
    m = rng.randint(lo_min, hi_min)
    return at(day, 0, 0) + timedelta(minutes=m, seconds=rng.randint(0, 59))


def minutes_later(rng: random.Random, t: datetime, lo: int, hi: int) -> datetime:
    return t + timedelta(minutes=rng.randint(lo, hi), seconds=rng.randint(0, 59))


def period_days() -> list[date]:
    return _days(PERIOD_START.date().isoformat(), PERIOD_END.date().isoformat())


def money(cents: int) -> int | float:
    """Yuan as a JSON number: an int when whole, else two decimals."""
    return cents // 100 if cents % 100 == 0 else round(cents / 100, 2)


# ---------------------------------------------------------------------------
# Synthetic identifiers
# ---------------------------------------------------------------------------

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 统一社会信用代码 alphabet


class IdPool:
    """Unique random identifiers with a fixed prefix, drawn from one RNG."""

    def __init__(self, rng: random.Random, make):
        self.rng, self.make, self.seen = rng, make, set()

    def new(self) -> str:
        while True:
            v = self.make(self.rng)
            if v not in self.seen:
                self.seen.add(v)
                return v


def person_pool(rng: random.Random, block: int) -> IdPool:
    # person:52<block><6 digits>, e.g. person:5201004417; blocks keep streams apart.
    return IdPool(rng, lambda r: f"person:52{block:02d}{r.randint(0, 999999):06d}")


def company_pool(rng: random.Random) -> IdPool:
    prefixes = ["91520100MA6", "91520102MA6", "91520103MA6", "91520115MA6", "91520111MA6"]
    return IdPool(rng, lambda r: "org:" + r.choice(prefixes) + "".join(r.choice(CODE_CHARS) for _ in range(7)))


def government_pool(rng: random.Random) -> IdPool:
    return IdPool(rng, lambda r: "org:11520100" + f"{r.randint(0, 999999999):09d}" + r.choice(CODE_CHARS))


# ---------------------------------------------------------------------------
# Streams
# ---------------------------------------------------------------------------


class Stream:
    """Collects events, then sorts them by `at` and numbers them per department."""

    def __init__(self, filename: str, prefixes: dict[str, str]):
        self.filename = filename
        self.prefixes = prefixes
        self.events: list[tuple[datetime, int, dict]] = []

    def emit(self, type_: str, t: datetime, dept: str, subject: str, data: dict, actor: str | None = None) -> bool:
        """Adds an event; one that would happen after the sample period is dropped (still open)."""
        assert t >= PERIOD_START, (type_, subject, t)
        assert dept in self.prefixes, dept
        if t > PERIOD_END:
            return False
        env = {"type": type_, "at": fmt(t), "dept": dept}
        if actor is not None:
            env["actor"] = actor
        env["subject"] = subject
        env["data"] = data
        self.events.append((t, len(self.events), env))
        return True

    def must(self, type_: str, t: datetime, dept: str, subject: str, data: dict, actor: str | None = None) -> None:
        """Adds an event that is part of a planted scenario and must fall inside the period."""
        assert t <= PERIOD_END, (type_, subject, t)
        self.emit(type_, t, dept, subject, data, actor)

    def lines(self) -> list[str]:
        counters: Counter = Counter()
        out = []
        for _, _, env in sorted(self.events, key=lambda e: (e[0], e[1])):
            counters[env["dept"]] += 1
            full = {"id": f"{self.prefixes[env['dept']]}{counters[env['dept']]:06d}"}
            full.update(env)
            out.append(json.dumps(full, ensure_ascii=False, separators=(",", ":")))
        return out


class Notes:
    """Planted anomalies, near misses and extras, for README.md."""

    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []  # (file, kind, subjects, what)

    def add(self, file: str, kind: str, subjects, what: str) -> None:
        if isinstance(subjects, str):
            subjects = [subjects]
        self.rows.append((file, kind, ", ".join(f"`{s}`" for s in subjects), what))


NOTES = Notes()

# ---------------------------------------------------------------------------
# 1. Traffic police — gy.jgj
# ---------------------------------------------------------------------------

JGJ = "gy.jgj"

CASE_HANDLERS = ["officer:0451", "officer:0452", "officer:0458", "officer:0463", "officer:0467", "officer:0471"]
DUTY_DESK = ["officer:0431", "officer:0432", "officer:0436"]  # 接警 desk
CHIEFS = ["officer:0402", "officer:0405"]  # approve extensions
FIELD_OFFICERS = [f"officer:{n:04d}" for n in (311, 312, 314, 315, 317, 318, 320, 321, 323, 325, 326, 329)]
LEGAL_OFFICERS = ["officer:0901", "officer:0907"]  # 法制审核: revocations
ACCIDENT_OFFICERS = ["officer:0612", "officer:0615", "officer:0618", "officer:0621", "officer:0624"]

PROCURATORATES = ["云岩区人民检察院", "南明区人民检察院", "观山湖区人民检察院", "花溪区人民检察院", "白云区人民检察院", "乌当区人民检察院"]
ADMIN_TRANSFER_TO = ["云岩分局", "南明分局", "观山湖分局", "贵阳市市场监督管理局", "贵阳市交通运输综合行政执法支队"]

CRIMINAL_SUMMARIES = [
    "夜查中驾驶人涉嫌醉酒驾驶机动车，呼气酒精含量检测结果为{v}mg/100ml",
    "夜查中驾驶人涉嫌醉酒驾驶机动车，呼气酒精含量检测结果为{v}mg/100ml",
    "夜查中驾驶人涉嫌醉酒驾驶机动车，呼气酒精含量检测结果为{v}mg/100ml",
    "报警称有车辆撞伤行人后驶离现场，驾驶人涉嫌交通肇事逃逸",
    "两车相撞致一人死亡，驾驶人涉嫌交通肇事罪",
    "群众报警称有车辆在环城高速追逐竞驶，涉嫌危险驾驶",
    "驾驶营运客车严重超员，涉嫌危险驾驶",
]
CRIMINAL_NOT_FILED = [
    "经血液酒精含量检验未达到醉酒标准，不构成犯罪，转为行政案件处理",
    "经调查，伤者损伤程度为轻微伤，不构成交通肇事罪",
    "经审查，没有犯罪事实",
]

# (summary, act, code, amount) for administrative cases that end in a penalty
ADMIN_CASES = [
    ("驾驶人饮酒后驾驶机动车，呼气酒精含量检测结果为{v}mg/100ml", "饮酒后驾驶机动车", "1711", 1500),
    ("驾驶人饮酒后驾驶机动车，呼气酒精含量检测结果为{v}mg/100ml", "饮酒后驾驶机动车", "1711", 1000),
    ("查获一辆悬挂他车号牌的小型轿车", "使用其他车辆号牌", "5010", 3000),
    ("查获一名未取得驾驶证驾驶机动车的驾驶人", "未取得机动车驾驶证驾驶机动车", "1101", 1000),
    ("查获驾驶已达报废标准的机动车上路行驶", "驾驶已达报废标准的机动车", "1316", 1500),
    ("发生交通事故后驾驶人驶离现场，尚不构成犯罪", "交通事故后逃逸尚不构成犯罪", "1719", 1500),
    ("群众举报有车辆长期伪装号牌逃避监控", "故意遮挡、污损机动车号牌", "5007", 200),
    ("货车超载百分之三十以上被查获", "货车超过核定载质量百分之三十以上", "1602", 2000),
]

TRAFFIC_ACTS = [  # (act, code, amount, weight)
    ("闯红灯", "1625", 200, 18),
    ("违反规定停放、临时停车", "1039", 150, 30),
    ("违反禁令标志指示", "1345", 100, 14),
    ("超过规定时速10%以上未达20%", "1352", 200, 10),
    ("驾驶时拨打、接听手持电话", "1223", 200, 8),
    ("驾驶人未按规定使用安全带", "6011", 50, 8),
    ("机动车逆向行驶", "1301", 200, 5),
    ("行经人行横道未按规定避让行人", "1357", 200, 7),
]

REVOKE_REASONS = [
    "当事人提出申辩，经核实系为让行执行任务的救护车被迫越线，撤销处罚决定",
    "号牌识别错误，违法车辆与当事人车辆不符",
    "经核实当时交通信号灯故障，撤销处罚决定",
    "当事人车辆系被套牌，实际违法人另有其人",
    "违法事实不清，证据不足",
]

ACCESS_PURPOSES = [
    "核实当事人身份信息",
    "查询当事人驾驶证状态",
    "查询涉案机动车登记信息",
    "核查当事人违法记录",
    "核实报案人联系方式",
]

ACCIDENT_SUMMARIES = [
    "两车追尾，无人员伤亡",
    "小型轿车与电动自行车相撞，一人受伤",
    "车辆变更车道时与同向车辆刮擦",
    "路口左转车辆与直行车辆相撞，两人受伤",
    "货车倒车时撞到路边行人，一人受伤",
    "多车连环相撞，三人受伤",
    "车辆失控撞击护栏，驾驶人受伤",
]


def make_police(rng: random.Random) -> Stream:
    s = Stream("traffic-police.ndjson", {JGJ: "JGJ-2026-"})
    F = "traffic-police.ndjson"
    people = person_pool(rng, 1)
    drivers = [people.new() for _ in range(420)]
    days = period_days()

    # ---- cases: specs first, numbered by report time
    specs = []
    for _ in range(32):  # criminal
        d = rng.choice(days[:-2])
        night = rng.random() < 0.7
        t = any_time(rng, d, 20 * 60 + 30, 26 * 60 + 30) if night else any_time(rng, d, 8 * 60, 19 * 60)
        specs.append({"kind": "criminal", "rep": t, "plan": "normal"})
    for _ in range(58):  # administrative
        d = rng.choice(days[:-2])
        t = any_time(rng, d, 8 * 60, 20 * 60)
        specs.append({"kind": "administrative", "rep": t, "plan": "normal"})
    # planted
    specs.append({"kind": "criminal", "rep": at(date(2026, 11, 3), 8, 47, 12), "plan": "criminal_overdue"})
    specs.append({"kind": "criminal", "rep": at(date(2026, 10, 27), 23, 5, 40), "plan": "criminal_extended_near"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 10, 12), 16, 30, 5), "plan": "accept_40h"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 10, 21), 17, 5, 31), "plan": "accept_23h"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 10, 19), 10, 45, 2), "plan": "never_accepted"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 9, 14), 10, 12, 44), "plan": "appraisal_near"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 9, 21), 9, 40, 9), "plan": "reopened_review"})
    specs.append({"kind": "administrative", "rep": at(date(2026, 9, 28), 15, 2, 51), "plan": "reopened_evidence"})
    specs.sort(key=lambda c: c["rep"])
    for i, c in enumerate(specs, 1):
        c["id"] = f"case:2026-{i:04d}"
        c["handler"] = rng.choice(CASE_HANDLERS)
        c["reporter"] = people.new()
        c["party"] = rng.choice(drivers)

    penalties = []  # dicts: t, party, act, code, amount, officer, revoke(t, actor, reason) | None, note
    case_windows = []  # (case, handler, party, reporter, from, to) for record look-ups
    planted = {}

    for c in specs:
        cid, kind, plan, h = c["id"], c["kind"], c["plan"], c["handler"]
        rep = c["rep"]
        if kind == "criminal":
            late = rep.hour >= 20 or rep.hour < 6
            tmpl = rng.choice([x for x in CRIMINAL_SUMMARIES if late or not x.startswith("夜查")])
            summary = tmpl.format(v=rng.randint(82, 236))
        else:
            adm = rng.choice(ADMIN_CASES)
            c["adm"] = adm
            summary = adm[0].format(v=rng.randint(21, 79))
        if plan == "never_accepted":
            summary = "群众举报某小区门口长期有车辆违法停放，占用消防通道"
        s.must("case.reported", rep, JGJ, cid, {"kind": kind, "summary": summary, "reporter": c["reporter"]}, rng.choice(DUTY_DESK))
        if plan == "never_accepted":
            planted["never_accepted"] = cid
            continue
        # acceptance
        if plan == "accept_40h":
            acc = rep + timedelta(hours=40)
            planted["accept_40h"] = cid
        elif plan == "accept_23h":
            acc = rep + timedelta(hours=23)
            planted["accept_23h"] = cid
        elif kind == "criminal":
            acc = minutes_later(rng, rep, 12, 110)
        else:
            acc = minutes_later(rng, rep, 10, 230)
        s.must("case.accepted", acc, JGJ, cid, {"kind": kind}, h)
        end_of_case = PERIOD_END

        if kind == "criminal":
            if plan == "criminal_overdue":
                filed = at(date(2026, 11, 9), 15, 40, 27)  # 6 days after acceptance on 11-03, no extension
                assert (filed.date() - acc.date()).days == 6 and workdays_between(acc.date(), filed.date()) == 4
                s.must("case.filed", filed, JGJ, cid, {}, h)
                planted["criminal_overdue"] = cid
                t = filed
                r = 0.0
            elif plan == "criminal_extended_near":
                ext = office_on_or_after(rng, acc.date() + timedelta(days=2))
                s.must("case.review_extended", ext, JGJ, cid, {"days": 7}, rng.choice(CHIEFS))
                filed = office_on_or_after(rng, acc.date() + timedelta(days=6))
                assert (filed.date() - acc.date()).days <= 7
                s.must("case.filed", filed, JGJ, cid, {}, h)
                planted["criminal_extended_near"] = cid
                t = filed
                r = 0.0
            else:
                r = rng.random()
                if r < 0.78:
                    filed = office_on_or_after(rng, acc.date(), acc) if acc.hour < 17 else office_on_or_after(rng, acc.date() + timedelta(days=1))
                    if (filed.date() - acc.date()).days > 2 or workdays_between(acc.date(), filed.date()) > 2:
                        # across a weekend or holiday: the duty team files the next morning anyway
                        filed = at(acc.date() + timedelta(days=1), 9, rng.randint(0, 50), rng.randint(0, 59))
                    s.emit("case.filed", filed, JGJ, cid, {}, h)
                    t = filed
                elif r < 0.88:
                    ext = at(acc.date() + timedelta(days=rng.randint(1, 2)), 10, rng.randint(0, 59), rng.randint(0, 59))
                    s.emit("case.review_extended", ext, JGJ, cid, {"days": 7}, rng.choice(CHIEFS))
                    filed = office_on_or_after(rng, acc.date() + timedelta(days=rng.randint(4, 6)))
                    if (filed.date() - acc.date()).days > 7:
                        filed = at(acc.date() + timedelta(days=7), 10, rng.randint(0, 59), rng.randint(0, 59))
                    s.emit("case.filed", filed, JGJ, cid, {}, h)
                    t = filed
                elif r < 0.93:
                    ext = at(acc.date() + timedelta(days=2), 10, rng.randint(0, 59), rng.randint(0, 59))
                    s.emit("case.review_extended", ext, JGJ, cid, {"days": 30}, rng.choice(CHIEFS))
                    filed = office_on_or_after(rng, acc.date() + timedelta(days=rng.randint(10, 22)))
                    s.emit("case.filed", filed, JGJ, cid, {}, h)
                    t = filed
                else:
                    nf = at(acc.date() + timedelta(days=1), 10, rng.randint(0, 59), rng.randint(0, 59))
                    s.emit("case.not_filed", nf, JGJ, cid, {"reason": rng.choice(CRIMINAL_NOT_FILED)}, h)
                    case_windows.append((cid, h, c["party"], c["reporter"], acc, nf))
                    continue
            # investigation
            a1 = office_on_or_after(rng, t.date(), t)
            s.emit("case.appraisal_started", a1, JGJ, cid, {}, h)
            a2 = office_on_or_after(rng, a1.date() + timedelta(days=rng.randint(3, 12)))
            s.emit("case.appraisal_finished", a2, JGJ, cid, {}, h)
            tr = office_on_or_after(rng, a2.date() + timedelta(days=rng.randint(5, 25)))
            s.emit("case.transferred", tr, JGJ, cid, {"to": rng.choice(PROCURATORATES)}, h)
            cl = office_on_or_after(rng, tr.date() + timedelta(days=rng.randint(0, 3)), tr)
            s.emit("case.closed", cl, JGJ, cid, {}, h)
            case_windows.append((cid, h, c["party"], c["reporter"], acc, min(cl, PERIOD_END)))
            continue

        # administrative
        act, code, amount = c["adm"][1], c["adm"][2], c["adm"][3]
        if plan == "appraisal_near":
            # 30-day handling limit: 38 calendar days in all, 14 of them in appraisal (clock stopped)
            a1 = office_on_or_after(rng, acc.date() + timedelta(days=2))
            a2 = at(a1.date() + timedelta(days=14), 15, 20, 8)
            s.must("case.appraisal_started", a1, JGJ, cid, {}, h)
            s.must("case.appraisal_finished", a2, JGJ, cid, {}, h)
            pen = at(acc.date() + timedelta(days=37), 10, 5, 33)
            cl = at(acc.date() + timedelta(days=38), 9, 48, 20)
            penalties.append({"t": pen, "party": c["party"], "act": act, "code": code, "amount": amount, "officer": h})
            s.must("case.closed", cl, JGJ, cid, {}, h)
            planted["appraisal_near"] = cid
            case_windows.append((cid, h, c["party"], c["reporter"], acc, cl))
            continue
        if plan in ("reopened_review", "reopened_evidence"):
            pen = office_on_or_after(rng, acc.date() + timedelta(days=4))
            cl = office_on_or_after(rng, pen.date(), pen)
            if plan == "reopened_review":
                # 行政复议 quashes the decision: revoke, reopen, decide again, close
                rv = office_on_or_after(rng, cl.date() + timedelta(days=16))
                penalties.append({"t": pen, "party": c["party"], "act": act, "code": code, "amount": amount, "officer": h,
                                  "revoke": (rv, LEGAL_OFFICERS[0], "行政复议机关以事实不清为由撤销原处罚决定，责令重新作出处理")})
            else:
                penalties.append({"t": pen, "party": c["party"], "act": act, "code": code, "amount": amount, "officer": h})
                rv = office_on_or_after(rng, cl.date() + timedelta(days=9))
            s.must("case.closed", cl, JGJ, cid, {}, h)
            ro = office_on_or_after(rng, rv.date(), rv)
            s.must("case.reopened", ro, JGJ, cid, {}, h)
            pen2 = office_on_or_after(rng, ro.date() + timedelta(days=6))
            if plan == "reopened_review":
                penalties.append({"t": pen2, "party": c["party"], "act": act, "code": code, "amount": amount, "officer": h})
            cl2 = office_on_or_after(rng, pen2.date(), pen2)
            s.must("case.closed", cl2, JGJ, cid, {}, h)
            planted[plan] = cid
            case_windows.append((cid, h, c["party"], c["reporter"], acc, cl2))
            continue
        r = rng.random()
        if r < 0.12:
            tr = office_on_or_after(rng, acc.date() + timedelta(days=rng.randint(1, 5)))
            s.emit("case.transferred", tr, JGJ, cid, {"to": rng.choice(ADMIN_TRANSFER_TO)}, h)
            cl = office_on_or_after(rng, tr.date(), tr)
            s.emit("case.closed", cl, JGJ, cid, {}, h)
            case_windows.append((cid, h, c["party"], c["reporter"], acc, min(cl, PERIOD_END)))
            continue
        t = acc
        pause = 0
        if r < 0.30:
            a1 = office_on_or_after(rng, acc.date() + timedelta(days=rng.randint(1, 3)))
            s.emit("case.appraisal_started", a1, JGJ, cid, {}, h)
            a2 = office_on_or_after(rng, a1.date() + timedelta(days=rng.randint(3, 10)))
            s.emit("case.appraisal_finished", a2, JGJ, cid, {}, h)
            t = a2
            pause = (a2.date() - a1.date()).days
        if r > 0.90:
            # extended by 30 days: decided and closed 35-50 days after acceptance
            ext = at(acc.date() + timedelta(days=rng.randint(20, 24)), 10, rng.randint(0, 59), rng.randint(0, 59))
            s.emit("case.handling_extended", ext, JGJ, cid, {"days": 30}, rng.choice(CHIEFS))
            pen = office_on_or_after(rng, acc.date() + timedelta(days=rng.randint(34, 46)))
            assert (pen.date() - acc.date()).days - pause <= 55
        else:
            pen = office_on_or_after(rng, t.date() + timedelta(days=rng.randint(1, 8)))
        cl = office_on_or_after(rng, pen.date() + timedelta(days=rng.randint(0, 2)), pen)
        assert (cl.date() - acc.date()).days - pause <= (58 if r > 0.90 else 28), cid
        penalties.append({"t": pen, "party": c["party"], "act": act, "code": code, "amount": amount, "officer": h})
        s.emit("case.closed", cl, JGJ, cid, {}, h)
        case_windows.append((cid, h, c["party"], c["reporter"], acc, min(cl, PERIOD_END)))

    # ---- accidents
    acc_specs = []
    for _ in range(36):
        d = rng.choice(days[:-3])
        acc_specs.append(any_time(rng, d, 7 * 60, 22 * 60))
    acc_specs.sort()
    for i, t in enumerate(acc_specs, 1):
        aid = f"accident:2026-{i:04d}"
        o = rng.choice(ACCIDENT_OFFICERS)
        scene = minutes_later(rng, t, 40, 150)
        s.emit("accident.scene_done", scene, JGJ, aid, {"summary": rng.choice(ACCIDENT_SUMMARIES)}, o)
        if rng.random() < 0.4:
            ap = office_on_or_after(rng, scene.date() + timedelta(days=rng.randint(5, 18)))
            s.emit("accident.appraisal_done", ap, JGJ, aid, {}, o)
            fi = office_on_or_after(rng, ap.date() + timedelta(days=rng.randint(1, 3)))
            if (fi.date() - ap.date()).days > 5:
                fi = at(ap.date() + timedelta(days=5), 10, 30, rng.randint(0, 59))
        else:
            fi = office_on_or_after(rng, scene.date() + timedelta(days=rng.randint(2, 8)))
            if (fi.date() - scene.date()).days > 10:
                fi = at(scene.date() + timedelta(days=10), 10, 30, rng.randint(0, 59))
        s.emit("accident.finding_issued", fi, JGJ, aid, {}, o)

    # ---- traffic penalties (simple procedure / camera review)
    seen_party_code_day = set()
    acts = [a[:3] for a in TRAFFIC_ACTS]
    weights = [a[3] for a in TRAFFIC_ACTS]
    for d in days:
        n = rng.randint(3, 6) if is_workday(d) else rng.randint(0, 3)
        for _ in range(n):
            act, code, amount = rng.choices(acts, weights=weights)[0]
            party = rng.choice(drivers)
            if (party, code, d) in seen_party_code_day:
                continue
            seen_party_code_day.add((party, code, d))
            if is_workday(d) and rng.random() < 0.6:
                t = office_time(rng, d)
            else:
                t = any_time(rng, d, 7 * 60 + 30, 19 * 60 + 30)
            penalties.append({"t": t, "party": party, "act": act, "code": code, "amount": amount, "officer": rng.choice(FIELD_OFFICERS)})
    # planted: the same officer revokes their own penalty; near miss: a colleague's revoked by 法制
    self_rev = {"t": at(date(2026, 10, 19), 10, 14, 6), "party": rng.choice(drivers), "act": "闯红灯", "code": "1625",
                "amount": 200, "officer": "officer:0317",
                "revoke": (at(date(2026, 10, 21), 16, 52, 40), "officer:0317", "经复核，撤销原处罚决定"), "plan": "self_revoke"}
    near_rev = {"t": at(date(2026, 10, 20), 9, 31, 17), "party": rng.choice(drivers), "act": "违反禁令标志指示", "code": "1345",
                "amount": 100, "officer": "officer:0317",
                "revoke": (at(date(2026, 10, 23), 15, 8, 2), "officer:0901", "号牌识别错误，违法车辆与当事人车辆不符"), "plan": "revoke_by_legal"}
    penalties += [self_rev, near_rev]
    penalties.sort(key=lambda p: p["t"])
    candidates = [p for p in penalties if "revoke" not in p and p["t"] < datetime(2026, 11, 6) and p["officer"] in FIELD_OFFICERS]
    for i, p in enumerate(rng.sample(candidates, 14)):
        rv = office_on_or_after(rng, p["t"].date() + timedelta(days=rng.randint(3, 14)))
        p["revoke"] = (rv, LEGAL_OFFICERS[i % 2], rng.choice(REVOKE_REASONS))
    for i, p in enumerate(penalties, 1):
        pid = f"penalty:2026-{i:06d}"
        s.emit("penalty.decided", p["t"], JGJ, pid,
               {"party": p["party"], "act": p["act"], "code": p["code"], "amount": p["amount"]}, p["officer"])
        if "revoke" in p:
            rt, ra, reason = p["revoke"]
            s.emit("penalty.revoked", rt, JGJ, pid, {"reason": reason}, ra)
        if p.get("plan"):
            planted[p["plan"]] = pid

    # ---- record look-ups, inside each case's life, 08:30-20:00
    for _ in range(64):
        cid, h, party, reporter, t0, t1 = rng.choice(case_windows)
        if t1 <= t0 + timedelta(hours=2):
            continue
        for _try in range(20):
            u = t0 + (t1 - t0) * rng.random()
            d = u.date()
            t = any_time(rng, d, 8 * 60 + 30, 19 * 60 + 59)
            if t0 < t < t1:
                who = party if rng.random() < 0.75 else reporter
                s.emit("record.accessed", t, JGJ, who, {"purpose": rng.choice(ACCESS_PURPOSES), "case": cid}, h)
                break
    # planted: a look-up at 02:30 on a Saturday; near miss: an evening duty look-up at 20:15
    night_case = next(w for w in case_windows if w[4] < datetime(2026, 10, 23) and w[5] > datetime(2026, 10, 25))
    s.must("record.accessed", at(date(2026, 10, 24), 2, 30, 14), JGJ, night_case[2],
           {"purpose": "核实当事人身份信息", "case": night_case[0]}, night_case[1])
    eve_case = next(w for w in case_windows if w[4] < datetime(2026, 11, 4) and w[5] > datetime(2026, 11, 6) and w[0] != night_case[0])
    s.must("record.accessed", at(date(2026, 11, 5), 20, 15, 3), JGJ, eve_case[2],
           {"purpose": "查询当事人驾驶证状态", "case": eve_case[0]}, eve_case[1])

    NOTES.add(F, "planted", planted["criminal_overdue"], "criminal case accepted 2026-11-03, filed 2026-11-09 (6 calendar days, 4 working days) with no `case.review_extended`: filing review overdue (limit 3 days)")
    NOTES.add(F, "near miss", planted["criminal_extended_near"], "criminal case whose review was extended by 7 days (`case.review_extended`) and filed within the 7 days")
    NOTES.add(F, "planted", planted["accept_40h"], "administrative case reported 2026-10-12 16:30, accepted 40 hours later")
    NOTES.add(F, "near miss", planted["accept_23h"], "administrative case accepted 23 hours after the report (every other case within 4 hours)")
    NOTES.add(F, "planted", planted["never_accepted"], "case reported 2026-10-19 and never accepted")
    NOTES.add(F, "near miss", planted["appraisal_near"], "administrative case closed 38 calendar days after acceptance, 14 of them in appraisal (clock stopped): on time within 30 days only when the pause is honoured")
    NOTES.add(F, "planted", planted["self_revoke"], "penalty decided by officer:0317 on 2026-10-19 and revoked by officer:0317 himself on 2026-10-21")
    NOTES.add(F, "near miss", planted["revoke_by_legal"], "penalty decided by officer:0317, revoked by the legal officer officer:0901")
    NOTES.add(F, "planted", night_case[2], f"`record.accessed` at 2026-10-24T02:30:14+08:00 (Saturday night) by {night_case[1]}, case `{night_case[0]}`")
    NOTES.add(F, "near miss", eve_case[2], f"`record.accessed` at 2026-11-05T20:15:03+08:00 (evening duty) by {eve_case[1]}, case `{eve_case[0]}`; all other look-ups fall between 08:30 and 20:00")
    NOTES.add(F, "other", [planted["reopened_review"], planted["reopened_evidence"]], "closed then `case.reopened` (the first after 行政复议 quashed its penalty, which `officer:0901` revoked; the second on new evidence); a 'closed then reopened within 30 days' sequence rule flags both")
    return s


# ---------------------------------------------------------------------------
# 2. Service centre — gy.zwfw
# ---------------------------------------------------------------------------

ZWFW = "gy.zwfw"
WINDOW_CLERKS = [f"clerk:{n:04d}" for n in (101, 102, 104, 105, 107, 108, 110, 112)]
REVIEWERS = [f"clerk:{n:04d}" for n in (201, 202, 204, 206, 207)]
DECIDERS = ["clerk:0301", "clerk:0302"]
SUPERVISORS = ["clerk:0601", "clerk:0602"]
OPERATORS = [f"operator:{n:04d}" for n in range(807, 816)]
HANDLING_UNITS = [f"clerk:{n:04d}" for n in (501, 502, 503, 504, 505, 506)]

# item, promised working days, prerequisite (ref kind, ref code) or None, holder kind
LICENCE_ITEMS = [
    ("食品经营许可", 10, ("inspection", "HC"), "org", 16),
    ("药品经营许可（零售）", 15, ("inspection", "YJ"), "org", 5),
    ("出租汽车驾驶员从业资格证核发", 10, ("exam", "CZ"), "person", 7),
    ("特种设备作业人员资格认定", 15, ("exam", "TS"), "person", 5),
    ("公共场所卫生许可", 10, None, "org", 8),
    ("户外广告设施设置许可", 15, None, "org", 5),
    ("城市建筑垃圾处置核准", 10, None, "org", 4),
    ("城镇污水排入排水管网许可", 15, None, "org", 4),
    ("占用、挖掘城市道路许可", 5, None, "org", 4),
    ("人力资源服务许可", 15, None, "org", 3),
]

REJECTIONS = {
    "食品经营许可": "经现场核查，经营场所与污染源的距离不符合食品安全要求",
    "药品经营许可（零售）": "经现场检查，执业药师配备不符合要求",
    "出租汽车驾驶员从业资格证核发": "申请人三年内有驾驶机动车发生负同等以上责任的重大交通事故记录",
    "特种设备作业人员资格认定": "申请人未提交有效的考试合格证明",
    "公共场所卫生许可": "卫生检测结果不合格，经整改后复检仍不合格",
    "户外广告设施设置许可": "设置地点位于户外广告设施禁设区域，不符合设置规划",
    "城市建筑垃圾处置核准": "申请人未能提供符合要求的消纳场所证明材料",
    "城镇污水排入排水管网许可": "排水户未建设预处理设施，排放水质不符合纳管标准",
    "占用、挖掘城市道路许可": "施工方案未落实交通疏导措施，不符合占道挖掘条件",
    "人力资源服务许可": "申请人办公场所面积不符合规定条件",
}
REJECTION_BASIS = "《中华人民共和国行政许可法》第三十八条第二款"

RATING_CHANNELS = ["window", "window", "window", "web", "mobile", "mobile", "sms"]
BAD_COMMENTS = [
    "窗口人员态度生硬，解释不清楚",
    "等候时间过长，取号后等了两个多小时",
    "一次性告知不到位，来回跑了三趟",
    "网上申报系统多次提交失败",
    "办理进度查询不到，电话无人接听",
]
RECTIFY_MEASURES = [
    "已约谈窗口工作人员并开展服务规范培训，已向评价人回访致歉",
    "已增设高峰时段弹性窗口，缩短等候时间，已回访评价人",
    "已修订一次性告知清单并在窗口公示，已回访评价人",
    "已协调系统运维单位修复申报系统故障，已回访评价人",
]

HOTLINE = {  # category: (weight, answer working days lo..hi, summaries)
    "query": (40, (0, 1), [
        "咨询新生儿落户需要准备哪些材料",
        "咨询个体工商户营业执照注销流程",
        "咨询公积金异地转移办理时限",
        "咨询社保卡补办地点及所需材料",
        "咨询居住证办理条件",
        "咨询不动产登记预约方式",
    ]),
    "help": (20, (1, 3), [
        "反映小区停水两天仍未恢复，请求协调供水",
        "反映路灯损坏多日，夜间出行不便，请求维修",
        "反映老人走失，请求协助查找",
        "反映小区化粪池外溢，请求疏通",
    ]),
    "complaint": (20, (2, 8), [
        "投诉某餐馆油烟直排，影响周边居民",
        "投诉某建筑工地夜间违规施工噪音扰民",
        "投诉某培训机构拒不退还预付费",
        "投诉某物业公司擅自提高停车收费标准",
        "投诉某超市销售过期食品",
    ]),
    "suggestion": (10, (2, 6), [
        "建议在地铁站出口增设非机动车停放点",
        "建议延长政务服务中心周末办理时间",
        "建议优化公交线路，增加早晚高峰班次",
    ]),
    "report": (10, (3, 8), [
        "举报某小区存在违规群租房",
        "举报某门店无证经营",
        "举报某企业偷排污水",
    ]),
}


def make_service_centre(rng: random.Random) -> Stream:
    s = Stream("service-centre.ndjson", {ZWFW: "ZWFW-2026-"})
    F = "service-centre.ndjson"
    people = person_pool(rng, 2)
    orgs = company_pool(rng)
    days = period_days()
    workdays = [d for d in days if is_workday(d)]
    planted = {}

    # ---- applications: specs numbered by the time received
    apps = []
    for item, promised, prereq, holder_kind, weight in LICENCE_ITEMS:
        for _ in range(weight):
            d = rng.choice(workdays[:-4])
            online = rng.random() < 0.35
            t = any_time(rng, d - timedelta(days=rng.randint(0, 2)), 7 * 60, 23 * 60) if online else office_time(rng, d)
            if t < PERIOD_START:
                t = office_time(rng, d)
            apps.append({"item": item, "promised": promised, "prereq": prereq, "holder_kind": holder_kind, "recv": t, "plan": "normal"})

    def special(item_name, recv, plan):
        it = next(x for x in LICENCE_ITEMS if x[0] == item_name)
        apps.append({"item": it[0], "promised": it[1], "prereq": it[2], "holder_kind": it[3], "recv": recv, "plan": plan})

    special("城镇污水排入排水管网许可", at(date(2026, 9, 8), 10, 5, 42), "overdue_27")
    special("户外广告设施设置许可", at(date(2026, 9, 10), 9, 22, 10), "hearing_near")
    special("城市建筑垃圾处置核准", at(date(2026, 9, 9), 15, 48, 3), "extended_27")
    special("公共场所卫生许可", at(date(2026, 9, 15), 9, 3, 37), "restart_near")
    special("人力资源服务许可", at(date(2026, 10, 13), 14, 26, 50), "reject_no_reason")
    special("食品经营许可", at(date(2026, 10, 20), 9, 51, 18), "permit_no_prereq")
    special("食品经营许可", at(date(2026, 10, 16), 10, 37, 29), "prereq_same_day")
    special("户外广告设施设置许可", at(date(2026, 9, 16), 11, 2, 47), "reopened")
    apps.sort(key=lambda a: a["recv"])

    exam_seq = Counter()
    restart_relying = []
    for i, a in enumerate(apps, 1):
        aid = f"app:2026-{i:05d}"
        a["id"] = aid
        a["holder"] = people.new() if a["holder_kind"] == "person" else orgs.new()
    for a in apps:
        aid, item, plan, holder = a["id"], a["item"], a["plan"], a["holder"]
        clerk = rng.choice(WINDOW_CLERKS)
        reviewer = rng.choice(REVIEWERS)
        decider = rng.choice(DECIDERS)
        normal = plan == "normal"
        s.must("application.received", a["recv"], ZWFW, aid, {"item": item, "applicant": holder}, clerk if a["recv"].hour in range(8, 18) and is_workday(a["recv"].date()) else None)
        st = office_on_or_after(rng, a["recv"].date(), a["recv"]) if normal else a["recv"] + timedelta(minutes=6)
        s.must("step.started", st, ZWFW, aid, {"step": "受理"}, clerk)
        t = st
        # 补正
        if plan == "restart_near":
            mc = at(add_workdays(st.date(), 8), 10, 12, 9)
            s.must("application.materials_completed", mc, ZWFW, aid, {}, clerk)
            t = mc
        elif normal and rng.random() < 0.15:
            mc = office_on_or_after(rng, add_workdays(st.date(), rng.randint(2, 6)))
            s.emit("application.materials_completed", mc, ZWFW, aid, {}, clerk)
            t = mc
        acc_t = minutes_later(rng, t, 4, 40) if t.hour < 17 else office_on_or_after(rng, t.date() + timedelta(days=1))
        if not is_workday(acc_t.date()) or acc_t.hour >= 18:
            acc_t = office_on_or_after(rng, acc_t.date() + timedelta(days=1))
        if not normal:
            acc_t = t + timedelta(minutes=25, seconds=13)
        s.emit("step.completed", acc_t - timedelta(seconds=40), ZWFW, aid, {"step": "受理"}, clerk)
        acc_data = {}
        if normal or plan in ("reject_no_reason", "permit_no_prereq", "prereq_same_day", "reopened"):
            acc_data["promised_workdays"] = a["promised"]
        s.emit("application.accepted", acc_t, ZWFW, aid, acc_data, clerk)
        D = acc_t.date()
        promised = a["promised"]

        rv_start = minutes_later(rng, acc_t, 5, 50)
        if normal:
            review_days = rng.randint(1, max(1, promised - 3))
            decide_days = rng.randint(0, 1)
            s.emit("step.started", rv_start, ZWFW, aid, {"step": "审查", "limit_workdays": promised - 2}, reviewer)
        else:
            s.must("step.started", rv_start, ZWFW, aid, {"step": "审查"}, reviewer)
        pause_days = 0
        if plan == "overdue_27":
            review_end = at(add_workdays(D, 26), 16, 40, 11)
            decide_end = at(add_workdays(D, 27), 10, 20, 45)
        elif plan == "extended_27":
            ex = at(add_workdays(D, 17), 15, 5, 0)
            s.must("application.extended", ex, ZWFW, aid, {"workdays": 10}, decider)
            review_end = at(add_workdays(D, 26), 11, 2, 38)
            decide_end = at(add_workdays(D, 27), 9, 58, 12)
        elif plan == "hearing_near":
            P = add_workdays(D, 5)
            R = add_workdays(P, 8)
            s.must("application.suspended", at(P, 15, 30, 0), ZWFW, aid, {"reason": "hearing"}, reviewer)
            s.must("application.resumed", at(R, 16, 10, 26), ZWFW, aid, {}, reviewer)
            review_end = at(add_workdays(D, 25), 11, 15, 4)
            decide_end = at(add_workdays(D, 26), 10, 44, 50)
            assert workdays_between(D, decide_end.date()) - workdays_between(P, R) == 18
        elif plan == "restart_near":
            review_end = at(add_workdays(D, 16), 15, 3, 21)
            decide_end = at(add_workdays(D, 17), 9, 40, 2)
            assert workdays_between(a["recv"].date(), decide_end.date()) == 25
        elif normal:
            if item in ("公共场所卫生许可", "城镇污水排入排水管网许可") and rng.random() < 0.35:
                # testing or expert review: a pause the schedule would meet even without it
                P = add_workdays(D, 1)
                pause_days = rng.randint(2, 4)
                R = add_workdays(P, pause_days)
                s.emit("application.suspended", office_time(rng, P), ZWFW, aid, {"reason": "testing" if item == "公共场所卫生许可" else "expert_review"}, reviewer)
                s.emit("application.resumed", office_time(rng, R), ZWFW, aid, {}, reviewer)
                review_days = max(review_days, pause_days + 2)
                review_days = min(review_days, promised - 2)
            review_end = office_on_or_after(rng, add_workdays(D, review_days), rv_start)
            decide_end = office_on_or_after(rng, add_workdays(review_end.date(), decide_days), review_end + timedelta(minutes=20))
            assert workdays_between(D, decide_end.date()) <= promised, (aid, review_days, decide_days)
            if workdays_between(a["recv"].date(), decide_end.date()) > promised and decide_end <= PERIOD_END:
                restart_relying.append(aid)
        else:  # reject_no_reason, permit_no_prereq, prereq_same_day, reopened
            review_end = at(add_workdays(D, rng.randint(3, 6)), 15, rng.randint(0, 59), rng.randint(0, 59))
            decide_end = office_on_or_after(rng, add_workdays(review_end.date(), 1))

        # prerequisite (exam / on-site inspection) passed during review
        prereq = a["prereq"]
        rejected = (normal and rng.random() < 0.1) or plan == "reject_no_reason"
        ref = None
        if prereq is not None:
            exam_seq[prereq[1]] += 1
            ref = f"{prereq[0]}:{prereq[1]}-2026-{exam_seq[prereq[1]]:04d}"
            if not rejected and plan != "permit_no_prereq":
                if plan == "prereq_same_day":
                    pp = review_end.replace(hour=8, minute=52, second=10)
                else:
                    lo = rv_start
                    pp_day = add_workdays(D, max(1, workdays_between(D, review_end.date()) // 2))
                    pp = office_on_or_after(rng, pp_day, lo)
                    if pp >= review_end:
                        pp = review_end - timedelta(minutes=25)
                s.emit("prerequisite.passed", pp, ZWFW, aid, {"holder": holder, "ref": ref}, reviewer)

        if normal:
            s.emit("step.completed", review_end, ZWFW, aid, {"step": "审查"}, reviewer)
            s.emit("step.started", review_end + timedelta(minutes=2, seconds=7), ZWFW, aid, {"step": "决定", "limit_workdays": 2}, decider)
        else:
            s.must("step.completed", review_end, ZWFW, aid, {"step": "审查"}, reviewer)
            s.must("step.started", review_end + timedelta(minutes=2, seconds=7), ZWFW, aid, {"step": "决定"}, decider)
        s.emit("step.completed", decide_end, ZWFW, aid, {"step": "决定"}, decider)
        if rejected:
            data = {"reason": REJECTIONS[item], "basis": REJECTION_BASIS}
            if plan == "reject_no_reason":
                data = {"basis": REJECTION_BASIS}
                planted["reject_no_reason"] = aid
            s.emit("application.rejected", decide_end + timedelta(seconds=30), ZWFW, aid, data, decider)
            continue
        if plan == "reopened":
            rj = decide_end + timedelta(seconds=30)
            s.must("application.rejected", rj, ZWFW, aid, {"reason": REJECTIONS[item], "basis": REJECTION_BASIS}, decider)
            ro = office_on_or_after(rng, add_workdays(rj.date(), 12))
            s.must("application.reopened", ro, ZWFW, aid, {}, decider)
            r2 = minutes_later(rng, ro, 10, 40)
            s.must("step.started", r2, ZWFW, aid, {"step": "审查"}, reviewer)
            r3 = office_on_or_after(rng, add_workdays(ro.date(), 4))
            s.must("step.completed", r3, ZWFW, aid, {"step": "审查"}, reviewer)
            s.must("step.started", r3 + timedelta(minutes=3), ZWFW, aid, {"step": "决定"}, decider)
            decide_end = office_on_or_after(rng, add_workdays(r3.date(), 1))
            s.must("step.completed", decide_end, ZWFW, aid, {"step": "决定"}, decider)
            planted["reopened"] = aid
        ap = decide_end + timedelta(seconds=30)
        ok = s.emit("application.approved", ap, ZWFW, aid, {}, decider)
        if plan != "normal":
            assert ok, aid
            planted[plan] = aid
        pi = ap + timedelta(minutes=rng.randint(15, 90)) if ap.hour < 16 else office_on_or_after(rng, ap.date() + timedelta(days=1))
        pdata = {"holder": holder}
        if ref is not None:
            pdata["prerequisite"] = ref
        if plan == "permit_no_prereq":
            planted["permit_no_prereq_holder"] = holder
            s.must("permit.issued", pi, ZWFW, aid, pdata, clerk)
        else:
            s.emit("permit.issued", pi, ZWFW, aid, pdata, clerk)

    # ---- 好差评 ratings
    ratings = []
    for d in days:
        n = rng.randint(2, 5) if is_workday(d) else rng.randint(0, 1)
        for _ in range(n):
            ch = rng.choice(RATING_CHANNELS)
            if ch == "window" and is_workday(d):
                t = office_time(rng, d)
            else:
                if ch == "window":
                    ch = "mobile"
                t = any_time(rng, d, 7 * 60 + 30, 22 * 60 + 30)
            score = rng.choices([5, 4, 3, 2, 1], weights=[76, 13, 5, 3, 3])[0]
            if score <= 2 and t.date() > date(2026, 11, 5):
                score = 3  # keep every normal 差评 rectified inside the period
            ratings.append({"t": t, "score": score, "channel": ch, "plan": "normal"})
    ratings.append({"t": at(date(2026, 10, 14), 10, 32, 8), "score": 1, "channel": "window", "plan": "never_rectified"})
    ratings.append({"t": at(date(2026, 9, 22), 15, 6, 40), "score": 1, "channel": "web", "plan": "rectified_last_day"})
    ratings.sort(key=lambda r: r["t"])
    for i, r in enumerate(ratings, 1):
        sid = f"svc:HP-2026-{i:05d}"
        data = {"score": r["score"], "channel": r["channel"]}
        if r["score"] <= 2:
            data["comment"] = rng.choice(BAD_COMMENTS)
        s.emit("rating.submitted", r["t"], ZWFW, sid, data)
        if r["plan"] == "never_rectified":
            planted["never_rectified"] = sid
            continue
        if r["score"] <= 2:
            # 5 working days are allowed (好差评 rectification): the near miss uses the last one, the others
            # 2-4 (the draw is kept so that every later random number stays the same).
            wd = 5 if r["plan"] == "rectified_last_day" else 2 + (rng.randint(2, 9) - 2) % 3
            rt = office_on_or_after(rng, add_workdays(r["t"].date(), wd))
            s.must("rating.rectified", rt, ZWFW, sid, {"measure": rng.choice(RECTIFY_MEASURES)}, rng.choice(SUPERVISORS))
            if r["plan"] == "rectified_last_day":
                planted["rectified_last_day"] = sid

    # ---- 12345 hotline
    items = []
    cats = list(HOTLINE)
    cweights = [HOTLINE[c][0] for c in cats]
    for d in days[:-1]:
        n = rng.randint(0, 3)
        for _ in range(n):
            cat = rng.choices(cats, weights=cweights)[0]
            t = any_time(rng, d, 7 * 60, 22 * 60 + 30)
            items.append({"t": t, "cat": cat, "plan": "normal"})
    items.append({"t": at(date(2026, 9, 15), 11, 20, 19), "cat": "complaint", "plan": "late_20"})
    items.append({"t": at(date(2026, 10, 19), 14, 42, 55), "cat": "complaint", "plan": "near_10"})
    items.sort(key=lambda x: x["t"])
    for i, it in enumerate(items, 1):
        sid = f"svc:RX-2026-{i:05d}"
        cat = it["cat"]
        summary = rng.choice(HOTLINE[cat][2])
        s.emit("hotline.received", it["t"], ZWFW, sid, {"category": cat, "summary": summary}, rng.choice(OPERATORS))
        if it["plan"] == "late_20":
            wd = 20
        elif it["plan"] == "near_10":
            wd = 10
        else:
            lo, hi = HOTLINE[cat][1]
            wd = rng.randint(lo, hi)
        ans = office_on_or_after(rng, add_workdays(it["t"].date(), wd), it["t"])
        if ans.date() != add_workdays(it["t"].date(), wd) and wd > 0:
            ans = office_on_or_after(rng, add_workdays(it["t"].date(), wd))
        if it["plan"] != "normal":
            assert workdays_between(it["t"].date(), ans.date()) == wd
            s.must("hotline.answered", ans, ZWFW, sid, {}, rng.choice(HANDLING_UNITS))
            planted[it["plan"]] = sid
        else:
            s.emit("hotline.answered", ans, ZWFW, sid, {}, rng.choice(HANDLING_UNITS))

    NOTES.add(F, "planted", planted["overdue_27"], "application accepted 2026-09-08 and approved 27 working days later, with no `application.extended` and no suspension (statutory limit 20 working days)")
    NOTES.add(F, "near miss", planted["extended_27"], "approved 27 working days after acceptance, but extended by 10 working days (`application.extended`) before the 20th: on time")
    NOTES.add(F, "near miss", planted["hearing_near"], "approved 26 working days after acceptance with a `hearing` suspension of 8 working days in between (18 counted): on time only when the pause is honoured")
    NOTES.add(F, "near miss", planted["restart_near"], "补正: `application.materials_completed` 8 working days after receipt restarts the clock; approved 17 working days after the restart (25 after receipt)")
    NOTES.add(F, "planted", planted["reject_no_reason"], "`application.rejected` with no `reason` (only `basis`)")
    NOTES.add(F, "planted", planted["permit_no_prereq"], f"`permit.issued` to `{planted['permit_no_prereq_holder']}` naming a prerequisite, with no `prerequisite.passed` for that holder anywhere")
    NOTES.add(F, "near miss", planted["prereq_same_day"], "`prerequisite.passed` on the morning of the day the review completes, permit issued after it")
    NOTES.add(F, "planted", planted["never_rectified"], "rating with score 1 (差评) on 2026-10-14, never `rating.rectified`")
    NOTES.add(F, "near miss", planted["rectified_last_day"], "rating with score 1 rectified 5 working days later, on the last day allowed (every other 差评 within 4)")
    NOTES.add(F, "planted", planted["late_20"], "hotline complaint received 2026-09-15, answered 20 working days later")
    NOTES.add(F, "near miss", planted["near_10"], "hotline complaint answered 10 working days later (every other complaint within 8)")
    NOTES.add(F, "other", restart_relying, "ordinary applications with 补正 decided within their `promised_workdays` counted from `application.materials_completed`, but not counted from receipt (all within 20 working days of receipt)")
    NOTES.add(F, "other", planted["reopened"], "rejected, then `application.reopened` 12 working days later (行政复议) and approved after a second review")
    return s


# ---------------------------------------------------------------------------
# 3. Trading centre — gy.ggzy
# ---------------------------------------------------------------------------

GGZY = "gy.ggzy"
CENTRE_STAFF = ["staff:0203", "staff:0207", "staff:0211"]
BANK_BRANCHES = ["2402001209", "5205016236", "1301000340", "5200100011", "8501012003"]

BUYERS = [
    ("贵阳市交通运输局", "GC"), ("贵阳市住房和城乡建设局", "GC"), ("贵阳市水务管理局", "GC"),
    ("贵阳市教育局", "HW"), ("贵阳市卫生健康局", "HW"), ("贵阳市公安局交通管理局", "HW"),
    ("贵阳市综合行政执法局", "FW"), ("贵阳市大数据发展管理局", "FW"), ("贵阳市政务服务中心", "FW"),
]
TITLES = {
    "GC": ["{y}年市区主干道路面病害整治工程（{n}标段）", "南明河沿岸截污管网改造工程（{n}标段）", "城区老旧小区配套基础设施改造工程（{n}标段）",
           "市第{m}中学教学楼加固改造工程", "环城快速路桥梁伸缩缝维修工程", "城区排涝泵站提升改造工程（{n}标段）"],
    "HW": ["中小学智慧教室设备采购项目（{n}包）", "基层医疗机构医用设备采购项目（{n}包）", "交通信号控制设备采购项目",
           "执法记录仪及配套设备采购项目", "公共卫生应急物资储备采购项目（{n}包）"],
    "FW": ["城区市容环境卫生清扫保洁服务项目（{n}标段）", "政务云平台运维服务项目", "政务服务中心物业管理服务项目",
           "城区绿化养护服务项目（{n}标段）", "数据安全等级保护测评服务项目"],
}
DISQUALIFY_REASONS = ["投标保证金未按招标文件要求足额缴纳", "投标文件未按要求加盖单位公章", "拟派项目经理资格证书不符合招标文件要求", "投标报价超过最高投标限价"]
CN_NUM = "一二三四五六七八九十"


class Bidder:
    def __init__(self, rng: random.Random, org: str, sector: str, staff: IdPool, idx: int):
        self.org, self.sector = org, sector
        self.preparer, self.agent, self.project_manager, self.contact = (staff.new() for _ in range(4))
        self.ip = f"{['203.0.113', '198.51.100', '192.0.2'][idx % 3]}.{10 + idx * 3 % 240}"
        self.mac = "02:" + ":".join(f"{rng.randint(0, 255):02x}" for _ in range(5))
        # machine code = CPU id + disk serial, as bid-client software reports it
        cpuid = rng.choice(["BFEBFBFF", "178BFBFF"]) + "".join(rng.choice("0123456789ABCDEF") for _ in range(8))
        self.machine_code = f"{cpuid}-WD-WX{''.join(rng.choice('0123456789ABCDEF') for _ in range(10))}"
        branch = rng.choice(BANK_BRANCHES)
        self.account = branch + "".join(str(rng.randint(0, 9)) for _ in range(9))


def make_trading_centre(rng: random.Random) -> Stream:
    s = Stream("trading-centre.ndjson", {GGZY: "GGZY-2026-"})
    F = "trading-centre.ndjson"
    orgs = company_pool(rng)
    govs = government_pool(rng)
    staff = person_pool(rng, 3)
    buyers = [(name, sector, govs.new()) for name, sector in BUYERS]
    agencies = [orgs.new() for _ in range(5)]
    pool = {sec: [Bidder(rng, orgs.new(), sec, staff, i + 20 * k) for i in range(n)] for k, (sec, n) in enumerate((("GC", 20), ("HW", 16), ("FW", 15)))}
    # make sure no two bidders share a fingerprint part or an account by chance
    every = [b for sec in pool for b in pool[sec]]
    assert len({b.ip for b in every}) == len(every)
    assert len({b.mac for b in every}) == len(every) and len({b.machine_code.split("-")[0] for b in every}) == len(every)
    assert len({b.account for b in every}) == len(every)
    W, L, N = pool["GC"][0], pool["GC"][1], pool["GC"][2]
    # near misses: two bidders with the same CPU id but different disks; two accounts at one branch
    nm_a, nm_b = pool["HW"][3], pool["HW"][4]
    nm_b.machine_code = nm_a.machine_code.split("-")[0] + nm_b.machine_code[len(nm_b.machine_code.split("-")[0]):]
    acc_a, acc_b = pool["FW"][5], pool["FW"][6]
    acc_b.account = acc_a.account[:-3] + f"{(int(acc_a.account[-3:]) + 7) % 1000:03d}"
    assert acc_b.account != acc_a.account

    # ---- tender specs
    specs = []
    methods = {"GC": ["open"] * 15 + ["invited"] * 2 + ["competitive_negotiation", "single_source"],
               "HW": ["open"] * 10 + ["invited", "competitive_negotiation", "competitive_negotiation", "single_source"],
               "FW": ["open"] * 9 + ["competitive_negotiation", "competitive_negotiation", "single_source"]}
    early = [d for d in period_days() if is_workday(d) and d <= date(2026, 10, 16)]
    anytime = [d for d in period_days() if is_workday(d) and d <= date(2026, 11, 6)]
    for sec, ms in methods.items():
        for i, m in enumerate(ms):
            # the first 14 GC open tenders come early enough to be awarded inside the period (the loser scenario)
            days = early if sec == "GC" and i < 14 else anytime
            specs.append({"sector": sec, "method": m, "pub": office_time(rng, rng.choice(days)), "plan": "normal"})
    specs.sort(key=lambda x: x["pub"])
    numbers = Counter()
    for sp in specs:
        numbers[sp["sector"]] += 1
        sp["id"] = f"tender:2026-{sp['sector']}-{numbers[sp['sector']]:03d}"

    gc_comp = [sp for sp in specs if sp["sector"] == "GC" and sp["method"] in ("open", "invited") and sp["pub"] < datetime(2026, 10, 20)]
    hw_open = [sp for sp in specs if sp["sector"] == "HW" and sp["method"] == "open" and sp["pub"] < datetime(2026, 10, 25)]
    fw_open = [sp for sp in specs if sp["sector"] == "FW" and sp["method"] == "open" and sp["pub"] < datetime(2026, 10, 25)]
    # perpetual loser: L bids beside W in 8 tenders, W wins all of them
    l_set = gc_comp[:8] if len(gc_comp) >= 14 else None
    assert l_set is not None, len(gc_comp)
    for sp in l_set:
        sp["plan"] = "loser"
    n_set = gc_comp[6:8] + gc_comp[8:14]  # the near-miss bidder: 8 tenders, wins one
    n_ids = {sp["id"] for sp in n_set}
    for sp in gc_comp[8:14]:
        sp["plan"] = "n_only"
    n_win = gc_comp[8]
    hw_open[1]["plan"] = "shared_machine"
    hw_open[4]["plan"] = "cpu_near"
    fw_open[1]["plan"] = "shared_account"
    fw_open[3]["plan"] = "branch_near"
    hw_open[2]["plan"] = "arith"

    participation = Counter()
    together = Counter()
    planted = {}
    winners_by_bidder = defaultdict(list)  # bidder -> winners of tenders they lost
    wins = Counter()

    for sp in specs:
        tid, sec, method, pub, plan = sp["id"], sp["sector"], sp["method"], sp["pub"], sp["plan"]
        buyer = rng.choice([b for b in buyers if b[1] == sec])
        agency = rng.choice(agencies)
        lo, hi = {"GC": (900_000, 12_000_000), "HW": (300_000, 4_500_000), "FW": (400_000, 3_000_000)}[sec]
        estimate = round(rng.uniform(lo, hi), -4)
        if plan == "arith":
            estimate = 2_560_000
        ceiling = round(estimate * rng.uniform(0.95, 1.0), -3)
        if plan == "arith":
            ceiling = 2_480_000
        if method in ("open", "invited"):
            deadline_day = pub.date() + timedelta(days=rng.randint(20, 26))
        elif method == "competitive_negotiation":
            deadline_day = add_workdays(pub.date(), rng.randint(4, 7))
        else:
            deadline_day = add_workdays(pub.date(), 6)
        deadline = at(next_workday(deadline_day), rng.choice([9, 9, 10, 14]), 30, 0)
        tmpl = rng.choice(TITLES[sec])
        title = tmpl.format(y=2026, n=CN_NUM[rng.randint(0, 3)], m=CN_NUM[rng.randint(1, 8)])
        s.must("tender.published", pub, GGZY, tid, {
            "buyer": buyer[2], "agency": agency, "method": method, "ceiling": int(ceiling), "estimate": int(estimate),
            "currency": "CNY", "submission_deadline": fmt(deadline), "title": title}, agency)

        # choose bidders
        if method == "single_source":
            k = 1
        elif method == "competitive_negotiation":
            k = 3
        elif method == "invited":
            k = rng.randint(3, 5)
        else:
            k = rng.randint(4, 7)
        fixed = []
        if plan == "loser":
            fixed = [W, L] + ([N] if sp["id"] in n_ids else [])
        elif plan == "n_only":
            fixed = [N]
        elif plan == "cpu_near":
            fixed = [nm_a, nm_b]
        elif plan == "branch_near":
            fixed = [acc_a, acc_b]
        if plan in ("shared_machine", "shared_account", "arith"):
            k = 5
        k = max(k, len(fixed) + (1 if k > 1 else 0))
        specials = {W.org, L.org, N.org}
        eligible = [b for b in pool[sec] if b.org not in specials and b not in fixed and participation[b.org] < 7
                    and b not in (nm_a, nm_b, acc_a, acc_b)]
        # no two ordinary bidders meet in more than 3 tenders, so nobody else loses to one winner again and again
        for _try in range(300):
            chosen = fixed + rng.sample(eligible, k - len(fixed))
            pairs = [(a.org, b.org) for a in chosen for b in chosen if a.org < b.org]
            if all(together[p] < (2 if W.org in p else 3) for p in pairs if not set(p) <= {W.org, L.org, N.org}):
                break
        else:
            raise AssertionError(f"no bidder set for {tid}")
        for p in pairs:
            together[p] += 1
        for b in chosen:
            participation[b.org] += 1

        if method in ("single_source",):
            bids = {chosen[0].org: int(round(ceiling * rng.uniform(0.95, 0.995), -2))}
        else:
            for _try in range(200):
                bids = {}
                for b in chosen:
                    ratio = rng.uniform(0.86, 0.99)
                    if sec == "GC":
                        bids[b.org] = money(int(ceiling * ratio * 100))
                    else:
                        bids[b.org] = int(round(ceiling * ratio, -2))
                vals = sorted(bids.values())
                if len(vals) >= 3:
                    gaps = [b - a for a, b in zip(vals, vals[1:])]
                    if min(gaps) <= 0 or min(gaps) / max(gaps) > 0.6:
                        continue  # too regular (or a tie): redraw so only the planted tender looks rigged
                if plan == "loser" and min(bids, key=bids.get) != W.org:
                    continue
                if sp is n_win and min(bids, key=bids.get) != N.org:
                    continue
                if sp is not n_win and plan == "n_only" and min(bids, key=bids.get) == N.org:
                    continue
                break
            else:
                raise AssertionError(tid)
        if plan == "arith":
            step = 21_500
            order = chosen[:]
            rng.shuffle(order)
            bids = {b.org: 2_318_000 + i * step for i, b in enumerate(order)}

        # deposits and bids (planted tenders must lie wholly inside the period)
        put = s.emit if plan == "normal" else s.must
        dep_amount = int(min(round(estimate * 0.02, -3), 800_000)) if method in ("open", "invited") else 0
        withdrawn = set()
        if method in ("open", "invited") and plan == "normal" and rng.random() < 0.12 and len(chosen) > 4:
            withdrawn.add(chosen[-1].org)
        for b in chosen:
            if dep_amount:
                dt_ = any_time(rng, pub.date() + timedelta(days=rng.randint(3, 15)), 8 * 60, 21 * 60)
                if dt_ >= deadline - timedelta(hours=2):
                    dt_ = deadline - timedelta(days=1, minutes=rng.randint(10, 300))
                account = b.account
                if plan == "shared_account" and b is chosen[2]:
                    account = chosen[1].account  # paid from another bidder's account
                put("bid.deposit_paid", dt_, GGZY, tid, {"bidder": b.org, "account": account, "amount": dep_amount})
            for back in range(rng.randint(0, 4), 30):
                st = any_time(rng, deadline.date() - timedelta(days=back), 7 * 60 + 30, 22 * 60 + 30)
                if st < deadline - timedelta(minutes=30):
                    break
            if st <= pub:
                st = pub + timedelta(hours=rng.randint(2, 30))
            data = {"bidder": b.org, "amount": bids[b.org], "currency": "CNY", "preparer": b.preparer, "agent": b.agent,
                    "project_manager": b.project_manager, "contact": b.contact,
                    "doc_hash": hashlib.sha256(f"{tid}|{b.org}|{bids[b.org]}".encode()).hexdigest()}
            if method != "single_source":
                fp = {"ip": b.ip, "mac": b.mac, "machine_code": b.machine_code}
                if plan == "shared_machine" and b is chosen[3]:
                    fp = {"ip": b.ip, "mac": chosen[0].mac, "machine_code": chosen[0].machine_code}  # same laptop
                data["fingerprint"] = fp
            put("bid.submitted", st, GGZY, tid, data, b.org)
            if b.org in withdrawn:
                put("bid.withdrawn", st + timedelta(hours=rng.randint(2, 20)) if st + timedelta(hours=20) < deadline else deadline - timedelta(minutes=50),
                       GGZY, tid, {"bidder": b.org, "reason": "投标人书面申请撤回投标文件"}, b.org)
        if plan == "shared_machine":
            planted["shared_machine"] = (tid, chosen[0].org, chosen[3].org)
        if plan == "shared_account":
            planted["shared_account"] = (tid, chosen[1].org, chosen[2].org)
        if plan == "cpu_near":
            planted["cpu_near"] = (tid, nm_a.org, nm_b.org)
        if plan == "branch_near":
            planted["branch_near"] = (tid, acc_a.org, acc_b.org)
        if plan == "arith":
            planted["arith"] = tid

        s.emit("tender.opened", deadline, GGZY, tid, {}, rng.choice(CENTRE_STAFF))
        valid = {o: v for o, v in bids.items() if o not in withdrawn}
        if plan == "normal" and len(valid) > 3 and rng.random() < 0.15:
            dq = max(valid, key=valid.get) if rng.random() < 0.5 else sorted(valid, key=valid.get)[1]
            s.emit("bid.disqualified", deadline + timedelta(minutes=rng.randint(40, 150)), GGZY, tid,
                   {"bidder": dq, "reason": rng.choice(DISQUALIFY_REASONS)}, agency)
            del valid[dq]
        ranked = sorted(valid, key=valid.get)
        if sec == "GC" or plan != "normal" or len(ranked) < 2:
            winner = ranked[0]
        else:
            winner = ranked[0] if rng.random() < 0.6 else ranked[1]
        aw = office_on_or_after(rng, add_workdays(deadline.date(), rng.randint(3, 6)))
        if s.emit("tender.awarded", aw, GGZY, tid, {"winner": winner, "amount": valid[winner]}, buyer[2]):
            wins[winner] += 1
            for o in bids:
                if o != winner:
                    winners_by_bidder[o].append(winner)
        cs = office_on_or_after(rng, aw.date() + timedelta(days=rng.randint(7, 25)))
        amount = valid[winner]
        s.emit("contract.signed", cs, GGZY, tid, {"supplier": winner, "amount": amount}, buyer[2])
        if plan == "normal" and rng.random() < 0.15:
            am = office_on_or_after(rng, cs.date() + timedelta(days=rng.randint(15, 40)))
            cents = int(round(float(amount) * 100))
            s.emit("contract.amended", am, GGZY, tid, {"supplier": winner, "amount": money(cents + cents * rng.randint(3, 9) // 100 // 100 * 100)}, buyer[2])

    # the planted loser, the near miss, and nobody else looks like a perpetual loser
    assert participation[L.org] == 8 and wins[L.org] == 0 and winners_by_bidder[L.org] == [W.org] * 8
    assert participation[N.org] == 8 and wins[N.org] == 1
    for org, ws in winners_by_bidder.items():
        if org in (L.org, N.org):
            continue
        top = Counter(ws).most_common(1)[0][1]
        assert participation[org] <= 7 or org == W.org, org
        assert top <= 3, (org, ws)

    t, a, b = planted["shared_machine"]
    NOTES.add(F, "planted", t, f"bidders `{a}` and `{b}` submit with the same `fingerprint.machine_code` (and MAC) from different IPs")
    t, a, b = planted["cpu_near"]
    NOTES.add(F, "near miss", t, f"bidders `{a}` and `{b}` share the CPU id part of their machine codes (same CPU model) but the machine codes differ")
    t, a, b = planted["shared_account"]
    NOTES.add(F, "planted", t, f"the deposits of `{a}` and `{b}` are paid from the same `account` (the account of `{a}`)")
    t, a, b = planted["branch_near"]
    NOTES.add(F, "near miss", t, f"the deposits of `{a}` and `{b}` come from two different accounts at the same bank branch (numbers differ only in the last digits)")
    NOTES.add(F, "planted", planted["arith"], "the five bids form an exact arithmetic progression (2,318,000 + k × 21,500); in every other tender with 3 or more bids the smallest gap is under 0.6 × the largest")
    NOTES.add(F, "planted", [l_set[i]["id"] for i in range(8)],
              f"perpetual loser `{L.org}` bids in these 8 tenders, wins none, and `{W.org}` wins every one of them")
    NOTES.add(F, "near miss", [sp["id"] for sp in n_set],
              f"`{N.org}` also bids in 8 tenders but wins one (`{n_win['id']}`) and loses to several different winners (to `{W.org}` at most twice); apart from `{W.org}` every other bidder bids in 7 tenders or fewer and loses to the same winner at most 3 times")
    return s


# ---------------------------------------------------------------------------
# 4. Finance — gy.czj (+ gy.mzj deaths, gy.rsj officials)
# ---------------------------------------------------------------------------

CZJ, MZJ, RSJ = "gy.czj", "gy.mzj", "gy.rsj"
PROC_CLERKS = ["clerk:2301", "clerk:2302", "clerk:2305"]
PAY_CLERKS = ["clerk:2103", "clerk:2104", "clerk:2108"]
PAY_APPROVERS = ["clerk:2201", "clerk:2202"]
MZJ_CLERKS = ["clerk:3101", "clerk:3104"]
RSJ_CLERKS = ["clerk:4102"]
BUDGET_ITEMS = [
    "2010601 行政运行（财政事务）", "2010699 其他财政事务支出", "2010301 行政运行（政府办公厅）", "2040201 行政运行（公安）",
    "2050202 小学教育", "2050203 初中教育", "2100101 行政运行（卫生健康管理事务）", "2120501 城乡社区环境卫生",
    "2130101 行政运行（农业农村）", "2140104 公路建设", "2080201 行政运行（民政管理事务）", "2070101 行政运行（文化和旅游）",
    "2240101 行政运行（应急管理事务）", "2010501 行政运行（统计信息事务）", "2110101 行政运行（生态环境管理事务）",
    "2120101 行政运行（城乡社区管理事务）", "2010801 行政运行（审计事务）", "2130501 行政运行（乡村振兴）",
]
CATEGORIES = ["计算机设备", "办公设备", "物业管理服务", "信息技术服务", "印刷服务", "车辆维修和保养服务", "会议服务", "家具用具",
              "专用设备", "工程监理服务", "维修工程", "绿化管护服务", "安保服务", "软件开发服务", "医疗设备"]
SCHEMES = {  # scheme: (recipients, amount range)
    "城乡低保": (50, (320, 980)),
    "特困人员救助供养": (12, (1196, 1560)),
    "高龄津贴": (20, None),
    "残疾人两项补贴": (15, (160, 240)),
}
BATCHES = {"2026-09": date(2026, 9, 10), "2026-10": date(2026, 10, 12), "2026-11": date(2026, 11, 10)}
MEETING_DAYS = [date(2026, 9, 3), date(2026, 9, 17), date(2026, 9, 29), date(2026, 10, 15), date(2026, 10, 29), date(2026, 11, 12)]
AGENDA = ["研究2026年第四季度预算调整事项", "审议政府采购意向公开事项", "研究部门整体支出绩效评价工作", "传达学习全面从严治党有关会议精神",
          "研究财政资金直达机制监控工作", "研究2027年部门预算编制工作安排"]


def make_finance(rng: random.Random) -> Stream:
    s = Stream("finance.ndjson", {CZJ: "CZJ-2026-", MZJ: "MZJ-2026-", RSJ: "RSJ-2026-"})
    F = "finance.ndjson"
    orgs = company_pool(rng)
    people = person_pool(rng, 4)
    officials_pool = person_pool(rng, 5)
    suppliers = [orgs.new() for _ in range(30)]
    workdays = [d for d in period_days() if is_workday(d)]
    planted = {}

    # ---- procurements
    SPLIT_ITEM, SPLIT_CAT = "2010601 行政运行（财政事务）", "计算机设备"
    UNDER_ITEM, UNDER_CAT = "2120501 城乡社区环境卫生", "物业管理服务"
    NEAR_ITEM, NEAR_CAT = "2070101 行政运行（文化和旅游）", "信息技术服务"
    NSPLIT_ITEM, NSPLIT_CAT = "2050203 初中教育", "计算机设备"
    NOMEET_ITEM, NOMEET_CAT = "2140104 公路建设", "维修工程"
    reserved = {SPLIT_ITEM, UNDER_ITEM, NEAR_ITEM, NSPLIT_ITEM}
    split_supplier = suppliers[0]
    procs = [
        {"d": date(2026, 9, 8), "method": "inquiry", "cents": 59_800_000, "item": SPLIT_ITEM, "cat": SPLIT_CAT, "sup": split_supplier, "plan": "split"},
        {"d": date(2026, 9, 29), "method": "inquiry", "cents": 61_250_000, "item": SPLIT_ITEM, "cat": SPLIT_CAT, "sup": split_supplier, "plan": "split"},
        {"d": date(2026, 10, 20), "method": "inquiry", "cents": 58_730_000, "item": SPLIT_ITEM, "cat": SPLIT_CAT, "sup": suppliers[1], "plan": "split"},
        {"d": date(2026, 11, 12), "method": "inquiry", "cents": 60_390_050, "item": SPLIT_ITEM, "cat": SPLIT_CAT, "sup": split_supplier, "plan": "split"},
        {"d": date(2026, 10, 9), "method": "competitive_negotiation", "cents": 199_000_000, "item": UNDER_ITEM, "cat": UNDER_CAT, "sup": suppliers[2], "plan": "under"},
        {"d": date(2026, 9, 24), "method": "competitive_negotiation", "cents": 180_000_000, "item": NEAR_ITEM, "cat": NEAR_CAT, "sup": suppliers[3], "plan": "near_alone"},
        {"d": date(2026, 9, 22), "method": "inquiry", "cents": 59_000_000, "item": NSPLIT_ITEM, "cat": NSPLIT_CAT, "sup": suppliers[4], "plan": "near_split"},
        {"d": date(2026, 10, 27), "method": "inquiry", "cents": 60_500_000, "item": NSPLIT_ITEM, "cat": NSPLIT_CAT, "sup": suppliers[5], "plan": "near_split"},
        {"d": date(2026, 10, 22), "method": "open_tender", "cents": 238_000_000, "item": NSPLIT_ITEM, "cat": NSPLIT_CAT, "sup": suppliers[6], "plan": "near_split"},
        {"d": date(2026, 11, 4), "method": "open_tender", "cents": 360_000_000, "item": NOMEET_ITEM, "cat": NOMEET_CAT, "sup": suppliers[7], "plan": "no_meeting"},
    ]
    free_items = [b for b in BUDGET_ITEMS if b not in reserved]
    nonopen_sum = Counter()
    method_ranges = {"open_tender": (120_000_000, 600_000_000), "invited": (30_000_000, 80_000_000),
                     "competitive_negotiation": (20_000_000, 80_000_000), "inquiry": (5_000_000, 45_000_000),
                     "single_source": (8_000_000, 50_000_000)}
    for _ in range(58):
        method = rng.choices(list(method_ranges), weights=[14, 5, 20, 45, 10])[0]
        lo, hi = method_ranges[method]
        cents = rng.randint(lo // 100, hi // 100) * 100
        if method != "open_tender":
            cents = cents // 100_000 * 100_000 if cents > 10_000_000 else cents // 1000 * 1000
        room = [b for b in free_items if method == "open_tender" or nonopen_sum[b] + cents <= 150_000_000]
        assert room, ("no budget item left", sorted(nonopen_sum.values()))
        item = rng.choice(room)
        if method != "open_tender":
            nonopen_sum[item] += cents
        d = rng.choice(workdays[5:])
        procs.append({"d": d, "method": method, "cents": cents, "item": item, "cat": rng.choice(CATEGORIES), "sup": rng.choice(suppliers[8:]), "plan": "normal"})
    for p in procs:
        p["t"] = office_time(rng, p["d"])
    procs.sort(key=lambda p: p["t"])
    for i, p in enumerate(procs, 1):
        p["id"] = f"proc:2026-{i:04d}"
    # self-check: only the planted group passes 2,000,000 of non-open spending per budget item (and per item+category)
    by_item, by_item_cat = Counter(), Counter()
    for p in procs:
        if p["method"] != "open_tender":
            by_item[p["item"]] += p["cents"]
            by_item_cat[(p["item"], p["cat"])] += p["cents"]
        if p["plan"] == "normal" and p["method"] != "open_tender":
            assert p["cents"] < 100_000_000
    assert [k for k, v in sorted(by_item.items()) if v > 200_000_000] == [SPLIT_ITEM]
    assert [k for k, v in sorted(by_item_cat.items()) if v > 200_000_000] == [(SPLIT_ITEM, SPLIT_CAT)]
    assert sum(p["cents"] for p in procs if p["plan"] == "split") == 240_170_050

    # ---- 三重一大 meetings: every procurement of 500,000 or more is listed before its award (but one)
    agenda = defaultdict(list)
    for p in procs:
        if p["cents"] >= 50_000_000 and p["plan"] != "no_meeting":
            prior = [m for m in MEETING_DAYS if m < p["d"]]
            assert prior, p
            agenda[prior[-1]].append(p["id"])
    for i, m in enumerate(MEETING_DAYS, 1):
        items = rng.sample(AGENDA, 2) + agenda[m]
        s.must("decision.meeting_held", at(m, 9, 0, 0) + timedelta(minutes=rng.randint(0, 40)), CZJ, f"meeting:DZ-2026-{i + 14:02d}",
               {"items": items}, "clerk:2001")

    pay_seq = Counter()

    def pay_id(series: str) -> str:
        pay_seq[series] += 1
        return f"pay:{series}{pay_seq[series]:06d}"

    payments = []
    for p in procs:
        s.must("procurement.awarded", p["t"], CZJ, p["id"], {"method": p["method"], "amount": money(p["cents"]), "supplier": p["sup"],
                                                             "budget_item": p["item"], "category": p["cat"]}, rng.choice(PROC_CLERKS))
        parts = [30, 70] if p["method"] == "open_tender" else [100]
        t = p["t"]
        for share in parts:
            rq = office_on_or_after(rng, t.date() + timedelta(days=rng.randint(6, 30)))
            payments.append((rq, p, p["cents"] * share // 100))
            t = rq + timedelta(days=20)
    payments.sort(key=lambda x: x[0])
    for rq, p, cents in payments:
        pid = pay_id("2026-")
        amount = money(cents)
        if s.emit("payment.requested", rq, CZJ, pid, {"amount": amount, "payee": p["sup"], "proc": p["id"]}, rng.choice(PAY_CLERKS)):
            ap = office_on_or_after(rng, add_workdays(rq.date(), rng.randint(0, 3)), rq)
            s.emit("payment.approved", ap, CZJ, pid, {"amount": amount, "payee": p["sup"], "proc": p["id"]}, rng.choice(PAY_APPROVERS))

    # ---- registry: officials and their kin (gy.rsj), deaths (gy.mzj)
    recipients = {scheme: [people.new() for _ in range(n)] for scheme, (n, _) in SCHEMES.items()}
    officials = []
    for _ in range(6):
        o = officials_pool.new()
        kin = [officials_pool.new() for _ in range(rng.randint(2, 4))]
        officials.append((o, kin))
    # extra: the kin of one official (a 民政 caseworker) is on 城乡低保
    favoured = recipients["城乡低保"][17]
    officials[2][1].append(favoured)
    for i, (o, kin) in enumerate(officials):
        s.must("registry.official", at(date(2026, 9, 1), 9, 30, i * 7), RSJ, o, {"kin": kin}, RSJ_CLERKS[0])

    dead_planted = recipients["城乡低保"][9]
    dead_near = recipients["特困人员救助供养"][4]
    deaths = [(dead_planted, date(2026, 9, 14), date(2026, 9, 16)), (dead_near, date(2026, 10, 20), date(2026, 10, 22))]
    for _ in range(7):
        d = rng.choice(period_days()[:-5])
        deaths.append((people.new(), d, next_workday(d + timedelta(days=rng.randint(1, 4)))))
    for who, died, rec in deaths:
        s.must("registry.person_died", office_time(rng, rec), MZJ, who, {"date": died.isoformat()}, rng.choice(MZJ_CLERKS))

    # ---- subsidies: monthly batches (no actor), plus manual 补发
    double_paid = recipients["城乡低保"][23]
    late_joiner = recipients["城乡低保"][31]
    both_schemes = recipients["残疾人两项补贴"][3]
    recipients["城乡低保"].append(both_schemes)  # also on 低保: two schemes, one period, not a duplicate
    levels = {}
    for scheme, who in recipients.items():
        for r in who:
            if scheme == "高龄津贴":
                levels[(scheme, r)] = rng.choices([50, 100, 300], weights=[14, 5, 1])[0]
            else:
                lo, hi = SCHEMES[scheme][1]
                levels[(scheme, r)] = rng.randint(lo // 10, hi // 10) * 10
    subsidy_rows = []  # (t, recipient, scheme, period, amount, actor, tag)
    for period, day in BATCHES.items():
        t = at(day, 9, 0, 0)
        for scheme, who in recipients.items():
            for r in who:
                if r == dead_planted and period == "2026-11":
                    continue  # stopped once the death became known
                if r == dead_near and period == "2026-11":
                    continue
                if r == late_joiner and period == "2026-09":
                    continue  # enrolled late: September is paid with the October batch
                t += timedelta(seconds=rng.randint(2, 9))
                subsidy_rows.append((t, r, scheme, period, levels[(scheme, r)], None, ""))
                if r == late_joiner and period == "2026-10":
                    t += timedelta(seconds=3)
                    subsidy_rows.append((t, r, scheme, "2026-09", levels[(scheme, r)], None, "late_joiner"))
    subsidy_rows.append((at(date(2026, 10, 27), 15, 12, 44), double_paid, "城乡低保", "2026-10", levels[("城乡低保", double_paid)], "clerk:2108", "double"))
    subsidy_rows.sort(key=lambda x: x[0])
    for t, r, scheme, period, amount, actor, tag in subsidy_rows:
        pid = pay_id("BT-2026-")  # 惠民惠农一卡通 transfers have their own numbering
        s.must("subsidy.paid", t, CZJ, pid, {"recipient": r, "scheme": scheme, "period": period, "amount": amount}, actor)
        if r == dead_planted and period == "2026-10":
            planted["dead_pay"] = pid
        if r == double_paid and period == "2026-10" and scheme == "城乡低保":
            planted.setdefault("double", []).append(pid)
        if r == favoured and period == "2026-10":
            planted["favoured_pay"] = pid

    NOTES.add(F, "planted", [p["id"] for p in procs if p["plan"] == "split"],
              f"split purchase: four `inquiry` purchases of 587,300–612,500 (sum 2,401,700.50) under the same budget item “{SPLIT_ITEM}” and category “{SPLIT_CAT}” in 2026, all but one from `{split_supplier}`")
    NOTES.add(F, "near miss", [p["id"] for p in procs if p["plan"] == "near_split"],
              f"“{NSPLIT_ITEM}” / “{NSPLIT_CAT}”: two `inquiry` purchases (590,000 + 605,000) and one `open_tender` of 2,380,000 — non-open spending stays at 1,195,000")
    NOTES.add(F, "planted", [p["id"] for p in procs if p["plan"] == "under"],
              "`competitive_negotiation` purchase of 1,990,000, just under the 2,000,000 open-tender threshold (alone in its budget item)")
    NOTES.add(F, "near miss", [p["id"] for p in procs if p["plan"] == "near_alone"],
              "`competitive_negotiation` purchase of 1,800,000 alone in its budget item; every other non-open purchase is under 1,000,000")
    NOTES.add(F, "planted", [planted["dead_pay"], dead_planted],
              f"城乡低保 for period 2026-10 paid on 2026-10-12 to `{dead_planted}`, whose `registry.person_died` gives date 2026-09-14 (the September payment on 09-10 came before the death; November is stopped)")
    NOTES.add(F, "near miss", dead_near,
              f"`{dead_near}` died 2026-10-20: 特困人员救助供养 for 2026-10 was paid on 2026-10-12, before the death, and November is stopped")
    NOTES.add(F, "planted", planted["double"] + [double_paid],
              f"城乡低保 period 2026-10 paid twice to `{double_paid}`: in the 10-12 batch and again by hand on 10-27")
    NOTES.add(F, "near miss", [late_joiner, both_schemes],
              f"`{late_joiner}` enrolled late, so periods 2026-09 and 2026-10 are both paid in the 10-12 batch (different periods); `{both_schemes}` gets 城乡低保 and 残疾人两项补贴 for the same periods (different schemes)")
    nomeet = next(p for p in procs if p["plan"] == "no_meeting")
    NOTES.add(F, "extra", nomeet["id"], "`open_tender` of 3,600,000 with no `decision.meeting_held` listing it; every other procurement of 500,000 or more is listed in the meeting before its award")
    NOTES.add(F, "extra", [officials[2][0], favoured],
              f"`registry.official` `{officials[2][0]}` lists `{favoured}` among its kin, who receives 城乡低保 every month (优亲厚友 to check)")
    return s


# ---------------------------------------------------------------------------
# 5. Procurement collusion cases — qn.ggzy
# ---------------------------------------------------------------------------

QN = "qn.ggzy"
QN_STAFF = ["staff:5101", "staff:5104"]


class Firm:
    """A bidder of the procurement cases, with its own people, machine and account."""

    def __init__(self, rng: random.Random, org: str, idx: int, staff: IdPool):
        self.org = org
        self.preparer, self.agent, self.project_manager, self.contact = (staff.new() for _ in range(4))
        self.ip = f"198.18.{idx // 200}.{10 + idx % 200}"
        self.mac = "02:" + ":".join(f"{rng.randint(0, 255):02x}" for _ in range(5))
        cpuid = rng.choice(["BFEBFBFF", "178BFBFF"]) + "".join(rng.choice("0123456789ABCDEF") for _ in range(8))
        self.machine_code = f"{cpuid}-WD-WX{''.join(rng.choice('0123456789ABCDEF') for _ in range(10))}"
        self.dongle = "SJ" + "".join(str(rng.randint(0, 9)) for _ in range(10))  # 计价软件加密锁号
        self.account = rng.choice(BANK_BRANCHES) + "".join(str(rng.randint(0, 9)) for _ in range(9))


def make_procurement(rng: random.Random) -> Stream:
    """Tenders at 黔南州公共资源交易中心 (qn.ggzy), one case per collusion finding, with near misses."""
    s = Stream("procurement.ndjson", {QN: "QNGGZY-2026-"})
    F = "procurement.ndjson"
    orgs = IdPool(rng, lambda r: "org:" + r.choice(["91522700MA6", "91522701MA6", "91522702MA6"]) + "".join(r.choice(CODE_CHARS) for _ in range(7)))
    govs = IdPool(rng, lambda r: "org:11522700" + f"{r.randint(0, 999999999):09d}" + r.choice(CODE_CHARS))
    staff = person_pool(rng, 27)
    buyers = [govs.new() for _ in range(6)]
    agencies = [orgs.new() for _ in range(3)]
    firms = [Firm(rng, orgs.new(), i, staff) for i in range(46)]
    assert len({f.account for f in firms}) == len(firms) and len({f.mac for f in firms}) == len(firms)
    L, W1, W2, M = firms[0], firms[1], firms[2], firms[3]          # perpetual loser, its winners, the near miss
    R1, R2, R3 = firms[4], firms[5], firms[6]                       # rotation
    G1, G2 = firms[7], firms[8]                                     # ring where one member takes most wins
    H1, H2 = firms[9], firms[10]                                    # near-miss pair: three tenders together
    fillers = firms[11:]

    plans = (["preparer", "dongle", "ip_only", "agent", "manager", "doc_hash", "same_price", "geometric", "two_percent",
              "account", "changed", "near_estimate", "estimate_near_miss",
              "short_period", "exact_20", "single_bid", "single_source", "close", "close_near_miss", "late_win",
              "all_but_winner", "lowest_out", "many_out", "discount"]
             + ["loser"] * 6 + ["rotation"] * 6 + ["ring"] * 5)
    days = [d for d in _days("2026-09-01", "2026-10-12") if is_workday(d)]
    specs = []
    for n, plan in enumerate(plans):
        specs.append({"id": f"tender:2026-QN-{n + 1:03d}", "plan": plan, "pub": office_time(rng, days[n * len(days) // len(plans)])})
    by_plan = defaultdict(list)
    for sp in specs:
        by_plan[sp["plan"]].append(sp)
    # the perpetual loser's six tenders: W1 wins four, W2 two
    for i, sp in enumerate(by_plan["loser"]):
        sp["fixed"], sp["winner"] = ([W1, L], W1) if i % 3 != 2 else ([W2, L], W2)
    for i, sp in enumerate(by_plan["rotation"]):
        sp["fixed"], sp["winner"] = [R1, R2, R3], [R1, R2, R3][i % 3]
    for i, sp in enumerate(by_plan["ring"]):
        sp["fixed"], sp["winner"] = [G1, G2], [G1, G1, G1, G2, None][i]
    # the near misses: M loses five tenders to five different winners; H1 and H2 meet three times
    for plan in ("preparer", "dongle", "ip_only", "agent", "manager"):
        by_plan[plan][0]["fixed"] = [M]
    for plan in ("close", "late_win", "discount"):
        by_plan[plan][0]["fixed"] = [H1, H2]

    participation = Counter()
    together = Counter()
    wins_by_buyer = Counter()
    losses = defaultdict(list)
    planted = {}

    for n, sp in enumerate(specs):
        tid, plan, pub = sp["id"], sp["plan"], sp["pub"]
        method = {"single_source": "single_source", "all_but_winner": "invited"}.get(plan, "open")
        buyer, agency = buyers[n % len(buyers)], agencies[n % len(agencies)]
        ceiling = int(round(rng.uniform(1_200_000, 6_000_000), -4))
        estimate = int(round(ceiling / rng.uniform(0.95, 1.0), -4))
        period = {"short_period": 19, "exact_20": 20}.get(plan, rng.randint(20, 24))
        deadline = at(pub.date() + timedelta(days=period), rng.choice([9, 10, 14]), 30, 0)
        if plan in ("short_period", "exact_20"):
            assert (deadline.date() - pub.date()).days == period
        else:
            deadline = at(next_workday(deadline.date()), deadline.hour, 30, 0)
        k = {"single_bid": 1, "single_source": 1, "all_but_winner": 3, "lowest_out": 5, "many_out": 4, "geometric": 4, "two_percent": 4}.get(plan, rng.randint(4, 5))
        fixed = sp.get("fixed", [])
        k = max(k, len(fixed) + (1 if k > 1 else 0))
        specials = {f.org for f in (L, W1, W2, M, R1, R2, R3, G1, G2, H1, H2)}
        for _try in range(500):
            chosen = fixed + rng.sample([f for f in fillers if participation[f.org] < 4], k - len(fixed))
            pairs = [(a.org, b.org) for a in chosen for b in chosen if a.org < b.org]
            if all(together[p] < 2 for p in pairs if not set(p) <= specials):
                break
        else:
            raise AssertionError(f"no bidder set for {tid}")
        for p in pairs:
            together[p] += 1
        for f in chosen:
            participation[f.org] += 1

        # prices: the winner bids lowest; nothing regular, nothing within 0.5% of the winner, unless planted
        wanted = sp.get("winner", "lowest")
        for _try in range(500):
            bids = {f.org: int(round(ceiling * rng.uniform(0.85, 0.99), -2)) for f in chosen}
            vals = sorted(bids.values())
            if any((b - a) / a < 0.005 for a, b in zip(vals, vals[1:])):
                continue
            if len(vals) >= 3:
                gaps = [b - a for a, b in zip(vals, vals[1:])]
                if min(gaps) <= 0 or min(gaps) / max(gaps) > 0.6:
                    continue
            low = min(bids, key=bids.get)
            if wanted is None and low in specials:
                continue
            if wanted not in ("lowest", None) and low != wanted.org:
                continue
            if plan in ("preparer", "dongle", "ip_only", "agent", "manager") and (low == M.org or low in losses[M.org]):
                continue
            if plan == "loser" and low == L.org:
                continue
            break
        else:
            raise AssertionError(tid)
        c = chosen
        if plan == "same_price":
            ranked = sorted(bids, key=bids.get)
            bids[ranked[2]] = bids[ranked[1]]          # two bidders, neither the lowest, at one price
        elif plan == "geometric":
            ceiling, estimate = 5_000_000, 5_150_000   # each bid 3% under the next, from the ceiling down
            for i, f in enumerate(sorted(c, key=lambda f: bids[f.org], reverse=True)):
                bids[f.org] = int(round(ceiling * 0.97 ** (i + 1)))
        elif plan == "two_percent":
            for f, v in zip(c, (3_000_000, 3_060_000, 3_290_000, 3_410_000, 3_530_000)):
                bids[f.org] = v
            ceiling, estimate = 3_600_000, 3_700_000
        elif plan == "near_estimate":
            ceiling, estimate = 2_150_000, 2_000_000   # the winner lands 0.06% under the undisclosed 标底
            for f, v in zip(c, (1_998_800, 2_052_000, 2_091_000, 2_120_000, 2_140_000)):
                bids[f.org] = v
        elif plan == "estimate_near_miss":
            ceiling, estimate = 3_150_000, 3_000_000   # 0.5% under it: not within a hair
            for f, v in zip(c, (2_985_000, 3_041_000, 3_093_000, 3_126_000, 3_140_000)):
                bids[f.org] = v
        elif plan in ("close", "close_near_miss"):
            ranked = sorted(bids, key=bids.get)
            bids[ranked[1]] = int(round(bids[ranked[0]] * (1.0005 if plan == "close" else 1.002)))
        elif plan == "discount":
            ranked = sorted(bids, key=bids.get)
            bids[ranked[0]] = int(round(ceiling * 0.55, -2))
        vals = sorted(bids.values())
        if plan not in ("geometric",) and len(vals) >= 3 and plan != "same_price":
            gaps = [b - a for a, b in zip(vals, vals[1:])]
            assert min(gaps) > 0 and min(gaps) / max(gaps) < 0.9, (tid, vals)

        # who is out, who wins
        withdrawn = set()
        disqualified = []
        ranked = sorted(bids, key=bids.get)
        if plan == "all_but_winner":
            disqualified = ranked[1:]
        elif plan == "lowest_out":
            disqualified = ranked[:1]
        elif plan == "many_out":
            disqualified = ranked[2:]
        valid = [o for o in ranked if o not in disqualified]
        winner = None if plan == "single_bid" else valid[0]
        if plan == "ring" and wanted is None:
            assert valid[0] not in specials
        amount = bids[winner] if winner else None

        # deposits and bids
        dep_amount = int(min(round(estimate * 0.02, -3), 800_000)) if method in ("open", "invited") else 0
        changed_time = None
        for i, f in enumerate(c):
            account = f.account
            if plan == "account" and f is c[2]:
                account = c[1].account
            if dep_amount:
                dt_ = any_time(rng, pub.date() + timedelta(days=rng.randint(3, 12)), 8 * 60, 21 * 60)
                s.must("bid.deposit_paid", dt_, QN, tid, {"bidder": f.org, "account": account, "amount": dep_amount})
            st = any_time(rng, deadline.date() - timedelta(days=rng.randint(1, 5)), 8 * 60, 21 * 60)
            if plan == "late_win" and f.org == winner:
                st = deadline + timedelta(minutes=14, seconds=rng.randint(0, 59))
            data = {"bidder": f.org, "amount": bids[f.org], "currency": "CNY",
                    "preparer": c[0].preparer if plan == "preparer" and f is c[1] else f.preparer,
                    "agent": c[0].agent if plan == "agent" and f is c[2] else f.agent,
                    "project_manager": c[0].project_manager if plan == "manager" and f is c[3] else f.project_manager,
                    "contact": f.contact,
                    "doc_hash": hashlib.sha256(f"{tid}|{(c[0] if plan == 'doc_hash' and f is c[1] else f).org}".encode()).hexdigest()}
            if method != "single_source":
                fp = {"ip": c[0].ip if plan == "ip_only" and f is c[1] else f.ip, "mac": f.mac, "machine_code": f.machine_code,
                      "dongle": c[0].dongle if plan == "dongle" and f is c[2] else f.dongle}
                data["fingerprint"] = fp
            s.must("bid.submitted", st, QN, tid, data, f.org)
        opened = deadline + timedelta(minutes=30 if plan == "late_win" else 0)
        s.must("tender.opened", opened, QN, tid, {}, QN_STAFF[n % 2])
        if plan == "changed":
            # after the opening, the second-lowest bidder submits again, lower than everyone, and wins
            changer = ranked[1]
            new = int(round(bids[ranked[0]] * 0.97, -2))
            changed_time = opened + timedelta(minutes=rng.randint(40, 90))
            f = next(f for f in c if f.org == changer)
            data = {"bidder": changer, "amount": new, "currency": "CNY", "preparer": f.preparer, "agent": f.agent,
                    "project_manager": f.project_manager, "contact": f.contact,
                    "doc_hash": hashlib.sha256(f"{tid}|{changer}|2".encode()).hexdigest(),
                    "fingerprint": {"ip": f.ip, "mac": f.mac, "machine_code": f.machine_code, "dongle": f.dongle}}
            s.must("bid.submitted", changed_time, QN, tid, data, changer)
            winner, amount = changer, new
        for j, o in enumerate(disqualified):
            s.must("bid.disqualified", opened + timedelta(minutes=50 + 20 * j), QN, tid,
                   {"bidder": o, "reason": DISQUALIFY_REASONS[(n + j) % len(DISQUALIFY_REASONS)]}, agency)
        if winner:
            aw = office_on_or_after(rng, add_workdays(opened.date(), rng.randint(3, 5)))
            s.must("tender.awarded", aw, QN, tid, {"winner": winner, "amount": amount}, buyer)
            wins_by_buyer[(buyer, winner)] += 1
            for o in bids:
                if o != winner:
                    losses[o].append(winner)
            cs = office_on_or_after(rng, aw.date() + timedelta(days=rng.randint(3, 6)))
            s.must("contract.signed", cs, QN, tid, {"supplier": winner, "amount": amount}, buyer)
        # the notice last, so that the planted prices above could still set the ceiling and estimate
        s.must("tender.published", pub, QN, tid, {
            "buyer": buyer, "agency": agency, "method": method, "ceiling": ceiling, "estimate": estimate, "currency": "CNY",
            "submission_deadline": fmt(deadline), "title": f"黔南州{['道路维修工程', '教学设备采购', '物业管理服务', '供水管网改造工程'][n % 4]}（{CN_NUM[n % 10]}标段）"}, agency)
        planted[tid] = {"bidders": [f.org for f in c], "winner": winner, "bids": bids, "disqualified": disqualified}

    assert max(wins_by_buyer.values()) <= 3, wins_by_buyer.most_common(3)
    assert all(participation[f.org] <= 4 for f in fillers)
    assert len(losses[L.org]) == 6 and Counter(losses[L.org]) == Counter({W1.org: 4, W2.org: 2})
    assert len(losses[M.org]) == 5 and len(set(losses[M.org])) == 5, losses[M.org]
    assert together[tuple(sorted((H1.org, H2.org)))] == 3

    def ids(plan):
        return [sp["id"] for sp in by_plan[plan]]

    NOTES.add(F, "planted", ids("preparer"), "two bidders' bids name the same `preparer` (art. 40(1))")
    NOTES.add(F, "planted", ids("dongle"), "two bidders' bids carry the same cost-software `fingerprint.dongle` (art. 40(1))")
    NOTES.add(F, "near miss", ids("ip_only"), "two bidders share only their public `fingerprint.ip`: yellow `same_ip`, no red finding")
    NOTES.add(F, "planted", ids("agent"), "two bidders entrust the same `agent` (art. 40(2))")
    NOTES.add(F, "planted", ids("manager"), "two bidders name the same `project_manager` (art. 40(3))")
    NOTES.add(F, "planted", ids("doc_hash"), "two bids have the same `doc_hash` (art. 40(4))")
    NOTES.add(F, "planted", ids("same_price"), "two bidders, neither the lowest, bid the same price (art. 40(4); Cardinal R028)")
    NOTES.add(F, "planted", ids("geometric"), "four bids of 4,850,000, 4,704,500, 4,563,365 and 4,426,464: each 97% of the next higher one, starting from the ceiling of 5,000,000 (a constant ratio to the ceiling, art. 40(4))")
    NOTES.add(F, "near miss", ids("two_percent"), "bids of 3,000,000 and 3,060,000 (2% apart) beside others: not a progression")
    NOTES.add(F, "planted", ids("account"), "one bidder's deposit is paid from another bidder's `account` (art. 40(6))")
    NOTES.add(F, "planted", ids("changed"), "the second-lowest bidder submits again after `tender.opened`, lower than everyone, and wins (art. 41)")
    NOTES.add(F, "planted", ids("near_estimate"), "the winning bid of 1,998,800 is 0.06% under the undisclosed `estimate` (标底) of 2,000,000 (art. 41)")
    NOTES.add(F, "near miss", ids("estimate_near_miss"), "the winning bid of 2,985,000 is 0.5% under the estimate of 3,000,000")
    NOTES.add(F, "planted", ids("short_period"), "an open tender with 19 days from the notice to the submission deadline (招标投标法 art. 24; Cardinal R003)")
    NOTES.add(F, "near miss", ids("exact_20"), "an open tender with exactly 20 days")
    NOTES.add(F, "planted", ids("single_bid"), "an open tender opened with a single bid, not awarded (Cardinal R018)")
    NOTES.add(F, "near miss", ids("single_source"), "a single-source purchase with its one bid, awarded")
    NOTES.add(F, "planted", ids("close"), "the second-lowest bid is 0.05% above the winning bid (Cardinal R024)")
    NOTES.add(F, "near miss", ids("close_near_miss"), "the second-lowest bid is 0.2% above the winning bid")
    NOTES.add(F, "planted", ids("late_win"), "the winner's bid arrives 14 minutes after the submission deadline, before the opening (Cardinal R030)")
    NOTES.add(F, "planted", ids("all_but_winner"), "an invited tender of three bidders in which the two not awarded are disqualified (Cardinal R035, and R038: 2 of 3)")
    NOTES.add(F, "planted", ids("lowest_out"), "the lowest of five bids is disqualified and the second-lowest wins (Cardinal R036)")
    NOTES.add(F, "planted", ids("many_out"), "two of four bidders disqualified, the lowest bid wins (Cardinal R038)")
    NOTES.add(F, "planted", ids("discount"), "the second-lowest valid bid is more than 50% above the winning bid (Cardinal R058)")
    NOTES.add(F, "planted", ids("loser"), f"perpetual loser `{L.org}` bids in these 6 tenders and wins none: `{W1.org}` wins 4, `{W2.org}` 2; `{L.org}` and `{W1.org}` bid together in 4 of `{W1.org}`'s 4 tenders (a ring)")
    NOTES.add(F, "near miss", ids("preparer") + ids("dongle") + ids("ip_only") + ids("agent") + ids("manager"), f"`{M.org}` loses these 5 awarded tenders, to 5 different winners")
    NOTES.add(F, "planted", ids("rotation"), f"`{R1.org}`, `{R2.org}` and `{R3.org}` bid together in these 6 tenders and win 2 each, in turn (bid rotation)")
    NOTES.add(F, "planted", ids("ring"), f"`{G1.org}` and `{G2.org}` bid together in these 5 tenders; `{G1.org}` wins 3 and `{G2.org}` 1 (a ring; too lopsided for rotation)")
    NOTES.add(F, "near miss", ids("close") + ids("late_win") + ids("discount"), f"`{H1.org}` and `{H2.org}` bid together in these 3 tenders only")
    NOTES.add(F, "other", f"{specs[0]['id']}…{specs[-1]['id'][len('tender:2026-QN-'):]}",
              "every other bidder bids in at most 4 tenders and meets any other at most twice; the winner is the lowest valid bid; no two bids are within 0.5% of each other unless planted")
    return s


# ---------------------------------------------------------------------------
# 6. Malformed stream
# ---------------------------------------------------------------------------

MAX_LINE = 1 << 20


def envelope_bytes(**overrides) -> bytes:
    """A compact envelope; `overrides` replace fields (None removes one); extra keys are appended."""
    env = {"id": "TEST-000000", "type": "case.reported", "at": "2026-11-02T09:15:00+08:00", "dept": "gy.test",
           "actor": "officer:0451", "subject": "case:T-0001", "data": {"kind": "administrative"}}
    for k, v in overrides.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return json.dumps(env, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def make_malformed() -> list[tuple[bytes, str, str]]:
    """Lines as (bytes, code, field); code '' for good lines, 'blank' for the blank line."""
    rng = random.Random(SEED + 5)
    good_n = [0]

    def good(type_: str, subject: str, data: dict, hh: int, mm: int, actor: str | None = "officer:0451") -> tuple[bytes, str, str]:
        good_n[0] += 1
        env = {"id": f"TEST-{good_n[0]:06d}", "type": type_, "at": f"2026-11-02T{hh:02d}:{mm:02d}:00+08:00", "dept": "gy.test"}
        if actor:
            env["actor"] = actor
        env["subject"] = subject
        env["data"] = data
        return (json.dumps(env, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), "", "")

    bad_n = [0]

    def bid() -> str:
        bad_n[0] += 1
        return f"TEST-B{bad_n[0]:05d}"

    base = envelope_bytes(id="ID_PLACEHOLDER")

    def with_id(raw: bytes) -> bytes:
        return raw.replace(b"ID_PLACEHOLDER", bid().encode())

    big = base64.b64encode(rng.randbytes(825_000)).decode()  # 1,100,000 characters
    lines = [
        good("case.reported", "case:T-0001", {"kind": "criminal", "summary": "夜查中驾驶人涉嫌醉酒驾驶机动车", "reporter": "person:5299000001"}, 9, 1),
        good("case.accepted", "case:T-0001", {"kind": "criminal"}, 9, 20),
        # invalid_utf8: a raw 0xFF byte inside a string
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", actor="officer:04XX")).replace(b"04XX", b"04\xff1"), "invalid_utf8", ""),
        good("penalty.decided", "penalty:T-000001", {"party": "person:5299000002", "act": "闯红灯", "code": "1625", "amount": 200}, 9, 31),
        # invalid_utf8: overlong encoding of "/" (C0 AF)
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", subject="case:T-0002XX")).replace(b"XX", b"\xc0\xaf"), "invalid_utf8", ""),
        # invalid_utf8: "案" (E6 A1 88) cut after two bytes
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", data={"summary": "立案XX"})).replace("案XX".encode(), b"\xe6\xa1"), "invalid_utf8", ""),
        # invalid_json: trailing comma
        (with_id(envelope_bytes(id="ID_PLACEHOLDER"))[:-1] + b",}", "invalid_json", ""),
        # invalid_json: unterminated string
        (with_id(envelope_bytes(id="ID_PLACEHOLDER")).split(b',"data"')[0][:-1], "invalid_json", ""),
        # invalid_json: single quotes
        (with_id(envelope_bytes(id="ID_PLACEHOLDER")).replace(b'"', b"'"), "invalid_json", ""),
        good("record.accessed", "person:5299000002", {"purpose": "核实当事人身份信息", "case": "case:T-0001"}, 9, 40),
        # invalid_json: a bare word as a value
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", data={"kind": "KINDWORD"})).replace(b'"KINDWORD"', b"criminal"), "invalid_json", ""),
        # invalid_json: a number with a leading zero
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="case.review_extended", data={"days": 777})).replace(b"777", b"07"), "invalid_json", ""),
        # not_an_object: an array (of an otherwise good envelope), and a string
        (b"[" + with_id(envelope_bytes(id="ID_PLACEHOLDER")) + b"]", "not_an_object", ""),
        (b'"case.accepted 2026-11-02T09:15:00+08:00 gy.test"', "not_an_object", ""),
        (b"", "blank", ""),
        good("case.filed", "case:T-0001", {}, 10, 2),
        # line_too_long: a valid-looking envelope whose data string is 1.1 MB
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="accident.scene_done", subject="accident:T-0001", data={"attachment": big})), "line_too_long", ""),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", subject=None)), "missing_field", "subject"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", dept="")), "empty_field", "dept"),
        (envelope_bytes(id=123), "wrong_type", "id"),
        good("case.closed", "case:T-0001", {}, 10, 30),
        good("hotline.received", "svc:T-00001", {"category": "complaint", "summary": "投诉某餐馆油烟直排"}, 10, 31, actor="operator:0807"),
        # too_long: 91 characters but 263 UTF-8 bytes
        (envelope_bytes(id="TEST-" + "案" * 86), "too_long", "id"),
        # control_character: escaped \u0001 and escaped \t decode to control characters
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", actor="officer:\u00010451")), "control_character", "actor"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", subject="case:T\t0003")), "control_character", "subject"),
        good("rating.submitted", "svc:T-00002", {"score": 1, "channel": "window", "comment": "等候时间过长"}, 10, 45, actor=None),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", at="2026-11-02T09:15:00")), "bad_timestamp", "at"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", at="2026-11-02 09:15:00+08:00")), "bad_timestamp", "at"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", at="2026-02-30T09:15:00+08:00")), "bad_timestamp", "at"),
        good("application.received", "app:T-00001", {"item": "食品经营许可", "applicant": "org:91520100MA6TEST001"}, 11, 0, actor="clerk:0101"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="Case.Accepted")), "bad_type_name", "type"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="accepted")), "bad_type_name", "type"),
        good("application.accepted", "app:T-00001", {"promised_workdays": 10}, 11, 5, actor="clerk:0101"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", subjet="case:T-0004")), "unknown_field", "subjet"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", seq=5)), "reserved_field", "seq"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", data=[1, 2])), "data_not_object", "data"),
        good("subsidy.paid", "pay:T-000001", {"recipient": "person:5299000003", "scheme": "城乡低保", "period": "2026-10", "amount": 620}, 14, 0, actor=None),
        good("tender.published", "tender:T-GC-001", {"buyer": "org:115201000000000010", "agency": "org:91520100MA6TEST002", "method": "open",
                                                       "ceiling": 1860000, "estimate": 1900000, "currency": "CNY",
                                                       "submission_deadline": "2026-11-24T09:30:00+08:00", "title": "测试道路维修工程"}, 14, 10, actor="org:91520100MA6TEST002"),
        good("bid.submitted", "tender:T-GC-001", {"bidder": "org:91520100MA6TEST003", "amount": 1702345.5, "currency": "CNY"}, 14, 20, actor="org:91520100MA6TEST003"),
        good("registry.person_died", "person:5299000003", {"date": "2026-09-14"}, 15, 0, actor="clerk:3101"),
        # payloads that break their type's schema in Rules/schemas (checked by ingest when the schemas are at hand)
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="bid.submitted", subject="tender:T-GC-001",
                                data={"amount": 1689000, "currency": "CNY"})), "missing_field", "data.bidder"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", data={"kind": "civil"})), "undocumented_value", "data.kind"),
        (with_id(envelope_bytes(id="ID_PLACEHOLDER", type="subsidy.paid", subject="pay:T-000002",
                                data={"recipient": "person:5299000004", "scheme": "城乡低保", "period": "2026-10", "amount": "620"})),
         "wrong_type", "data.amount"),
    ]
    return lines


# ---------------------------------------------------------------------------
# Validation (also a reference for the Swift validator)
# ---------------------------------------------------------------------------

ALLOWED_KEYS = ("id", "type", "at", "dept", "actor", "subject", "data")
RESERVED_KEYS = ("seq", "recorded")
TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
TS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$")


def valid_timestamp(s: str) -> bool:
    m = TS_RE.match(s)
    if not m:
        return False
    y, mo, d, hh, mm, ss = (int(m.group(i)) for i in range(1, 7))
    try:
        date(y, mo, d)
    except ValueError:
        return False
    if hh > 23 or mm > 59 or ss > 60:
        return False
    if m.group(8) != "Z" and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


def has_control(s: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in s)


def classify(raw: bytes) -> tuple[str, str] | None:
    """The rejection (code, field) for one line without its newline, or None when it is good."""
    if len(raw) > MAX_LINE:
        return ("line_too_long", "")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ("invalid_utf8", "")

    def no_constants(name):
        raise ValueError(name)

    try:
        obj = json.loads(text, parse_constant=no_constants)
    except ValueError:
        return ("invalid_json", "")
    if not isinstance(obj, dict):
        return ("not_an_object", "")
    for k in obj:
        if k in RESERVED_KEYS:
            return ("reserved_field", k)
        if k not in ALLOWED_KEYS:
            return ("unknown_field", k)
    for k in ALLOWED_KEYS:
        if k not in obj:
            if k == "actor":
                continue
            return ("missing_field", k)
        v = obj[k]
        if k == "data":
            if not isinstance(v, dict):
                return ("data_not_object", k)
            continue
        if not isinstance(v, str):
            return ("wrong_type", k)
        if v == "":
            return ("empty_field", k)
        if len(v.encode("utf-8")) > 256:
            return ("too_long", k)
        if has_control(v):
            return ("control_character", k)
        if k == "type" and not TYPE_RE.match(v):
            return ("bad_type_name", k)
        if k == "at" and not valid_timestamp(v):
            return ("bad_timestamp", k)
    fields = SCHEMAS.get(obj["type"])
    if fields is not None:
        return schema_problem(obj.get("data", {}), fields, "data")
    return None


def load_schemas() -> dict:
    """Event type -> documented data fields, from Rules/schemas (what ingest checks payloads against)."""
    events = {}
    for path in sorted((HERE.parent / "Rules" / "schemas").glob("*.json")):
        events.update({t: e["data"] for t, e in json.loads(path.read_text(encoding="utf-8"))["events"].items()})
    return events


SCHEMAS = load_schemas()


def conforms(value, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind in ("date", "month"):
        text = value + "-01" if kind == "month" and isinstance(value, str) else value
        if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return False
        try:
            date.fromisoformat(text)
            return True
        except ValueError:
            return False
    if kind == "instant":
        return isinstance(value, str) and valid_timestamp(value)
    return False


def schema_problem(data: dict, fields: dict, path: str) -> tuple[str, str] | None:
    """The first problem, fields in name order (by UTF-8 bytes), as ingest reports it."""
    for name in sorted(fields, key=lambda k: k.encode("utf-8")):
        spec, where = fields[name], f"{path}.{name}"
        if data.get(name) is None:
            if spec.get("required"):
                return ("missing_field", where)
            continue
        value = data[name]
        if not conforms(value, spec["type"]):
            return ("wrong_type", where)
        if "values" in spec and value not in spec["values"]:
            return ("undocumented_value", where)
        if "items" in spec and not all(conforms(v, spec["items"]) for v in value):
            return ("wrong_type", where)
        if isinstance(value, dict) and spec.get("fields"):
            problem = schema_problem(value, spec["fields"], where)
            if problem:
                return problem
    return None


def check_stream(path: Path, depts: set[str]) -> tuple[int, Counter]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), path
    lines = raw[:-1].split(b"\n")
    seen = set()
    last = ""
    types = Counter()
    for n, line in enumerate(lines, 1):
        where = f"{path.name}:{n}"
        assert line.strip(), f"{where}: blank line"
        problem = classify(line)
        assert problem is None, f"{where}: {problem}"
        obj = json.loads(line)
        assert line.decode() == json.dumps(obj, ensure_ascii=False, separators=(",", ":")), f"{where}: not compact ensure_ascii=False JSON"
        assert obj["dept"] in depts, where
        assert obj["at"].endswith("+08:00") and len(obj["at"]) == 25, where
        t = datetime.fromisoformat(obj["at"][:19])
        assert PERIOD_START <= t <= PERIOD_END, where
        assert obj["at"] >= last, f"{where}: not sorted by at"
        last = obj["at"]
        key = (obj["dept"], obj["id"])
        assert key not in seen, f"{where}: duplicate id {key}"
        seen.add(key)
        assert "seq" not in obj and "recorded" not in obj
        types[obj["type"]] += 1
        for v in obj["data"].values():
            if isinstance(v, float):
                assert round(v, 2) == v, where
    return len(lines), types


STREAMS = [
    ("traffic-police.ndjson", {JGJ}),
    ("service-centre.ndjson", {ZWFW}),
    ("trading-centre.ndjson", {GGZY}),
    ("finance.ndjson", {CZJ, MZJ, RSJ}),
    ("procurement.ndjson", {QN}),
]


def check_all() -> dict:
    result = {}
    total = 0
    for name, depts in STREAMS:
        n, types = check_stream(HERE / name, depts)
        result[name] = (n, types)
        total += n
    assert total >= 2000, total
    # malformed: re-derive every code and compare with the TSV
    raw = (HERE / "malformed.ndjson").read_bytes()
    assert raw.endswith(b"\n")
    lines = raw[:-1].split(b"\n")
    derived = []
    good, good_ids, blanks = 0, set(), []
    for n, line in enumerate(lines, 1):
        if line.strip() == b"":
            blanks.append(n)
            continue
        problem = classify(line)
        if problem is None:
            obj = json.loads(line)
            assert obj["dept"] == "gy.test" and obj["id"] not in good_ids, n
            good_ids.add(obj["id"])
            good += 1
        else:
            derived.append(f"{n}\t{problem[0]}\t{problem[1]}")
    tsv = (HERE / "malformed.expected.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[0] == "line\tcode\tfield", tsv[0]
    assert tsv[1:] == derived, "\n".join(sorted(set(tsv[1:]) ^ set(derived)))
    codes = {row.split("\t")[1] for row in derived}
    required = {"invalid_utf8", "invalid_json", "not_an_object", "line_too_long", "missing_field", "empty_field", "wrong_type",
                "too_long", "control_character", "bad_timestamp", "bad_type_name", "unknown_field", "reserved_field", "data_not_object",
                "undocumented_value"}
    assert required <= codes, required - codes
    assert len(blanks) == 1, blanks
    result["malformed"] = (len(lines), good, len(derived))
    result["malformed_blank"] = blanks[0]
    return result


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------

FILE_BLURBS = {
    "traffic-police.ndjson": "`gy.jgj` 贵阳市公安局交通管理局 — criminal and administrative cases (report → acceptance → filing review → appraisal → transfer/penalty → close), road accidents, traffic penalties and their revocations, look-ups of citizens' records.",
    "service-centre.ndjson": "`gy.zwfw` 政务服务中心 — licensing applications (receipt, 补正, acceptance, steps 受理/审查/决定, suspensions, extension, approval or rejection, prerequisites, permits), 好差评 ratings and their rectification, 12345 hotline items.",
    "trading-centre.ndjson": "`gy.ggzy` 公共资源交易中心 — {tenders} tenders (工程 GC, 货物 HW, 服务 FW): publication, deposits, bids with fingerprints, withdrawals, opening, disqualifications, award, contract, amendments.",
    "finance.ndjson": "`gy.czj` 财政局 — procurements, payments (requested/approved), monthly subsidy batches, 三重一大 meetings; plus registry facts: deaths from `gy.mzj` 民政局 and officials with their kin from `gy.rsj` 人社局.",
    "procurement.ndjson": "`qn.ggzy` 黔南州公共资源交易中心 — {tenders} tenders, one per collusion finding of the `procurement` pack and its near misses: shared preparers, machines, agents, managers and accounts, identical and regular prices, bids changed after the opening, red flags, a perpetual loser, a bid rotation and a ring.",
}


def write_readme(result: dict) -> None:
    L = []
    w = L.append
    w("# Samples")
    w("")
    w("Synthetic department streams for `ironcage demo`, the tests and the rule packs. Everything here is")
    w("generated by `make_samples.py` (Python 3 standard library, fixed seed, byte-identical on every run);")
    w("edit the script, never the files. No real people: `person:52…`, `officer:0451`, `clerk:0101`,")
    w("`org:9152…` are made-up identifiers.")
    w("")
    w("```sh")
    w("python3 Samples/make_samples.py           # regenerate every file in this folder (this README too)")
    w("python3 Samples/make_samples.py --check   # validate the files on disk against the rules below")
    w("```")
    w("")
    w("## Files")
    w("")
    total = 0
    w("| file | events | what |")
    w("|---|---:|---|")
    for name, _ in STREAMS:
        n, _types = result[name]
        total += n
        w(f"| `{name}` | {n:,} | {FILE_BLURBS[name].format(tenders=_types.get('tender.published', 0))} |")
    nlines, good, bad = result["malformed"]
    w(f"| `malformed.ndjson` | {nlines} lines | {good} good lines, {bad} bad lines and 1 blank line (see below) |")
    w("| `malformed.expected.tsv` | | `line`, `code`, `field` of every bad line of `malformed.ndjson` |")
    w("")
    w(f"The five streams hold **{total:,} events** from 2026-09-01 to 2026-11-20. Each line is one envelope")
    w("`{\"id\",\"type\",\"at\",\"dept\",\"actor\"?,\"subject\",\"data\"}` written compactly with `ensure_ascii=False`,")
    w("UTF-8, `\\n` line ends, lines sorted by `at` (Beijing time, `+08:00`, seconds). Ids are numbered per")
    w("department in time order (`JGJ-2026-000001`, `ZWFW-…`, `GGZY-…`, `CZJ-…`, `MZJ-…`, `RSJ-…`, `QNGGZY-…`). Events with no")
    w("actor are system events: subsidy batches, bank deposit notices, anonymous ratings, online receipts out of hours.")
    w("Amounts are yuan as JSON numbers. Processes that would finish after 2026-11-20 are cut there and stay open.")
    w("The tests ingest `procurement.ndjson` after the four Guiyang streams (its events take seqs 3,161–3,687), so the")
    w("seqs cited for the other four stay what they were before it existed.")
    w("")
    w("Working days follow the 2026 State Council holiday notice (国务院办公厅关于2026年部分节假日安排的通知,")
    w("2025-11-04): 9-25 to 9-27 and 10-01 to 10-07 are holidays, Sunday 9-20 and Saturday 10-10 are working days.")
    w("Working-day counts below count the days after the start day up to and including the end day.")
    w("")
    w("## Events per type")
    w("")
    for name, _ in STREAMS:
        n, types = result[name]
        w(f"### `{name}` ({n:,})")
        w("")
        w("| type | count |")
        w("|---|---:|")
        for t, c in sorted(types.items()):
            w(f"| `{t}` | {c} |")
        w("")
    w("### Data fields beyond the core vocabulary")
    w("")
    w("A few descriptive fields the rules need not read: `accident.scene_done` `summary`; `rating.submitted`")
    w("`comment` (差评 only); `rating.rectified` `measure`; `payment.requested`/`payment.approved` `payee` and `proc`.")
    w("`permit.issued` carries `prerequisite` only for items that require one (食品经营许可, 药品经营许可（零售）,")
    w("出租汽车驾驶员从业资格证核发, 特种设备作业人员资格认定); its value equals the `ref` of the matching")
    w("`prerequisite.passed` (whose `holder` equals the permit's `holder`), so a `requires` rule should filter on")
    w("`exists data.prerequisite` and match on `holder` (or `ref`). `contract.amended` `amount` is the new contract total.")
    w("`step.started` carries `limit_workdays` on ordinary applications and none on the planted ones. Subsidies are")
    w("`subsidy.paid` on `pay:` subjects with no `payment.requested`. Every procurement of 500,000 or more is listed")
    w("(by its `proc:` id) in the `decision.meeting_held` before its award — except one extra, below.")
    w("")
    w("## Planted anomalies and near misses")
    w("")
    w("*planted* rows should raise a finding; *near miss* rows sit next to them and should not; *extra* rows")
    w("are anomalies beyond the brief; *other* rows are patterns worth knowing when writing rules.")
    w("")
    for name, _ in STREAMS:
        rows = [r for r in NOTES.rows if r[0] == name]
        w(f"### `{name}`")
        w("")
        w("| kind | subjects | what |")
        w("|---|---|---|")
        for _, kind, subjects, what in rows:
            w(f"| {kind} | {subjects} | {what} |")
        w("")
    w("Everything else is meant to be clean: cases accepted within 4 hours, criminal filing reviews within 3 days")
    w("(or within an approved extension), administrative cases closed within 30 days (or 60 with")
    w("`case.handling_extended`), accident findings within 10 days of the scene or 5 of the appraisal, applications")
    w("decided within their `promised_workdays`, every other 差评 rectified within 4 working days, hotline items answered")
    w("within 8 working days, look-ups between 08:30 and 20:00, revocations by the legal officers `officer:0901`/`0907`,")
    w("tender submission periods of at least 20 days for open and invited tenders, contracts within 30 days of award,")
    w("amendments under 10%, payments approved by someone other than the requester.")
    w("")
    w("## `malformed.ndjson`")
    w("")
    w(f"{nlines} lines: **{good} good lines** (dept `gy.test`, ids `TEST-000001`…, placed before, between and after the")
    w(f"bad ones), **{bad} bad lines** listed in `malformed.expected.tsv`, and one blank line (line {result['malformed_blank']}) that the reader")
    w("skips and does not count as a rejection. Line numbers are 1-based physical lines, the blank one included. The")
    w("validator rejects with the first problem in this order: line length (over 1,048,576 bytes, newline excluded),")
    w("UTF-8, JSON, object, top-level keys (reserved, unknown), then each field in the order id, type, at, dept, actor,")
    w("subject, data (missing, wrong type, empty, over 256 UTF-8 bytes, control character, then the type-name and")
    w("timestamp syntax; `data` must be an object), and last, for a type documented in `Rules/schemas/`, the payload's")
    w("documented fields in name order (`data.<field>`: required but missing, wrong type, a value outside a closed set —")
    w("checked when ingest has the schemas: `--schemas DIR`, or `./Rules/schemas` when present; the last three bad lines).")
    w("Each bad line has exactly one problem, so the order only matters")
    w("for implementations that would report another. Notes:")
    w("")
    w("- the `invalid_utf8` lines hold a raw 0xFF byte, an overlong `C0 AF`, and a 3-byte character cut after 2 bytes;")
    w("- the `invalid_json` lines: trailing comma, unterminated string, single quotes, a bare word, a leading zero (`07`);")
    w("- `control_character` lines use the *escapes* `\\u0001` and `\\t`, which decode to control characters; a raw tab")
    w("  inside a JSON string is itself invalid JSON (RFC 8259 §7), so none is used;")
    w("- the `too_long` id is 91 characters but 263 UTF-8 bytes (limits count bytes, not characters);")
    w("- the `line_too_long` line is a well-formed envelope whose `data.attachment` is a 1,100,000-character string;")
    w("- the `unknown_field` line has the typo `subjet` *beside* a correct `subject`, so it has no other problem.")
    w("")
    (HERE / "README.md").write_text("\n".join(L) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def generate() -> None:
    makers = [make_police, make_service_centre, make_trading_centre, make_finance, make_procurement]
    for i, maker in enumerate(makers):
        stream = maker(random.Random(SEED + i))
        write_lines(HERE / stream.filename, stream.lines())
    mal = make_malformed()
    (HERE / "malformed.ndjson").write_bytes(b"".join(raw + b"\n" for raw, _, _ in mal))
    rows = ["line\tcode\tfield"]
    for n, (_, code, field) in enumerate(mal, 1):
        if code and code != "blank":
            rows.append(f"{n}\t{code}\t{field}")
    (HERE / "malformed.expected.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = check_all()
    write_readme(result)
    for name, _ in STREAMS:
        print(f"{name}: {result[name][0]} events")
    print("malformed.ndjson: %d lines, %d good, %d bad" % result["malformed"])


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        result = check_all()
        for name, _ in STREAMS:
            print(f"{name}: {result[name][0]} events OK")
        print("malformed.ndjson: %d lines, %d good, %d bad, matches malformed.expected.tsv" % result["malformed"])
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 64
    generate()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
