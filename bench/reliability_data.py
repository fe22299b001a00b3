#!/usr/bin/env python3
"""Generates a county's interruption history for bench/reliability.sh: a county unit and its
stations (units.csv: code,customers,area) and about EVENTS interruptions over six years
(interruptions.csv in the import format, docs/outage-format.md), the last year being the period
and the five before it the Major Event Day history (REL-MED). A few storm days a year carry many
long faults. Deterministic for a seed."""
import argparse
import datetime as dt
import random

TYPES = ["fault"] * 55 + ["planned"] * 22 + ["temporary"] * 10 + ["overCapacity"] * 5 + ["orderlyUse"] * 3 + ["arrears", "theft", "violation"] + ["fault"] * 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--first-year", type=int, default=2021)
    ap.add_argument("--years", type=int, default=6)
    ap.add_argument("--stations", type=int, default=40)
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--units", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    units = [("LC", 60_000, "urban")] + [
        (f"LC-S{i + 1:02d}", rng.randint(8_000, 30_000), "urban" if i < a.stations // 4 else ("rural" if i % 7 else "")) for i in range(a.stations)
    ]
    with open(a.units, "w") as f:
        f.write("code,customers,area\n")
        for code, customers, area in units:
            f.write(f"{code},{customers},{area}\n")
    tz = dt.timezone(dt.timedelta(hours=8))
    first = dt.datetime(a.first_year, 1, 1, tzinfo=tz)
    days = (dt.datetime(a.first_year + a.years, 1, 1, tzinfo=tz) - first).days
    storms = set(rng.sample(range(days), 3 * a.years))
    per_day = a.events / (days + 30 * len(storms))
    n = 0
    with open(a.out, "w") as f:
        f.write("id,unitCode,type,cause,start,end,customersAffected\n")
        for d in range(days):
            count = int(per_day * (31 if d in storms else 1) * rng.uniform(0.5, 1.5) + 0.5)
            for _ in range(count):
                n += 1
                code, customers, _area = units[rng.randrange(len(units))]
                kind = "fault" if d in storms else rng.choice(TYPES)
                start = first + dt.timedelta(days=d, seconds=rng.randrange(86_400))
                r = rng.random()
                if d in storms:
                    minutes = rng.randint(120, 900)
                elif r < 0.12:
                    minutes = rng.randint(1, 5)
                elif kind == "planned":
                    minutes = rng.randint(120, 480)
                else:
                    minutes = int(10 + 200 * rng.random() ** 2)
                end = start + dt.timedelta(minutes=minutes, seconds=rng.randrange(60))
                affected = rng.randint(1, 3) if kind in ("arrears", "theft", "violation") else rng.randint(20, min(customers, 3000))
                fmt = "%Y-%m-%dT%H:%M:%S+08:00"
                f.write(f"LC-{n:07d},{code},{kind},,{start.strftime(fmt)},{end.strftime(fmt)},{affected}\n")


if __name__ == "__main__":
    main()
