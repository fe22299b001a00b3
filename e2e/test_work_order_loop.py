"""The 95598 closed loop in a real browser (WO-STATES, WO-PERMISSIONS): an agent files a complaint, the lead
reviews and dispatches it, the county handler contacts the customer and replies, Marketing
approves the reply, and the agent's return visit closes the order."""

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import Api, create_token
from fixtures import file_complaint


def act(browser, action: str, **fields) -> None:
    """Submit the action form `action` on the current order page."""
    form = browser.find(f'form.action[data-action="{action}"]')
    for name, value in fields.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        elif field.get_attribute("type") in ("checkbox", "radio"):
            form.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()
        else:
            field.clear()
            field.send_keys(value)
    browser.click_and_wait(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    assert not browser.maybe("#action-error"), f"{action} refused: {browser.text('#action-error')}"


def test_complaint_goes_round_the_loop(logged_in, base_url, demo_password):
    handler_unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    marker = secrets.token_hex(4)

    browser = logged_in("agent")
    file_complaint(
        browser, handler_unit["id"], account="0100" + marker[:4], name="测试客户" + marker, phone="13900001111", address="城东区东关街1号",
        content="营业厅窗口人员态度冷淡 " + marker,
    )
    assert browser.path.startswith("/work-orders/"), browser.page_excerpt()
    order_path = browser.path
    assert browser.text("#order-state") == "待班长审核", browser.page_excerpt()

    steps = [
        ("lead", "approveIntake", {}, "待派发"),
        ("lead", "dispatch", {}, "已派发"),
        ("handler", "recordFirstContact", {}, "处理中"),
        ("handler", "reply", {"summary": "已核实并向客户致歉", "verified": "on", "supplyResponsibility": "on"}, "待营销部审核"),
        ("reviewer", "approveReply", {}, "待回访"),
        ("agent", "recordReturnVisit", {"satisfied": "yes", "note": "客户满意"}, "已办结"),
    ]
    for user, action, fields, state in steps:
        browser.driver.delete_all_cookies()
        browser = logged_in(user)
        browser.open(order_path)
        act(browser, action, **fields)
        assert browser.text("#order-state") == state, f"after {user} {action}: {browser.page_excerpt()}"
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, "#timeline li")) == 7
