"""Intake (WO-REPEAT-CONTACT): while the agent types a customer's account, the customer's open orders
and repeat contacts within 30 days appear where the agent looks: just above the submit button,
in view together with it on a 1366×768 screen."""

import secrets

from selenium.webdriver.support.ui import WebDriverWait

from conftest import Api, create_token


def test_repeat_contacts_appear_while_typing(logged_in, base_url, demo_password):
    agent_api = Api(base_url, create_token(base_url, "agent", demo_password))
    unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    account = "0199" + secrets.token_hex(3)
    created = agent_api.request(
        "POST", "/api/v1/work-orders",
        json={
            "type": "complaint", "channel": "phone95598", "area": "urban", "unitId": unit["id"],
            "customer": {"account": account, "name": "测试客户", "phone": "13900002222", "address": "城东区东关街2号"},
            "content": "抄表员多次估抄电量",
            "complaint": {"category": "conduct", "item": "conduct.attitude", "attitude": "calm", "severity": "general"},
        },
    )
    assert created.status_code == 201, created.text
    number = created.json()["number"]

    browser = logged_in("agent")
    browser.driver.set_window_size(1366, 768)
    browser.open("/work-orders/new")
    assert browser.find("#repeat-contacts").get_attribute("hidden") is not None
    browser.find("#customerAccount").send_keys(account)
    WebDriverWait(browser.driver, 10).until(lambda d: browser.find("#repeat-contacts").is_displayed())
    assert number in browser.text("#repeat-contacts-list"), browser.page_excerpt()
    # Scrolled to the submit button, the hint is on screen with it, right above it.
    browser.driver.execute_script("document.getElementById('intake-submit').scrollIntoView({block: 'end'});")
    hint, submit, height = browser.driver.execute_script(
        "const h = document.getElementById('repeat-contacts').getBoundingClientRect();"
        "const s = document.getElementById('intake-submit').getBoundingClientRect();"
        "return [[h.top, h.bottom], [s.top, s.bottom], window.innerHeight];")
    # The scroll position is whole pixels, the layout fractional: allow the part of a pixel.
    assert 0 <= hint[0] and hint[1] <= submit[0] <= submit[1] <= height + 1, (hint, submit, height)
