"""API fuzzing: schemathesis generates requests from our OpenAPI document (valid and invalid
bodies, parameters and types, undeclared methods, sequences of calls) and runs every check it
has (`--checks all`): no 5xx, status codes, content types and bodies as documented, invalid data
refused, valid data accepted, 405 for undeclared methods, and so on. Zero findings is the bar:
a finding is fixed in the code or the document, and anything configured below says why.
Runs last because it creates data through the API."""

from __future__ import annotations

import base64
import pathlib
import subprocess
import tempfile

from conftest import Api, create_token

ST = pathlib.Path(__file__).resolve().parent / ".venv" / "bin" / "st"

# Enough to matter, small enough for CI: about a minute and a half per database on two cores.
MAX_EXAMPLES = 60
SEED = "20261123"

# Schema-valid requests that the server may still refuse with 422 naming the field, because
# the rule is not one a JSON Schema can state. Every other status stays checked, and invalid
# data is still required to be refused (negative_data_rejection).
RULES_BEYOND_THE_SCHEMA = {
    "POST /api/v1/tokens": "the token's name is trimmed and must not be blank",
    "GET /api/v1/calendar/deadline": "needs exactly one of workingDays and minutes, and a year whose holidays are entered",
    "GET /api/v1/work-orders": "`to` must not be before `from`",
    "GET /api/v1/work-orders/export": "`to` must not be before `from`",
    "PUT /api/v1/calendar/days/{date}": "the date's year must be entered in the calendar",
    "POST /api/v1/calendar/years": "a year already entered is 409, one without a State Council schedule needs its days",
    "POST /api/v1/calendar/import": "the CSV's lines are checked one by one",
    "POST /api/v1/users": "names are trimmed and must not be blank; the unit must exist in the caller's subtree",
    "PATCH /api/v1/users/{userID}": "as for POST /api/v1/users",
    "POST /api/v1/units": "a unit kind belongs under certain parents only; the duty phone counts its digits",
    "PATCH /api/v1/units/{unitID}": "as for POST /api/v1/units, and a unit cannot move under itself",
    "POST /api/v1/departments": "names are trimmed and must not be blank",
    "PATCH /api/v1/departments/{departmentID}": "as for POST /api/v1/departments",
    "POST /api/v1/work-orders": "taxonomy codes, the unit in the caller's subtree, phone digit counts, blank text",
    "POST /api/v1/work-orders/import": "each line is a whole work order with the rules above",
    "POST /api/v1/work-orders/{orderID}/actions": "the workflow: which action the order's state and the caller's role allow",
    "POST /api/v1/work-orders/{orderID}/attachments": "the file's type must match its name and content",
    "POST /api/v1/rosters": "the unit must be a county in the caller's subtree; the file's rows are checked",
    "POST /api/v1/survey-waves": "names are trimmed and must not be blank; a wave code is taken once",
    "POST /api/v1/survey-waves/{waveID}/targets": "the unit must be in the caller's subtree",
    "POST /api/v1/survey-waves/{waveID}/responses": "the results file's rows are checked against the questionnaire",
    "POST /api/v1/survey-samples/{sampleID}/calls": "answers are checked against the wave's questionnaire",
    "POST /api/v1/analysis-runs": "an AHP matrix must be square and reciprocal; a wave needs 30 complete responses",
    "POST /api/v1/accountability/rules": "a version starts today or later on a day of its own; each cause once, ranges ordered, under the ceiling",
    "POST /api/v1/outages": "the type, the grid object in the caller's subtree, the restoration after the start, the repair orders grouped (a fault outage, orders the caller sees and still open)",
    "POST /api/v1/outages/{outageID}/affected": "the outage still announced or under way, the account in the customer file and the caller's units, added once, removed only when affected",
    "POST /api/v1/outages/{outageID}/actions": "the register: which action the outage's state allows, times after the start",
    "POST /api/v1/grid/import": "the customer file's rows are checked one by one",
    "POST /api/v1/outages/import": "the interruption file must not be empty, and its rows are checked one by one",
    "GET /api/v1/reliability": "`to` must not be before `from`, and the period is at most 3660 days",
    "POST /api/v1/sms/receipts": "each receipt must name a message in the outbox",
    "POST /api/v1/accountability/pay": "each person must be in the caller's subtree; a month already deducted keeps its pay",
    "POST /api/v1/accountability/pay/import": "the table's rows are checked one by one",
    "POST /api/v1/accountability/cases/{caseID}/actions": "the case workflow and the penalty rules: which action the state and role allow, amounts in range",
    "POST /api/v1/accountability/scorecard-rules": "a version starts today or later on a day of its own; each component once, weights adding up to 100, pass below excellent",
    "POST /api/v1/accountability/scores/import": "the table's rows are checked one by one",
    "POST /api/v1/connection-applications": "names are trimmed and must not be blank; the voltage must fit the class; the unit in the caller's subtree; times not in the future",
    "POST /api/v1/connection-applications/{applicationID}/stages": "a finish not before its start, no time in the future or before the acceptance",
    "POST /api/v1/connection-applications/{applicationID}/waits": "a new wait needs a reason; times not in the future, before the acceptance or before the open wait",
    "POST /api/v1/connection-applications/import": "the file's rows are checked one by one",
    "GET /api/v1/commitments/breaches": "`to` must not be before `from`, and the period is at most 3660 days",
}

