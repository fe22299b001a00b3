#!/usr/bin/env python3
"""Seeded work orders for bench/workorders.sh (standard library only).

Clones the orders that `wanjia demo` created through the app (every stage of the loop, with
real workflow snapshots and stage clocks) into N orders, shifting every instant - the columns
and the ones inside the snapshot and clock JSON - to a new acceptance time, with a new id,
number, customer and responsible unit. So the rows are what the app itself would have stored.

Orders arrive at a fixed company-wide rate (--per-month, default 20,000: about 0.8 a year per
customer of the demo's ~300,000), newest at --now: 10,000 orders are the last two weeks,
1,000,000 about four years of history. Older orders are closed (97 %), recent ones follow the
demo's mix of stages. Types follow a 95598 mix (repairs and consultations dominate).

next_due_at: --due orders fall due just before --now; every other open order's next deadline
lies after --now (as if the sweep had kept up), so a server running on the data has no sweep
work unless asked. --all-open makes every order open (the sweep benchmark).

    gen_workorders.py sqlite DB --orders N [--due D] [--all-open] [--seed S] [--now EPOCH]
    gen_workorders.py csv TEMPLATES.jsonl UNITS.jsonl --orders N ... > orders.csv  (PostgreSQL COPY)
"""

import argparse
import csv
import datetime
import json
import random
import re
import sqlite3
import sys
import time
import uuid

# Share of each type among new orders (95598 practice: repairs and consultations dominate).
TYPE_MIX = {"faultRepair": 0.42, "consultation": 0.22, "serviceRequest": 0.12, "query": 0.08, "complaint": 0.06,
            "opinion": 0.04, "suggestion": 0.02, "report": 0.02, "praise": 0.02}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红国志海燕文俊德春梅东宇浩然欣怡"
CUSTOMERS = 300_000
BEIJING = datetime.timezone(datetime.timedelta(hours=8))
DAY = 86_400.0
# A number this large inside the JSON is an instant (seconds since 1970), not a count or span.
INSTANT = re.compile(r"(?<=[:\[,])(1[5-9]\d{8}|2\d{9})(\.\d+)?(?=[,\]}])")
INSTANT_COLUMNS = ("accepted_at", "appointment_at", "closed_at", "return_visited_at", "next_due_at",
                   "deadline_at", "warning_at", "created_at", "updated_at")
# Deadlines ahead of the order, not instants it has already lived through.
AHEAD_COLUMNS = ("next_due_at", "deadline_at", "warning_at")


class Template:
    """One demo order, its JSON pre-split so a clone is a join, not a parse."""

    def __init__(self, row):
        self.row = row
        self.accepted = float(row["accepted_at"])
        self.open = row["closed_at"] is None
        self.snapshot = self.split(row["snapshot"])
        self.clocks = self.split(row["clocks"])
        instants = [float(m.group(0)) for m in INSTANT.finditer(row["snapshot"] + "," + row["clocks"] + ",")]
        instants += [float(row[c]) for c in INSTANT_COLUMNS if row.get(c) is not None and c not in AHEAD_COLUMNS]
        # How long after acceptance its last recorded instant lies (a clone must not reach past now).
        self.span = max([0.0] + [t - self.accepted for t in instants])

    @staticmethod
    def split(text):
        parts, last = [], 0
        for m in INSTANT.finditer(text):
            parts += [text[last:m.start()], float(m.group(0))]
            last = m.end()
        return parts + [text[last:]]

    @staticmethod
    def join(parts, delta, replace):
        out = []
        for p in parts:
            if isinstance(p, float):
                out.append(repr(round(p + delta, 6)))
            else:
                for old, new in replace:
                    p = p.replace(old, new)
                out.append(p)
        return "".join(out)


def pick_units(units, rng):
    counties = [u for u in units if u["kind"] == "county"]
    stations = [u for u in units if u["kind"] == "station"]
    # A quarter wait at the county (intake, dispatch), the rest sit with a supply station.
    return lambda: rng.choice(counties) if rng.random() < 0.25 or not stations else rng.choice(stations)


