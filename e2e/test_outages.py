"""Outages in the browser: the dispatch desk registers a planned outage on a feeder and sees its
notices queued to every affected customer (OUT-REGISTER, OUT-NOTICES); the demo's planned outage
shows delivered and failed notices, and its figures list exactly the customers they count
(OUT-NOTICE-RATE)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BEIJING = timezone(timedelta(hours=8))


def local(dt: datetime) -> str:
    return dt.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")


def fill_outage_form(browser, driver, kind: str, cause: str, grid_object: str, start: datetime, hours: float) -> None:
    """Types an outage into /outages/new: its type, cause, the grid object whose label starts with
    `grid_object`, and its start and announced restoration `hours` later."""
    Select(browser.find("#type")).select_by_value(kind)
    browser.find("#cause").send_keys(cause)
    objects = Select(browser.find("#gridObjectId"))
    chosen = next(o for o in objects.options if o.text.startswith(grid_object))
    objects.select_by_value(chosen.get_attribute("value"))
    for field, value in (("#start", local(start)), ("#announcedRestoration", local(start + timedelta(hours=hours)))):
        driver.execute_script("arguments[0].value = arguments[1]", browser.find(field), value)


def test_register_an_outage_and_see_its_notices(logged_in, driver):
    browser = logged_in("handler")
    browser.open("/outages/new")
    start = datetime.now(BEIJING).replace(second=0, microsecond=0) + timedelta(days=10)
    fill_outage_form(browser, driver, "planned", "10kV新华线2号杆更换绝缘子", "10kV新华线", start, 6)
    browser.click_and_wait(browser.find("#register-outage"))
    assert browser.path.startswith("/outages/"), browser.page_excerpt()
    assert browser.find("#outage-facts").get_attribute("data-state") == "announced"
    assert not browser.maybe("#breach")
    assert browser.find("#affected").text == "30", browser.page_excerpt()
    # Every customer with a phone has a queued SMS; the three without one are not notified.
    statuses = [r.get_attribute("data-status") for r in driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")]
    assert len(statuses) == 30
    assert statuses.count("no_phone") == 3 and statuses.count("queued") + statuses.count("sent") == 27, statuses
    assert browser.find("#in-time").text == "27"
    browser.click_and_wait(browser.find("#in-time"))
    assert "27" in browser.find("#customer-count").text, browser.page_excerpt()
    assert len(driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")) == 27


def test_demo_outage_notices_delivered_and_failed(logged_in, driver):
    browser = logged_in("handler")
    browser.open("/outages")
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "#outages tbody tr") if "10kV东关线检修" in r.text or "10kV东关线线路检修" in r.text]
    assert rows, browser.page_excerpt()
    browser.click_and_wait(rows[0].find_element(By.CSS_SELECTOR, "a"))
    statuses = [r.get_attribute("data-status") for r in driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")]
    assert "delivered" in statuses and statuses.count("failed") == 1, statuses
    browser.click_and_wait(browser.find("#failed"))
    failed = driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")
    assert len(failed) == 1 and failed[0].get_attribute("data-status") == "failed"
    browser.open("/outages/announcements")
    assert "10kV新华线" in driver.page_source and "10kV东关线" in driver.page_source, browser.page_excerpt()


def test_repair_call_under_the_storm_is_told_and_grouped(logged_in, base_url, demo_password):
    """OUT-GROUPED-CALLS: the demo's storm fault on 10kV新华线 is under way and 新华2号台区 is still
    off; its customer QH00000041 calls. The agent sees the known outage while typing the account,
    and the repair order taken for the call is listed under the outage."""
    from selenium.webdriver.support.ui import WebDriverWait

    from conftest import Api, create_token

    browser = logged_in("agent")
    browser.open("/work-orders/new")
    browser.find("#customerAccount").send_keys("QH00000041")
    WebDriverWait(browser.driver, 10).until(lambda d: browser.find("#repeat-contacts").is_displayed())
    hint = browser.find("#repeat-contacts-list li.known-outage")
    assert "已知停电，预计" in hint.text and "恢复" in hint.text, browser.page_excerpt()
    outage = hint.find_element(By.CSS_SELECTOR, "a").get_attribute("href")

    agent_api = Api(base_url, create_token(base_url, "agent", demo_password))
    unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    created = agent_api.request(
        "POST", "/api/v1/work-orders",
        json={
            "type": "faultRepair", "channel": "phone95598", "area": "urban", "unitId": unit["id"],
            "customer": {"account": "QH00000041", "name": "测试客户", "phone": "13857000041", "address": "城东区新华路"},
            "content": "家里停电了",
        },
    )
    assert created.status_code == 201, created.text
    browser.open(outage.replace(base_url, ""))
    assert created.json()["number"] in browser.text("#repair-orders"), browser.page_excerpt()


def test_agent_groups_repair_calls_into_a_fault_outage_and_its_restoration_answers_them(logged_in, driver, base_url, demo_password):
    """OUT-MERGE-CALLS and OUT-RESTORE-CHILDREN: two repair calls reveal a fault nobody registered;
    the agent registers it from the calls through the form (opened prefilled from ?orders=), a
    wrong number is named on the field first; the handler restores it and both calls wait for
    their return visits."""
    from conftest import Api, create_token

    agent_api = Api(base_url, create_token(base_url, "agent", demo_password))
    unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    numbers = []
    for account in ("QH00000101", "QH00000102"):
        created = agent_api.request(
            "POST", "/api/v1/work-orders",
            json={
                "type": "faultRepair", "channel": "phone95598", "area": "urban", "unitId": unit["id"],
                "customer": {"account": account, "name": "报修客户", "phone": "13857000101", "address": "城东区新华路"},
                "content": "一片都停电了，邻居家也没电",
            },
        )
        assert created.status_code == 201, created.text
        numbers.append(created.json()["number"])

    browser = logged_in("agent")
    browser.open(f"/outages/new?orders={numbers[0]},{numbers[1]}")
    assert browser.find("#repairOrders").get_attribute("value").split() == numbers
    assert Select(browser.find("#type")).first_selected_option.get_attribute("value") == "fault"
    browser.find("#cause").send_keys("10kV新华线3号杆跌落式熔断器熔断")
    objects = Select(browser.find("#gridObjectId"))
    feeder = next(o for o in objects.options if o.text.startswith("10kV新华线"))
    objects.select_by_value(feeder.get_attribute("value"))
    now = datetime.now(BEIJING).replace(second=0, microsecond=0)
    for field, value in (("#start", local(now - timedelta(minutes=30))), ("#announcedRestoration", local(now + timedelta(hours=2)))):
        driver.execute_script("arguments[0].value = arguments[1]", browser.find(field), value)
    # A number that does not exist is named, and what was typed stays.
    browser.find("#repairOrders").send_keys("\nGD-不存在")
    browser.click_and_wait(browser.find("#register-outage"))
    assert "GD-不存在" in browser.text("#error-repairOrders"), browser.page_excerpt()
    assert browser.find("#cause").get_attribute("value") == "10kV新华线3号杆跌落式熔断器熔断"
    browser.find("#repairOrders").clear()
    browser.find("#repairOrders").send_keys(" ".join(numbers))
    for field, value in (("#start", local(now - timedelta(minutes=30))), ("#announcedRestoration", local(now + timedelta(hours=2)))):
        driver.execute_script("arguments[0].value = arguments[1]", browser.find(field), value)
    browser.click_and_wait(browser.find("#register-outage"))
    assert browser.path.startswith("/outages/"), browser.page_excerpt()
    outage_path = browser.path
    for number in numbers:
        assert number in browser.text("#repair-orders"), browser.page_excerpt()

    browser.logout()
    keeper = logged_in("handler")
    keeper.open(outage_path)
    keeper.click_and_wait(keeper.find("#action-restore button"))
    assert keeper.find("#outage-facts").get_attribute("data-state") == "restored", keeper.page_excerpt()
    assert keeper.text("#repair-orders").count("待回访") == 2, keeper.page_excerpt()


def test_keeper_adds_and_removes_an_affected_customer(logged_in, driver, base_url, demo_password):
    """OUT-ADJUST-CUSTOMERS: a planned outage on one transformer area of 10kV新华线; the handler adds a
    customer of another area the work also cuts off (counted and noticed at once), removes one who
    keeps supply, and an unknown account is named on the page."""
    from conftest import Api, create_token

    api = Api(base_url, create_token(base_url, "handler", demo_password))
    start = datetime.now(BEIJING).replace(second=0, microsecond=0) + timedelta(days=9)
    feeder = api.request(
        "POST", "/api/v1/outages",
        json={"type": "planned", "cause": "新华线整线检修（核对客户）", "feeder": "10kV新华线",
              "start": start.isoformat(), "announcedRestoration": (start + timedelta(hours=4)).isoformat()},
    )
    assert feeder.status_code == 201, feeder.text
    everyone = [c["account"] for c in api.get_json(f"/api/v1/outages/{feeder.json()['id']}/customers")["items"]]

    browser = logged_in("handler")
    browser.open("/outages/new")
    fill_outage_form(browser, driver, "planned", "新华1号台区变压器增容", "新华1号台区", start, 6)
    browser.click_and_wait(browser.find("#register-outage"))
    affected = int(browser.find("#affected").text)
    listed = [r.find_element(By.CSS_SELECTOR, "td").text for r in driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")]
    outside = next(a for a in everyone if a not in listed)

    browser.find("#adjust-account").send_keys(outside)
    browser.click_and_wait(browser.find('#adjust-customers button[data-action="add"]'))
    assert int(browser.find("#affected").text) == affected + 1, browser.page_excerpt()
    assert outside in browser.text("#outage-customers")

    browser.find("#adjust-account").send_keys(listed[0])
    browser.click_and_wait(browser.find('#adjust-customers button[data-action="remove"]'))
    assert int(browser.find("#affected").text) == affected
    assert listed[0] not in [r.find_element(By.CSS_SELECTOR, "td").text for r in driver.find_elements(By.CSS_SELECTOR, "#outage-customers tbody tr")]

    browser.find("#adjust-account").send_keys("QH-不存在")
    browser.click_and_wait(browser.find('#adjust-customers button[data-action="add"]'))
    assert "客户资料中没有这个户号" in driver.page_source, browser.page_excerpt()