# Operations that must not be fed ids and names read from earlier responses (the stateful phase
# and the extra data sources of the others), or the run would end its own access: revoke the
# token it authenticates with, deactivate or re-password the signed-in administrator, or lock
# that account with wrong passwords. They are still tested, with generated values.
KEEP_OWN_ACCESS = ["DELETE /api/v1/tokens/{tokenID}", "PATCH /api/v1/users/{userID}", "POST /api/v1/tokens"]


def existing_ids(api: Api) -> dict[str, str]:
    """Ids of records the demo data holds, so that reads reach past the lookup (a random id
    is only ever a 404). Only kinds the API cannot delete: a fixed id the run itself deleted
    would read as a resource gone missing."""
    ids: dict[str, str] = {}
    for param, path, pick in [
        ("waveID", "/api/v1/survey-waves", lambda b: b),
        ("orderID", "/api/v1/work-orders?limit=1", lambda b: b["items"]),
        ("userID", "/api/v1/users", lambda b: b["items"]),
        ("runID", "/api/v1/analysis-runs", lambda b: b),
        ("findingID", "/api/v1/inspections/findings", lambda b: b),
        ("outageID", "/api/v1/outages", lambda b: b["items"]),
    ]:
        items = pick(api.get_json(path))
        if items:
            ids[param] = items[0]["id"]
    return ids


def config(cursor: str, ids: dict[str, str] | None = None) -> str:
    """The run's schemathesis.toml. An operation takes the first [[operations]] entry that
    matches it, so the entries that protect the run's own access come first."""
    lines = [
        "[generation]",
        "# The server refuses a NUL anywhere in a URL or body (400, documented as BadRequest); a",
        "# JSON Schema cannot say that of extra properties, so generated data leaves NUL out.",
        "allow-x00 = false",
    ]
    for name in KEEP_OWN_ACCESS:
        lines += ["", "[[operations]]", f'include-name = "{name}"', "phases.stateful.enabled = false"]
        lines += [f"phases.{phase}.extra-data-sources.responses = false" for phase in ("examples", "coverage", "fuzzing")]
    lines += [
        "",
        "# A cursor is opaque: only a nextCursor the server handed out is valid (anything else is a",
        "# 422 naming it, which QueryParameterTests and the route fuzz test check), so a valid one is sent.",
        "[[operations]]",
        'include-name-regex = "^GET /api/v1/work-orders(/export)?$"',
        f'parameters = {{ "query.cursor" = "{cursor}" }}',
    ]
    # Reads (only: a write never names an existing record) get existing ids for their path.
    for param, value in (ids or {}).items():
        lines += [
            "",
            "[[operations]]",
            f'include-name-regex = "^GET .*\\\\{{{param}\\\\}}"',
            f'parameters = {{ "path.{param}" = "{value}" }}',
        ]
    for name, reason in RULES_BEYOND_THE_SCHEMA.items():
        lines += [
            "",
            f"# {reason}",
            "[[operations]]",
            f'include-name = "{name}"',
            'checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", 401, 403, 404, 409, 422, 429]',
        ]
    return "\n".join(lines) + "\n"


def test_api_matches_its_document(base_url, demo_password):
    token = create_token(base_url, "admin", demo_password)
    cursor = base64.b64encode(b"1767225600.0|00000000-0000-0000-0000-000000000000").decode()
    ids = existing_ids(Api(base_url, token))
    assert {"waveID", "orderID", "runID"} <= ids.keys(), f"the demo data lacks records to read: {ids}"
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "schemathesis.toml"
        path.write_text(config(cursor, ids), encoding="utf-8")
        result = subprocess.run(
            [
                str(ST), "--config-file", str(path), "run", f"{base_url}/api/openapi.yaml", "--url", base_url,
                "-H", f"Authorization: Bearer {token}",
                "--checks", "all",
                "--max-examples", str(MAX_EXAMPLES),
                "--seed", SEED,
                "--no-color",
            ],
            capture_output=True, text=True, timeout=900, cwd=tmp,
        )
    out = result.stdout
    summary = out[out.rfind("SUMMARY"):] if "SUMMARY" in out else out[-3000:]
    failures = out[out.find("FAILURES"):] if "FAILURES" in out else ""
    assert result.returncode == 0, f"schemathesis findings:\n{summary}\n{failures[:12000]}\n{result.stderr[-2000:]}"
