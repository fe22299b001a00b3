#!/usr/bin/env python3
"""More demo orders for bench/gen_workorders.py to clone, made through the API of a running
demo server (standard library only): orders of every type accepted some hours ago, each moved
along the loop (review, dispatch, contact, arrival, restoration, reply, review, return visit)
a different number of steps, so every type has orders at every stage it passes, closed ones
included. A move the workflow refuses for a type is skipped.

    wo_templates.py http://127.0.0.1:PORT PASSWORD COUNTY_UNIT_ID
"""

import json
import random
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

BASE, PASSWORD, UNIT = sys.argv[1], sys.argv[2], sys.argv[3]
INVESTIGATION = {"course": "客户来电反映问题", "handling": "当日上门核实处理", "cause": "工作人员疏忽",
                 "responsibility": "供电所", "correctiveAction": "加强培训", "personnelOutcome": "批评教育"}
PATH = [("lead", {"action": "approveIntake"}), ("lead", {"action": "dispatch", "unitId": UNIT}),
        ("handler", {"action": "recordFirstContact"}), ("handler", {"action": "recordArrival"}),
        ("handler", {"action": "recordRestoration"}),
        ("handler", {"action": "reply", "summary": "已处理并答复客户。", "verified": True, "supplyResponsibility": True,
                     "investigation": INVESTIGATION}),
        ("reviewer", {"action": "approveReply"}), ("agent", {"action": "recordReturnVisit", "satisfied": True, "note": "满意"})]
KINDS = [("faultRepair", {}), ("consultation", {"answer": "已解答"}), ("query", {"answer": "已查询告知"}),
         ("praise", {"answer": "已记录"}), ("opinion", {}), ("suggestion", {}),
         ("complaint", {"complaint": {"category": "conduct", "item": "conduct.attitude", "attitude": "agitated",
                                      "severity": "general"}}),
         ("report", {"complaint": {"item": "misconduct.acceptingGifts", "attitude": "calm"}})] + \
        [("serviceRequest", {"serviceKind": k}) for k in
         ("arrearsReconnection", "applianceDamage", "meterAnomaly", "meterReadingAnomaly", "other")]


def call(path, body, token=None):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read()[:300]


def main():
    rng = random.Random(7)
    tokens = {}
    for who in ("agent", "lead", "handler", "reviewer"):
        status, body = call("/api/v1/tokens", {"username": who, "password": PASSWORD, "name": "bench"})
        if status not in (200, 201):
            sys.exit(f"no token for {who}: HTTP {status}")
        tokens[who] = body["token"]
    made = 0
    for n, (kind, extra) in enumerate(KINDS):
        for steps in range(len(PATH) + 1):
            accepted = datetime.now(timezone.utc) - timedelta(minutes=rng.randrange(20, 600))
            body = {"type": kind, "channel": rng.choice(["phone95598", "phone95598", "web", "hotline12345", "hotline12398"]),
                    "area": rng.choice(["urban", "urban", "rural", "remote"]), "unitId": UNIT,
                    "customer": {"account": f"0198{n:02d}{steps:04d}", "name": "赵女士", "phone": f"1350000{n:02d}{steps:02d}",
                                 "address": "清河市解放路1号"},
                    "content": "客户来电", "acceptedAt": accepted.isoformat(timespec="seconds")} | extra
            status, order = call("/api/v1/work-orders", body, tokens["agent"])
            if status not in (200, 201):
                sys.exit(f"POST {kind}: HTTP {status} {order!r}")
            made += 1
            for who, action in PATH[:steps]:
                if order["state"] == "closed":
                    break
                status, moved = call(f"/api/v1/work-orders/{order['id']}/actions",
                                     action | {"version": order["version"]}, tokens[who])
                if status == 200:
                    order = moved
    print(f"{made} template orders", file=sys.stderr)


if __name__ == "__main__":
    main()
