"""Inspections (明查暗访) in the browser, on a phone: an inspector records a visit with a finding
at full length, the station's county handler reports it rectified, the inspector closes it; the
plan counts the station as inspected and its figures list what they count."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from fixtures import chinese_text

PHONE = (390, 844)
FINDING = chinese_text(1000, seed=41, marker="暗访")
EVIDENCE = chinese_text(600, seed=42, marker="整改")


def test_inspection_on_a_phone_from_visit_to_closure(logged_in, driver):
    browser = logged_in("inspector")
    driver.set_window_size(*PHONE)
    browser.open("/inspections/new")
    Select(browser.find("#choose-station #unitId")).select_by_visible_text("城东区新华供电所")
    browser.click_and_wait(browser.find("#choose-station button[type=submit]"))
    form = browser.find("#inspection-form")
    items = form.find_elements(By.CSS_SELECTOR, "fieldset.check-item")
    assert len(items) == 10, browser.page_excerpt()
    for index, item in enumerate(items):
        value = "fail" if index == 2 else "pass"
        radio = item.find_element(By.CSS_SELECTOR, f'input[type=radio][value="{value}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
        radio.click()
    failed = items[2]
    failed.find_element(By.CSS_SELECTOR, "textarea").send_keys(FINDING)
    Select(failed.find_element(By.CSS_SELECTOR, "select")).select_by_visible_text("李强（基层处理人）（城东区供电公司）")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the form scrolls sideways by {overflow} px on a phone"
    browser.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert browser.path.startswith("/inspections/"), browser.page_excerpt()
    visit = browser.path
    finding = browser.find("section.finding")
    assert finding.get_attribute("data-state") == "open"
    assert FINDING in finding.text and "李强" in finding.text

    browser.logout()
    handler = logged_in("handler")
    handler.open(visit)
    handler.find('section.finding textarea[name="text"]').send_keys(EVIDENCE)
    handler.click_and_wait(handler.find('section.finding button[data-action="rectify"]'))
    assert handler.find("section.finding").get_attribute("data-state") == "rectified", handler.page_excerpt()
    assert EVIDENCE in handler.find("section.finding").text
    assert not handler.maybe('button[data-action="close"]')

    handler.logout()
    inspector = logged_in("inspector")
    inspector.open(visit)
    inspector.click_and_wait(inspector.find('button[data-action="close"]'))
    assert inspector.find("section.finding").get_attribute("data-state") == "closed", inspector.page_excerpt()

    inspector.open("/inspections")
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "#plan-stations tbody tr") if "城东区新华供电所" in r.text]
    assert rows and "uninspected" not in (rows[0].get_attribute("class") or "")
    uninspected = int(inspector.text("#figure-uninspected"))
    inspector.click_and_wait(inspector.find("#figure-uninspected"))
    listed = driver.find_elements(By.CSS_SELECTOR, "#plan-stations tbody tr")
    assert len(listed) == uninspected and all("城东区新华供电所" not in r.text for r in listed)
