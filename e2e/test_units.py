"""Data scope: a county user sees its own county, not another one."""

import pytest

from conftest import UNIT_KINDS


def subtree_ids(units: list[dict], root_id) -> set[str]:
    children: dict[str, list[str]] = {}
    for u in units:
        if u.get("parentId") is not None:
            children.setdefault(str(u["parentId"]), []).append(str(u["id"]))
    seen, todo = set(), [str(root_id)]
    while todo:
        uid = todo.pop()
        if uid not in seen:
            seen.add(uid)
            todo.extend(children.get(uid, []))
    return seen


@pytest.fixture(scope="module")
def county_setup(api_as):
    all_units = api_as("admin").units()
    own = api_as("handler").me()["unit"]
    assert own["kind"] == "county", f"handler's unit is not a county: {own}"
    others = [u for u in all_units if u["kind"] == "county" and str(u["id"]) != str(own["id"])]
    assert others, f"demo data needs a second county for this test; units: {all_units}"
    return {"all": all_units, "own": own, "other": others[0]}


def test_unit_json_has_contract_fields(api_as):
    """Every unit has id, code, name, kind and parentId (null for the root)."""
    units = api_as("admin").units()
    assert units, "admin sees no units"
    for u in units:
        missing = {"id", "code", "name", "kind", "parentId"} - set(u)
        assert not missing, f"unit JSON lacks {sorted(missing)}: {u}"
        assert u["kind"] in UNIT_KINDS, f"unknown kind: {u}"
    roots = [u for u in units if u["parentId"] is None]
    assert len(roots) == 1 and roots[0]["kind"] == "company", f"admin should see one root company: {roots}"


def test_unit_list_is_the_users_subtree(api_as, county_setup):
    own = county_setup["own"]
    visible = {str(u["id"]) for u in api_as("handler").units()}
    expected = subtree_ids(county_setup["all"], own["id"])
    assert str(county_setup["other"]["id"]) not in visible, "handler sees another county in /api/v1/units"
    assert visible == expected, f"handler sees {sorted(visible)}, its subtree is {sorted(expected)}"


def test_county_user_cannot_open_other_county(logged_in, county_setup):
    browser = logged_in("handler")
    own, other = county_setup["own"], county_setup["other"]

    browser.open(f"/units/{other['id']}")
    assert browser.error_status() == "403", f"handler opened another county's page: {browser.page_excerpt()}"
    assert other["name"] not in browser.find("body").text, "the 403 page shows the other county's name"

    browser.open(f"/units/{own['id']}")
    assert browser.error_status() is None, f"handler cannot open its own county: {browser.page_excerpt()}"
    assert own["name"] in browser.find("body").text, f"own county page lacks its name: {browser.page_excerpt()}"

    session = browser.cookie_session()
    r = session.get(f"{browser.base_url}/units/{other['id']}", allow_redirects=False, timeout=10)
    assert r.status_code == 403, f"GET /units/<other county>: HTTP {r.status_code}"
    r = session.get(f"{browser.base_url}/units/{own['id']}", allow_redirects=False, timeout=10)
    assert r.status_code == 200, f"GET /units/<own county>: HTTP {r.status_code}"
