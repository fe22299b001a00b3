"""Realistic test data shared by the browser tests, generated at test time: long Chinese texts
as a 95598 agent or a county handler would type them, and orders brought to a state through the
API so that a browser test starts where it means to."""

from __future__ import annotations

import random
import secrets

# Sentences of the kind found in complaint records; mixed and repeated to the length wanted.
_SENTENCES = [
    "客户来电反映其所在小区近一个月内连续多次停电，每次停电前均未收到任何通知。",
    "客户称家中冰箱内食品因停电变质，老人夜间用电取暖受到影响，情绪十分激动。",
    "客户表示此前已多次拨打供电所值班电话，接听人员态度生硬，未给出明确答复。",
    "经查询营销系统，该户为居民生活用电，近三个月电费较上年同期明显偏高。",
    "抄表员存在估抄现象，表计示数与系统记录不一致，需现场核对后退补电费。",
    "供电所已安排人员现场勘察，发现台区变压器过载运行，低压线路老化严重。",
    "已与客户约定次日上午上门核实，并告知客户投诉处理时限及后续回访安排。",
    "根据供电服务规范，工作人员应一次性告知客户所需资料，不得推诿或拖延。",
    "客户要求供电企业书面道歉并赔偿损失，同时要求对相关责任人员进行处理。",
    "现场核实后确认属供电企业责任，已向客户当面致歉，客户对处理结果表示理解。",
]


def chinese_text(length: int, seed: int | None = None, marker: str = "") -> str:
    """Exactly `length` characters of realistic Chinese, starting with `marker` (for finding it)."""
    rng = random.Random(seed if seed is not None else secrets.randbits(32))
    out = marker
    while len(out) < length:
        out += rng.choice(_SENTENCES)
    return out[:length]


def investigation_record(length: int = 500, seed: int = 1) -> dict[str, str]:
    """A complaint investigation record with every field as long as the form allows."""
    fields = ["course", "handling", "cause", "responsibility", "correctiveAction", "personnelOutcome"]
    return {name: chinese_text(length, seed + i, marker=f"【{name}】") for i, name in enumerate(fields)}


def new_customer() -> dict[str, str]:
    """A customer nobody else in the demo has: account, phone, name."""
    n = secrets.randbelow(10**7)
    return {"account": f"09{n:08d}", "phone": f"139{n:08d}", "name": "测试客户" + secrets.token_hex(2)}


class Orders:
    """Orders filed and moved through the API as the demo's people."""

    def __init__(self, api_as, unit_id: str):
        self.api_as = api_as
        self.unit_id = unit_id

    def file(self, kind: str = "complaint", severity: str = "general", content: str | None = None, customer=None) -> dict:
        c = customer or new_customer()
        body = {
            "type": kind, "channel": "phone95598", "area": "urban", "unitId": self.unit_id,
            "customer": {"account": c["account"], "name": c["name"], "phone": c["phone"], "address": "城东区东关街8号"},
            "content": content or chinese_text(60),
        }
        if kind == "complaint":
            body["complaint"] = {"item": "conduct.attitude", "attitude": "agitated", "severity": severity}
        elif kind == "report":
            body["complaint"] = {"item": "misconduct.acceptingGifts", "attitude": "calm", "severity": severity}
        r = self.api_as("agent").request("POST", "/api/v1/work-orders", json=body)
        assert r.status_code == 201, f"filing {kind}: {r.status_code} {r.text[:500]}"
        return r.json()

    def act(self, who: str, order: dict, **fields) -> dict:
        body = {**fields, "version": order["version"]}
        r = self.api_as(who).request("POST", f"/api/v1/work-orders/{order['id']}/actions", json=body)
        assert r.status_code == 200, f"{who} {fields.get('action')}: {r.status_code} {r.text[:500]}"
        return r.json()

    def bring(self, order: dict, stage: str) -> dict:
        """Moves a complaint on to: reviewed, dispatched, handling, replied, visit."""
        steps = [
            ("reviewed", "lead", {"action": "approveIntake"}),
            ("dispatched", "lead", {"action": "dispatch", "unitId": self.unit_id}),
            ("handling", "handler", {"action": "recordFirstContact"}),
            ("replied", "handler", {"action": "reply", "summary": "已核实处理", "verified": True, "supplyResponsibility": True,
                                    "investigation": investigation_record(20)}),
            ("visit", "reviewer", {"action": "approveReply"}),
        ]
        for name, who, fields in steps:
            order = self.act(who, order, **fields)
            if name == stage:
                return order
        raise ValueError(stage)
