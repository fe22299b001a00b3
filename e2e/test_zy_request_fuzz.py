"""No request value can trap the server (ORG-REQUEST-VALUES).

Every route and the query parameters it reads come from the route table (`wanjia routes --json`),
so a new route or parameter is fuzzed without being listed here. Each query parameter gets values
its kind must refuse (out of range, malformed, far years, huge numbers, over-long text) and each
path parameter bad ids, signed in with a session (pages) and with a token (the API). Every answer
must be a 4xx, and the process must still answer /healthz afterwards: a Swift trap would kill the
real server this runs against.
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import re
import subprocess
import tempfile
import urllib.parse

import pytest
import requests

from conftest import HTTP_TIMEOUT_S, create_token

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(os.environ.get("WANJIA_BIN") or ROOT / ".build" / "debug" / "wanjia")

HUGE = "99999999999999999999999999"
INT64_MAX = "9223372036854775807"


def route_table() -> list[dict]:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL")}
        env["WANJIA_DATA_DIR"] = data_dir
        out = subprocess.run(
            [str(BIN), "routes", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
        ).stdout
    line = next((l for l in out.splitlines() if l.startswith("[")), None)
    assert line, f"`wanjia routes --json` printed no JSON: {out[:500]}"
    return json.loads(line)


def cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def bad_values(param: dict, api: bool) -> list[str]:
    """Raw (already percent-encoded) values that a parameter of this kind must refuse."""
    kind = param["kind"]
    values: list[str]
    if kind == "integer":
        lo, hi = param["minimum"], param["maximum"]
        values = [str(lo - 1), str(hi + 1), INT64_MAX, "-" + INT64_MAX, HUGE, "1e3", "0x10", "1.5", "abc", "%201"]
    elif kind == "boolean":
        values = ["yes", "1", "TRUE", "nan"]
    elif kind == "uuid":
        values = ["not-a-uuid", HUGE, "-1", "00000000-0000-0000-0000-00000000000Z"]
    elif kind == "date":
        values = ["2026-02-30", "9999-12-31", "0001-01-01", "2101-01-01", "1999-12-31", "99999-01-01", "2026-13-01", "2026-1-1"]
    elif kind == "month":
        values = ["9999-12", "0001-01", "2101-01", "1999-12", "2026-13", "2026-00", "99999-01", "-0001-01", "2026-1", HUGE]
    elif kind == "instant":
        values = ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday", "1e300", HUGE]
    elif kind == "choice":
        values = ["nonsense", "AAA", urllib.parse.quote("' OR 1=1 --")]
    elif kind == "cursor":
        uid = "00000000-0000-0000-0000-000000000000"
        values = [
            urllib.parse.quote(cursor(f"{s}|{uid}"), safe="") for s in ("1e300", "-1e300", "nan", "inf", INT64_MAX)
        ] + ["!!!", "x" * (param.get("maxLength", 200) + 1)]
    elif kind == "text":
        values = []
    else:
        pytest.fail(f"the fuzz test does not know query parameter kind {kind!r} ({param['name']}): add its bad values")
    if param.get("maxLength"):
        values.append("x" * (param["maxLength"] + 1))
    values += ["%E4%B8", "%FF"]  # not UTF-8 once decoded
    if api and kind != "text":
        values.append("")  # the API types its values; an empty one is not "not given"
    return values


# Malformed ids only: a well-formed id of nothing may be a 404, or a redirect where an action is
# idempotent (cancelling a pending upload that is already gone).
BAD_IDS = ["not-a-uuid", HUGE, INT64_MAX, "-1", "x" * 300, "%E4%B8", "1e308"]
BAD_DATES = ["2026-02-30", "99999-01-01", "0000-00-00", "-1", HUGE, "x"]


class Clients:
    """A session signed in through the login form (pages) and an API token, both as admin."""

    def __init__(self, base_url: str, password: str):
        self.base_url = base_url
        self.page = requests.Session()
        self.page.headers["Accept"] = "text/html"
        self.page.headers["Accept-Language"] = "zh-CN"
        login = self.page.get(base_url + "/login", timeout=HTTP_TIMEOUT_S)
        token = self.csrf(login.text)
        r = self.page.post(
            base_url + "/login",
            data={"username": "admin", "password": password, "csrfToken": token},
            allow_redirects=False,
            timeout=HTTP_TIMEOUT_S,
        )
        assert r.status_code in (302, 303), f"login: {r.status_code} {r.text[:300]}"
        self.csrf_token = self.csrf(self.page.get(base_url + "/", timeout=HTTP_TIMEOUT_S).text)
        self.api = requests.Session()
        self.api.headers["Authorization"] = "Bearer " + create_token(base_url, "admin", password)

    @staticmethod
    def csrf(html: str) -> str:
        m = re.search(r'name="csrfToken" value="([^"]+)"', html)
        assert m, "no csrfToken on the page"
        return m.group(1)

    def send(self, method: str, path: str) -> requests.Response:
        """`path` is already encoded; nothing is re-encoded on the way."""
        is_api = path.startswith("/api/")
        session = self.api if is_api else self.page
        request = requests.Request(method, self.base_url + path)
        if not is_api and method not in ("GET", "HEAD"):
            request.data = {"csrfToken": self.csrf_token}
        prepared = session.prepare_request(request)
        prepared.url = self.base_url + path
        return session.send(prepared, allow_redirects=False, timeout=HTTP_TIMEOUT_S)

    def alive(self) -> bool:
        try:
            return requests.get(self.base_url + "/healthz", timeout=HTTP_TIMEOUT_S).status_code == 200
        except requests.RequestException:
            return False


@pytest.fixture(scope="module")
def clients(base_url, demo_password) -> Clients:
    return Clients(base_url, demo_password)


@pytest.fixture(scope="module")
def routes() -> list[dict]:
    table = route_table()
    assert any(r["query"] for r in table), "the route table lists no query parameters"
    return table


@pytest.fixture(scope="module")
def real_ids(clients) -> dict[str, str]:
    """Existing ids for path parameters, so that fuzzed query parameters are reached."""
    ids: dict[str, str] = {}
    waves = clients.api.get(clients.base_url + "/api/v1/survey-waves", timeout=HTTP_TIMEOUT_S).json()
    if waves:
        ids["waveID"] = waves[0]["id"]
    orders = clients.api.get(clients.base_url + "/api/v1/work-orders?limit=1", timeout=HTTP_TIMEOUT_S).json()["items"]
    if orders:
        ids["orderID"] = orders[0]["id"]
    units = clients.api.get(clients.base_url + "/api/v1/units", timeout=HTTP_TIMEOUT_S).json()["items"]
    ids["unitID"] = units[0]["id"]
    findings = clients.api.get(clients.base_url + "/api/v1/inspections/findings", timeout=HTTP_TIMEOUT_S).json()
    if findings:
        ids["findingID"] = findings[0]["id"]
    outages = clients.api.get(clients.base_url + "/api/v1/outages", timeout=HTTP_TIMEOUT_S).json()["items"]
    if outages:
        ids["outageID"] = outages[0]["id"]
    return ids


def params_of(path: str) -> list[str]:
    return [part[1:] for part in path.strip("/").split("/") if part.startswith(":")]


def fill(path: str, values: dict[str, str]) -> str:
    return "/" + "/".join(
        values.get(part[1:], "00000000-0000-0000-0000-000000000000") if part.startswith(":") else part
        for part in path.strip("/").split("/")
    )


def check(clients: Clients, method: str, path: str, failures: list[str]) -> None:
    try:
        r = clients.send(method, path)
        if not 400 <= r.status_code < 500:
            failures.append(f"{method} {path[:160]} -> {r.status_code} {r.text[:160]!r}")
    except requests.RequestException as e:
        failures.append(f"{method} {path[:160]} -> no answer: {e!r}")
    if not clients.alive():
        pytest.fail(f"the server died after {method} {path}; earlier findings: {failures[:20]}")


def test_bad_query_values_are_refused(clients, routes, real_ids):
    failures: list[str] = []
    fuzzed = 0
    for route in routes:
        method, path = route["method"], route["path"]
        if not route["query"] or method == "DELETE":
            continue
        if method == "GET":
            missing = [p for p in params_of(path) if p not in real_ids]
            assert not missing, f"{method} {path}: no existing value for {missing}; add one to real_ids so its query is reached"
        # A write's query is reached with an existing record where there is one; otherwise the
        # lookup refuses first, which is still a 4xx.
        base = fill(path, real_ids)
        for param in route["query"]:
            for value in bad_values(param, api=path.startswith("/api/")):
                check(clients, method, f"{base}?{param['name']}={value}", failures)
                fuzzed += 1
            # A parameter given twice is refused too.
            check(clients, method, f"{base}?{param['name']}=a&{param['name']}=b", failures)
    assert fuzzed > 300, f"only {fuzzed} requests: is the route table complete?"
    assert not failures, f"{len(failures)} bad query values were not a 4xx:\n" + "\n".join(failures[:60])


def test_bad_path_values_are_refused(clients, routes, real_ids):
    failures: list[str] = []
    for route in routes:
        method, path = route["method"], route["path"]
        # Existing records only for reading: a write never names one.
        others = real_ids if method == "GET" else {}
        for name in params_of(path):
            bad = BAD_DATES if name == "date" else BAD_IDS
            for value in bad:
                check(clients, method, fill(path, {**others, name: value}), failures)
    assert not failures, f"{len(failures)} bad path values were not a 4xx:\n" + "\n".join(failures[:60])
    assert clients.alive()
