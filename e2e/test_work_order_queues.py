"""The queues per role (WO-QUEUE-MINE, WO-QUEUE-VIEWS): 待我处理 lists the orders whose next move is the
person's — the agent's, the lead's, the handler's, Marketing's — and nobody else's."""

import re

from fixtures import Orders


def numbers_on_queue(browser, view: str) -> set[str]:
    browser.open(f"/work-orders?view={view}&limit=200")
    found = set()
    while True:
        found |= {a.text.strip() for a in browser.driver.find_elements("css selector", "#work-order-list a.order-number")}
        nxt = browser.maybe("#next-page")
        if not nxt:
            return found
        browser.click_and_wait(nxt)


def test_each_role_sees_its_own_queue(logged_in, api_as):
    unit = api_as("handler").me()["unit"]["id"]
    orders = Orders(api_as, unit)
    at_review = orders.file()
    to_dispatch = orders.bring(orders.file(), "reviewed")
    handling = orders.bring(orders.file(), "dispatched")
    replied = orders.bring(orders.file(), "replied")
    to_visit = orders.bring(orders.file(), "visit")
    ours = {o["number"] for o in (at_review, to_dispatch, handling, replied, to_visit)}
    expected = {
        "lead": {at_review["number"], to_dispatch["number"]},
        "handler": {handling["number"]},
        "reviewer": {replied["number"]},
        "agent": {to_visit["number"]},
    }
    for user, numbers in expected.items():
        browser = logged_in(user)
        mine = numbers_on_queue(browser, "mine") & ours
        assert mine == numbers, f"{user}'s 待我处理: {sorted(mine)} instead of {sorted(numbers)}"
        tab = browser.find("#queue-tabs a.active")
        assert tab.text.strip() == "待我处理", tab.text
        # Watching follows the unit's open orders, the others' included.
        watching = numbers_on_queue(browser, "watching") & ours
        assert numbers <= watching, f"{user} watching: {sorted(watching)}"
        browser.driver.delete_all_cookies()


def test_unknown_view_is_refused(logged_in):
    browser = logged_in("lead")
    session = browser.cookie_session()
    r = session.get(browser.base_url + "/work-orders?view=soon", headers={"Accept": "text/html"}, timeout=10)
    assert r.status_code == 400, r.status_code
    browser.open("/work-orders?view=soon")
    assert browser.error_status() == "400", browser.page_excerpt()
    assert re.search("soon", browser.text("#error-message"))
