"""Files and texts at the sizes people really use, generated at test time (nothing large is
kept in the repository). Each generator writes into a folder the caller gives (pytest's
tmp_path) and returns the path.

- jpeg(folder, size): a JPEG that image viewers open: an 8×8 baseline image whose header carries
  comment segments of random bytes up to `size` (a photo of a meter or a letter is 2–5 MB).
- pdf(folder, size): a valid PDF 1.4 whose one page carries an embedded stream of random bytes
  up to `size` (a scanned letter or a bill of 10–20 MB).
- roster_csv(folder, rows, unit_code): a county roster in the unified format
  (docs/roster-format.md), every row valid, accounts and phones unique.

Also: long Chinese texts as an agent or handler types them, and orders brought to a state
through the API so that a browser test starts where it means to.
"""

from __future__ import annotations

import os
import pathlib
import random
import secrets

MB = 1024 * 1024

# An 8×8 mid-grey baseline JPEG, the smallest image every viewer accepts: one quantisation
# table of ones, Huffman tables with a single one-bit code each (DC category 0, AC end of
# block), and one block whose entropy-coded data is those two bits padded with ones.
_TINY_JPEG = b"".join(
    [
        b"\xff\xd8",  # SOI
        b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",  # APP0
        b"\xff\xdb\x00\x43\x00" + b"\x01" * 64,  # DQT
        b"\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00",  # SOF0: 8×8, one component
        b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00",  # DHT DC 0
        b"\xff\xc4\x00\x14\x10\x01" + b"\x00" * 15 + b"\x00",  # DHT AC 0
        b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00",  # SOS
        b"\x3f",  # DC diff 0, end of block, padding
        b"\xff\xd9",  # EOI
    ]
)


def jpeg(folder: pathlib.Path, size: int, name: str = "meter-photo.jpg") -> pathlib.Path:
    """A valid JPEG of exactly `size` bytes: COM segments (0xFFFE, at most 65,533 payload bytes
    each) of random data right after SOI, then the tiny image."""
    head, rest = _TINY_JPEG[:2], _TINY_JPEG[2:]
    assert head == b"\xff\xd8"
    room = size - len(_TINY_JPEG)
    assert room >= 0, "size smaller than the smallest JPEG"
    parts = [head]
    while room > 0:
        if room < 4:
            # A segment needs 4 bytes of framing; pad the last comment instead.
            break
        payload = min(room - 4, 65_533)
        parts.append(b"\xff\xfe" + (payload + 2).to_bytes(2, "big") + os.urandom(payload))
        room -= payload + 4
    data = b"".join(parts) + rest
    if len(data) < size:  # the 1–3 bytes that could not form a segment go after EOI
        data += b"\x00" * (size - len(data))
    path = folder / name
    path.write_bytes(data)
    assert path.stat().st_size == size
    return path


def pdf(folder: pathlib.Path, size: int, name: str = "scanned-letter.pdf") -> pathlib.Path:
    """A one-page PDF with an embedded file stream of random bytes, `size` bytes in all."""

    def build(stream_length: int) -> bytes:
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 0 >>\nstream\n\nendstream",
        ]
        blob = os.urandom(stream_length)
        objects.append(b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % stream_length + blob + b"\nendstream")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        return bytes(out)

    overhead = len(build(0))
    # The stream's length digits change the overhead a little; adjust until exact.
    length = size - overhead
    data = build(length)
    while len(data) != size:
        length += size - len(data)
        data = build(length)
    path = folder / name
    path.write_bytes(data)
    return path


def roster_csv(folder: pathlib.Path, rows: int, unit_code: str, name: str = "roster.csv") -> pathlib.Path:
    """`rows` valid customers of the unit `unit_code`, in the unified roster format."""
    segments = ["residential", "residential", "residential", "commercial", "industrial", "other"]
    voltages = ["220V", "380V", "10kV"]
    areas = ["urban", "rural", "remote"]
    lines = ["account,name,phone,address,unit_code,segment,voltage_class,area_class"]
    for n in range(1, rows + 1):
        lines.append(
            ",".join(
                [
                    f"E2E{n:07d}",
                    f"测试客户{n}",
                    f"139{n:08d}",
                    f"测试镇{n % 97}村{n}号",
                    unit_code,
                    segments[n % len(segments)],
                    voltages[n % len(voltages)],
                    areas[n % len(areas)],
                ]
            )
        )
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


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


def file_complaint(browser, unit_id: str, *, account: str, name: str, phone: str, address: str, content: str) -> None:
    """Files an attitude complaint for `unit_id` through the agent's intake form, as an agent
    types it; the browser is left on the new order's page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.open("/work-orders/new")
    form = browser.find("form#intake-form")
    Select(form.find_element(By.NAME, "type")).select_by_value("complaint")
    form.find_element(By.NAME, "customerAccount").send_keys(account)
    form.find_element(By.NAME, "customerName").send_keys(name)
    form.find_element(By.NAME, "customerPhone").send_keys(phone)
    form.find_element(By.NAME, "address").send_keys(address)
    Select(form.find_element(By.NAME, "unitId")).select_by_value(unit_id.upper())
    form.find_element(By.NAME, "content").send_keys(content)
    Select(form.find_element(By.NAME, "item")).select_by_value("conduct.attitude")
    browser.click_and_wait(browser.find("#intake-submit"))
