"""Real sizes through the forms a person uses: a complaint of 1,500 Chinese characters
filed through the intake form, replied by the county handler with a full investigation record
(every field at its 500-character limit), all of it kept and shown."""

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from fixtures import chinese_text, investigation_record, new_customer


def test_long_complaint_and_full_investigation(logged_in, api_as):
    unit = api_as("handler").me()["unit"]
    content = chinese_text(1500, marker="投诉" + secrets.token_hex(3))
    customer = new_customer()

    browser = logged_in("agent")
    browser.open("/work-orders/new")
    form = browser.find("form#intake-form")
    Select(form.find_element(By.NAME, "type")).select_by_value("complaint")
    form.find_element(By.NAME, "customerAccount").send_keys(customer["account"])
    form.find_element(By.NAME, "customerName").send_keys(customer["name"])
    form.find_element(By.NAME, "customerPhone").send_keys(customer["phone"])
    form.find_element(By.NAME, "address").send_keys("城东区东关街1号")
    Select(form.find_element(By.NAME, "unitId")).select_by_value(unit["id"].upper())
    browser.driver.execute_script("arguments[0].value = arguments[1];", form.find_element(By.NAME, "content"), content)
    Select(form.find_element(By.NAME, "item")).select_by_value("conduct.attitude")
    Select(form.find_element(By.NAME, "attitude")).select_by_value("agitated")
    Select(form.find_element(By.NAME, "severity")).select_by_value("serious")
    browser.click_and_wait(browser.find("#intake-submit"))
    assert browser.path.startswith("/work-orders/"), browser.page_excerpt()
    order_path = browser.path
    assert browser.text("#order-content") == content
    assert browser.text("#order-attitude") == "情绪激动"

    def act(user, action, fields, textareas=None):
        nonlocal browser
        browser.driver.delete_all_cookies()
        browser = logged_in(user)
        browser.open(order_path)
        form = browser.find(f'form.action[data-action="{action}"]')
        for name, value in (textareas or {}).items():
            browser.driver.execute_script("arguments[0].value = arguments[1];", form.find_element(By.NAME, name), value)
        for name, value in fields.items():
            field = form.find_element(By.NAME, name)
            if field.get_attribute("type") == "checkbox":
                field.click()
            else:
                field.send_keys(value)
        browser.click_and_wait(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
        assert browser.maybe("#action-error") is None, f"{action}: {browser.text('#action-error')}"

    act("lead", "approveIntake", {})
    act("lead", "dispatch", {})
    act("handler", "recordFirstContact", {})
    record = investigation_record(500)
    summary = chinese_text(2000, seed=3, marker="答复")
    act("handler", "reply", {"verified": "on", "supplyResponsibility": "on"}, {"summary": summary, **record})
    assert browser.text("#order-state") == "待营销部审核"
    shown = [dd.text for dd in browser.driver.find_elements(By.CSS_SELECTOR, "#investigation dd")]
    assert shown == list(record.values())
    assert summary in browser.text("#timeline")