def generate(templates, units, args, columns, uuid_value):
    rng = random.Random(args.seed)
    by_type = {}
    for t in templates:
        by_type.setdefault(t.row["type"], []).append(t)
    types = [k for k in TYPE_MIX if k in by_type] or list(by_type)
    weights = [TYPE_MIX.get(k, 0.01) for k in types]
    unit = pick_units(units, rng)
    span_days = max(1.0, args.orders / args.per_month * 30.44)
    due_every = args.orders // args.due if args.due else 0
    numbers = set()
    due_made = 0
    for i in range(args.orders):
        due = due_made < args.due and i >= due_made * due_every
        # Due orders are recent at every size, so the sweep has the same work per order.
        age = rng.random() * min(span_days, 14.0 if due else span_days) * DAY
        accepted = args.now - age
        pool = by_type[rng.choices(types, weights)[0]]
        want_open = due or args.all_open or (age < 7 * DAY and rng.random() < 0.5) or rng.random() < 0.03

        def ok(t):
            return t.open == want_open and t.span <= age and (not due or t.row["next_due_at"] is not None)

        fits = [t for t in pool if ok(t)] or [t for t in templates if ok(t)] or \
               [min((t for t in templates if t.open == want_open), key=lambda t: t.span)]
        t = rng.choice(fits)
        delta = accepted - t.accepted
        order_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        day = datetime.datetime.fromtimestamp(accepted, BEIJING).strftime("%Y%m%d")
        number = f"GD{day}-{str(order_id).upper()[:8]}"
        while number in numbers:  # the number column is unique
            order_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            number = f"GD{day}-{str(order_id).upper()[:8]}"
        numbers.add(number)
        u = unit()
        customer = rng.randrange(CUSTOMERS)
        row = dict(t.row)
        for c in INSTANT_COLUMNS:
            if row.get(c) is not None:
                row[c] = float(row[c]) + delta
        replace = [(t.row["snapshot_order"], str(order_id).upper())]
        if t.row["snapshot_unit"]:
            replace.append((t.row["snapshot_unit"], u["uuid"]))
        row["snapshot"] = Template.join(t.snapshot, delta, replace)
        row["clocks"] = Template.join(t.clocks, delta, [])
        if t.open and row["next_due_at"] is not None:
            if due:
                row["next_due_at"] = args.now - 1 - rng.random() * 3600
                due_made += 1
            else:
                row["next_due_at"] = max(row["next_due_at"], args.now + 3600 + rng.random() * 30 * DAY)
        row.update(id=uuid_value(order_id), number=number, unit_id=u["id"],
                   customer_account=f"01{customer:08d}", customer_phone=f"13{customer % 10}{customer:08d}",
                   customer_name=SURNAMES[customer % len(SURNAMES)] + GIVEN[customer // 7 % len(GIVEN)],
                   address=f"清河市{customer % 97}路{customer % 311}号", parent_id=None)
        yield [row[c] for c in columns]


def load_sqlite(args):
    db = sqlite3.connect(args.target, isolation_level=None)
    db.row_factory = sqlite3.Row
    columns = [r["name"] for r in db.execute("PRAGMA table_info(work_orders)")]
    rows = [dict(r) for r in db.execute("SELECT * FROM work_orders WHERE parent_id IS NULL AND state != 'merged'")]
    if not rows:
        sys.exit("no demo orders to clone: run `wanjia demo` on the database first")
    as_blob = isinstance(rows[0]["id"], bytes)
    uuid_value = (lambda u: u.bytes) if as_blob else (lambda u: str(u).upper())
    for r in rows:
        r["snapshot_order"] = json.loads(r["snapshot"])["orderID"]
        r["snapshot_unit"] = json.loads(r["snapshot"]).get("unitID")
    units = []
    for r in db.execute("SELECT id, kind FROM units WHERE kind IN ('county', 'station')"):
        raw = r["id"]
        units.append({"id": raw, "kind": r["kind"],
                      "uuid": str(uuid.UUID(bytes=raw)).upper() if as_blob else str(raw).upper()})
    templates = [Template(r) for r in rows]
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    insert = f"INSERT INTO work_orders ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    gen = generate(templates, units, args, columns, uuid_value)
    started, done = time.time(), 0
    while True:
        chunk = [r for _, r in zip(range(20_000), gen)]
        if not chunk:
            break
        db.execute("BEGIN")
        db.executemany(insert, chunk)
        db.execute("COMMIT")
        done += len(chunk)
        print(f"\r{done} orders, {time.time() - started:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)
    db.execute("ANALYZE") if args.analyze else None


def emit_csv(args):
    """PostgreSQL: templates and units as JSON lines (psql row_to_json), rows as CSV on stdout."""
    with open(args.target, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    with open(args.units, encoding="utf-8") as f:
        units = [json.loads(line) for line in f if line.strip()]
    columns = [c for c in rows[0] if c not in ("snapshot_order", "snapshot_unit")]
    for r in rows:
        for c in INSTANT_COLUMNS:
            if r.get(c) is not None:
                r[c] = datetime.datetime.fromisoformat(r[c]).timestamp()
        r["snapshot_order"] = json.loads(r["snapshot"])["orderID"]
        r["snapshot_unit"] = json.loads(r["snapshot"]).get("unitID")
    rows = [r for r in rows if r["parent_id"] is None and r["state"] != "merged"]
    for u in units:
        u["uuid"] = u["id"].upper()
    out = csv.writer(sys.stdout)
    out.writerow(columns)
    iso = {columns.index(c) for c in INSTANT_COLUMNS if c in columns}
    for values in generate([Template(r) for r in rows], units, args, columns, lambda u: str(u)):
        for k in iso:
            if values[k] is not None:
                values[k] = datetime.datetime.fromtimestamp(values[k], datetime.timezone.utc).isoformat()
        out.writerow(["" if v is None else v for v in values])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["sqlite", "csv"])
    p.add_argument("target", help="SQLite file, or the templates' JSON lines for csv")
    p.add_argument("units", nargs="?", help="units' JSON lines (csv only)")
    p.add_argument("--orders", type=int, required=True)
    p.add_argument("--due", type=int, default=0, help="open orders whose next deadline has come")
    p.add_argument("--all-open", action="store_true")
    p.add_argument("--per-month", type=float, default=20_000)
    p.add_argument("--seed", type=int, default=20260301)
    p.add_argument("--now", type=float, default=time.time())
    p.add_argument("--analyze", action="store_true", help="run ANALYZE afterwards (the app does not)")
    args = p.parse_args()
    load_sqlite(args) if args.kind == "sqlite" else emit_csv(args)


if __name__ == "__main__":
    main()
