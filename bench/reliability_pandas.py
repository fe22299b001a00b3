#!/usr/bin/env python3
"""The reliability indices (rules REL-…) computed independently with pandas, for
bench/reliability.sh: IEEE 1366 with and without Major Event Days (2.5β over the five years
before the period, zero days dropped, natural logs, sample standard deviation), DL/T 836 in
total, urban and rural, and the average fault restoration time. Times only the computation
(from the loaded, typed table to the numbers), the best of --repeat runs, as the Swift side does.

usage: reliability_pandas.py UNITS.csv INTERRUPTIONS.csv FROM TO OUT.json [--repeat N]"""
import datetime as dt
import json
import math
import sys
import time

import numpy as np
import pandas as pd

IEEE_MINUTES = 5
DLT_MINUTES = 3
BETA = 2.5
YEARS = 5


def day_number(d):
    return (d - dt.date(1970, 1, 1)).days


def history_start(d, years):
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


def load(units_path, events_path):
    units = pd.read_csv(units_path, dtype={"code": str, "area": str}, keep_default_na=False)
    units["index"] = np.arange(len(units))
    ev = pd.read_csv(events_path, dtype={"id": str, "unitCode": str, "type": str, "cause": str}, keep_default_na=False)
    codes = dict(zip(units.code, units["index"]))
    table = pd.DataFrame(
        {
            "unit": ev.unitCode.map(codes).astype(np.int64),
            "fault": (ev.type == "fault").to_numpy(),
            "shortage": (ev.type == "overCapacity").to_numpy(),
            "start": pd.to_datetime(ev.start, format="ISO8601", utc=True).astype("int64") // 1_000_000_000,
            "end": pd.to_datetime(ev.end, format="ISO8601", utc=True).astype("int64") // 1_000_000_000,
            "customers": ev.customersAffected.astype(np.int64),
        }
    )
    return units, table


def compute(units, ev, frm, to):
    served = int(units.customers.sum())
    nt = float(served)
    from_day, to_day = day_number(frm), day_number(to)
    hist_day = day_number(history_start(frm, YEARS))
    days = to_day - from_day + 1
    period_minutes = days * 1440.0
    day = (ev.start.to_numpy() + 8 * 3600) // 86_400
    seconds = np.maximum(ev.end.to_numpy() - ev.start.to_numpy(), 0).astype(np.float64)
    customers = ev.customers.to_numpy()
    cs = seconds * customers
    sustained = seconds > IEEE_MINUTES * 60
    dlt = seconds > DLT_MINUTES * 60
    in_hist = (day >= hist_day) & (day < from_day)
    in_period = (day >= from_day) & (day <= to_day)

    # REL-MED
    h = pd.Series(cs[in_hist & sustained]).groupby(day[in_hist & sustained]).sum()
    h = h[h > 0]
    threshold = alpha = beta = None
    if len(h) >= 2:
        logs = np.log(h.to_numpy() / 60 / nt)
        alpha = float(logs.mean())
        beta = float(logs.std(ddof=1))
        threshold = math.exp(alpha + BETA * beta)

    ps = in_period & sustained
    daily = pd.Series(cs[ps]).groupby(day[ps]).sum() / 60 / nt
    major = set(daily.index[daily > threshold].tolist()) if threshold is not None else set()
    is_major = np.isin(day, list(major))

    unit_customers = units.customers.to_numpy()

    def ieee(mask_sustained, mask_momentary):
        ci = int(customers[mask_sustained].sum())
        minutes = float(cs[mask_sustained].sum()) / 60
        per_unit = np.bincount(ev.unit.to_numpy()[mask_sustained], weights=customers[mask_sustained], minlength=len(units))
        distinct = int(np.minimum(per_unit, unit_customers).sum())
        saidi = minutes / nt
        return {
            "saifi": ci / nt,
            "saidi": saidi,
            "caidi": minutes / ci if ci else None,
            "asai": 1 - saidi / period_minutes,
            "caifi": ci / distinct if distinct else None,
            "ctaidi": minutes / distinct if distinct else None,
            "maifi": int(customers[mask_momentary].sum()) / nt,
            "sustainedInterruptions": int(mask_sustained.sum()),
            "momentaryInterruptions": int(mask_momentary.sum()),
        }

    momentary = in_period & ~sustained
    area_of = units.area.to_numpy()[ev.unit.to_numpy()]

    def dl(area):
        mask = in_period & dlt
        n = served
        if area is not None:
            mask = mask & (area_of == area)
            n = int(units.customers[units.area == area].sum())
        seconds_sum = float(cs[mask].sum())
        shortage = float(cs[mask & ev.shortage.to_numpy()].sum())
        aihc = seconds_sum / 60 / n if n else 0.0
        return {
            "customersServed": n,
            "rs1": 1 - aihc / period_minutes,
            "rs3": 1 - ((seconds_sum - shortage) / 60 / n if n else 0.0) / period_minutes,
            "aihc": aihc,
            "aitc": int(customers[mask].sum()) / n if n else 0.0,
            "interruptions": int(mask.sum()),
        }

    faults = in_period & ev.fault.to_numpy()
    return {
        "customersServed": served,
        "ieee": ieee(ps, momentary),
        "withoutMajorEvents": ieee(ps & ~is_major, momentary & ~is_major),
        "majorEventThreshold": threshold,
        "majorEventAlpha": alpha,
        "majorEventBeta": beta,
        "majorEventHistoryDays": int(len(h)),
        "majorEventDays": sorted(str(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))) for d in major),
        "dlt": dl(None),
        "urban": dl("urban"),
        "rural": dl("rural"),
        "faultInterruptions": int(faults.sum()),
        "averageFaultRestorationMinutes": float(seconds[faults].sum()) / 60 / int(faults.sum()) if faults.any() else None,
    }


def main():
    units_path, events_path, frm, to, out = sys.argv[1:6]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 5
    t0 = time.perf_counter()
    units, ev = load(units_path, events_path)
    loaded = time.perf_counter() - t0
    frm, to = dt.date.fromisoformat(frm), dt.date.fromisoformat(to)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        report = compute(units, ev, frm, to)
        best = min(best, time.perf_counter() - t)
    with open(out, "w") as f:
        json.dump({"loadMilliseconds": loaded * 1000, "computeMilliseconds": best * 1000, "interruptions": len(ev), "report": report}, f)


if __name__ == "__main__":
    main()
