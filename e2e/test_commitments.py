"""Connection applications in the browser (COM-APPLICATION, COM-PAUSE, COM-CLOCKS): the demo's
late application shows in the list; a handler accepts an application through the form at the
field's full length, is told beside the field what is wrong, records a wait the customer caused
with a reason as long as the field allows, ends it and records a stage; the clocks show."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BEIJING = timezone(timedelta(hours=8))


def local(dt: datetime) -> str:
    return dt.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")


def set_value(driver, element, value: str) -> None:
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def test_demo_applications_listed_with_their_states(logged_in, driver):
    browser = logged_in("handler")
    browser.open("/")
    browser.click_and_wait(driver.find_element(By.CSS_SELECTOR, "nav a[href='/commitments/applications']"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#applications tbody tr")
    assert len(rows) >= 4, browser.page_excerpt()
    shop = next(r for r in rows if "东关便民超市" in r.text)
    assert "已超时限" in shop.text and "客户服务中心受理" in shop.text
    browser.click_and_wait(shop.find_element(By.CSS_SELECTOR, "a"))
    assert "业扩全流程（低压非居民）" in browser.find("#clocks").text
    assert "已超时未完成" in browser.find("#clocks").text, browser.page_excerpt()


def test_accept_an_application_wait_and_record_a_stage(logged_in, driver):
    browser = logged_in("handler")
    browser.open("/commitments/applications/new")
    now = datetime.now(BEIJING).replace(second=0, microsecond=0)
    name = "清河市城东新区智能制造产业园配套服务中心有限公司" * 4
    name = name[:100]
    Select(browser.find("#kind")).select_by_value("newConnection")
    browser.find("#customerAccount").send_keys("3" * 40)
    browser.find("#customerName").send_keys(name)
    browser.find("#customerPhone").send_keys("13900001234")
    Select(browser.find("#connectionClass")).select_by_value("lowVoltageNonResidential")
    Select(browser.find("#voltage")).select_by_value("380V")
    browser.find("#capacityKw").send_keys("0")
    set_value(driver, browser.find("#acceptedAt"), local(now - timedelta(days=2)))
    browser.click_and_wait(browser.find("#create-application"))
    # Refused beside the capacity; everything typed is still there.
    assert browser.find("#error-capacityKw").is_displayed(), browser.page_excerpt()
    assert browser.find("#customerName").get_attribute("value") == name
    capacity = browser.find("#capacityKw")
    capacity.clear()
    capacity.send_keys("80")
    browser.click_and_wait(browser.find("#create-application"))
    assert browser.path.startswith("/commitments/applications/"), browser.page_excerpt()
    assert "客户服务中心受理" in browser.find("#application-facts").text
    assert name in browser.find("#application-facts").text
    assert "业扩全流程（低压非居民）" in browser.find("#clocks").text

    # A wait the customer caused, with a reason as long as the field allows, then its end.
    reason = ("客户配电室土建与进线电缆沟尚未完工，需待客户施工完毕后再行现场勘查" * 20)[:500]
    browser.find("#reason").send_keys(reason)
    set_value(driver, browser.find("#at"), local(now - timedelta(days=1, hours=20)))
    browser.click_and_wait(browser.find("#wait-submit"))
    assert reason in browser.find("#waits").text, browser.page_excerpt()
    set_value(driver, browser.find("#at"), local(now - timedelta(days=1)))
    browser.click_and_wait(browser.find("#wait-submit"))
    ended = driver.find_elements(By.CSS_SELECTOR, "#waits tbody tr td")
    assert ended[1].text == local(now - timedelta(days=1)).replace("T", " "), browser.page_excerpt()

    # A finish before its start is named; then the site survey is recorded.
    Select(browser.find("#stage")).select_by_value("siteSurvey")
    set_value(driver, browser.find("#startedAt"), local(now - timedelta(hours=20)))
    set_value(driver, browser.find("#finishedAt"), local(now - timedelta(hours=21)))
    browser.click_and_wait(browser.find("#record-stage"))
    assert browser.find("#error-finishedAt").is_displayed(), browser.page_excerpt()
    Select(browser.find("#stage")).select_by_value("siteSurvey")
    set_value(driver, browser.find("#startedAt"), local(now - timedelta(hours=20)))
    set_value(driver, browser.find("#finishedAt"), local(now - timedelta(hours=18)))
    browser.click_and_wait(browser.find("#record-stage"))
    stages = browser.find("#stages").text
    assert local(now - timedelta(hours=18)).replace("T", " ") in stages, browser.page_excerpt()
