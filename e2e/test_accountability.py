"""Accountability in a real browser (rules ACC-*): a complaint verified with supply-side
responsibility opens a case; Marketing submits it, the leadership group approves the batch, HR
imports the month's performance pay and sees the deduction in the list, and Marketing settles
the case once the four don'ts are recorded."""

import os
import secrets
import tempfile

from selenium.webdriver.common.by import By

from conftest import Api, create_token
from fixtures import file_complaint
from test_work_order_loop import act


def test_verified_complaint_to_settled_case(logged_in, base_url, demo_password):
    handler_unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    marker = secrets.token_hex(4)

    browser = logged_in("agent")
    file_complaint(
        browser, handler_unit["id"], account="0200" + marker[:4], name="考核客户" + marker, phone="13900002222", address="城东区东关街2号",
        content="窗口人员态度冷淡 " + marker,
    )
    order_path = browser.path
    number = browser.text("#order-number")
    for user, action, fields in [
        ("lead", "approveIntake", {}),
        ("lead", "dispatch", {}),
        ("handler", "recordFirstContact", {}),
        ("handler", "reply", {"summary": "已核实并向客户致歉", "verified": "on", "supplyResponsibility": "on"}),
    ]:
        browser.driver.delete_all_cookies()
        browser = logged_in(user)
        browser.open(order_path)
        act(browser, action, **fields)

    # Marketing finds the proposed case and submits it into the unit's half-yearly batch.
    browser.driver.delete_all_cookies()
    browser = logged_in("reviewer")
    browser.open("/accountability/cases")
    link = browser.driver.find_element(By.LINK_TEXT, number)
    browser.click_and_wait(link)
    case_path = browser.path
    assert browser.find("#case-state").get_attribute("data-state") == "proposed", browser.page_excerpt()
    browser.click_and_wait(browser.find("#case-submit button"))
    assert browser.find("#case-state").get_attribute("data-state") == "submitted", browser.page_excerpt()

    # The leadership group approves the batch that holds it, with totals per unit and person.
    browser.driver.delete_all_cookies()
    browser = logged_in("leader")
    browser.open("/accountability/batches")
    batch = next(s for s in browser.driver.find_elements(By.CSS_SELECTOR, "section.batch") if number in s.text)
    rows = [r.text for r in batch.find_elements(By.CSS_SELECTOR, ".batch-cases tbody tr")]
    assert any(number in r and "¥100" in r for r in rows), rows
    assert batch.find_elements(By.CSS_SELECTOR, ".batch-people tbody tr"), "no totals per person"
    browser.click_and_wait(batch.find_element(By.CSS_SELECTOR, "button.approve-batch"))
    assert not any(number in s.text for s in browser.driver.find_elements(By.CSS_SELECTOR, "section.batch")), browser.page_excerpt()

    # HR imports this month's pay; the case's deduction appears in the month's list.
    browser.driver.delete_all_cookies()
    browser = logged_in("hr")
    browser.open("/accountability/deductions")
    month = browser.find("#month").get_attribute("value")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write(f"用户名,月份,绩效工资\nhandler,{month},3000\n")
        path = f.name
    try:
        browser.find("#pay-file").send_keys(path)
        browser.click_and_wait(browser.find("#pay-import button"))
    finally:
        os.unlink(path)
    assert browser.maybe("#deductions-notice"), browser.page_excerpt()
    rows = [r.text for r in browser.driver.find_elements(By.CSS_SELECTOR, "#deductions-table tbody tr")]
    assert any(number in r and "¥100" in r for r in rows), rows

    # Marketing records the four don'ts and settles the case.
    browser.driver.delete_all_cookies()
    browser = logged_in("reviewer")
    browser.open(case_path)
    assert browser.find("#case-state").get_attribute("data-state") == "deducting", browser.page_excerpt()
    form = browser.find("#case-four-donts")
    for name, text in [
        ("causeEstablished", "窗口人员态度冷淡"),
        ("personEducated", "已谈话教育"),
        ("correctiveMeasure", "开展服务规范培训"),
        ("personDealtWith", "考核 100 元"),
    ]:
        form.find_element(By.NAME, name).send_keys(text)
    browser.click_and_wait(form.find_element(By.CSS_SELECTOR, "button"))
    browser.click_and_wait(browser.find("#case-settle button"))
    assert browser.find("#case-state").get_attribute("data-state") == "settled", browser.page_excerpt()
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, "#case-ledger tbody tr")) == 1
