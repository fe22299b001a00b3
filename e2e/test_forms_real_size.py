"""Forms at the sizes people use them: photos and scanned letters attached to a
work order through its page and downloaded byte for byte, a file over the limit refused beside
its field before upload, a 5,000-row roster through the roster page, long texts through the
intake form, and a body over a route's limit answered with a page that names the limit (never
"表单已过期"). Fixtures are generated at test time (fixtures.py)."""

from __future__ import annotations

import hashlib
import re

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import fixtures
from conftest import HTTP_TIMEOUT_S, WAIT_S, Api, create_token


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def visible_order(base_url: str, username: str, password: str) -> str:
    """The id of a work order the user can see."""
    api = Api(base_url, create_token(base_url, username, password))
    items = api.get_json("/api/v1/work-orders")["items"]
    assert items, f"{username} sees no work orders"
    return items[0]["id"]


def attachment_links(browser) -> dict[str, str]:
    return {
        a.text.strip(): a.get_attribute("href")
        for a in browser.driver.find_elements(By.CSS_SELECTOR, "#attachment-list li a")
    }


def attach(browser, path) -> None:
    field = browser.find("#attachment-file")
    field.send_keys(str(path))
    browser.click_and_wait(browser.find("#attachment-form button[type=submit]"))
    assert browser.error_status() is None, browser.page_excerpt()
    assert not browser.maybe("#action-error"), browser.text("#action-error")


def test_photo_and_scan_attached_and_downloaded_byte_identical(logged_in, base_url, demo_password, tmp_path):
    photo = fixtures.jpeg(tmp_path, 3 * fixtures.MB)
    scan = fixtures.pdf(tmp_path, 15 * fixtures.MB)
    order = visible_order(base_url, "handler", demo_password)
    browser = logged_in("handler")
    # The generated photo is a real image: the browser decodes it.
    browser.driver.get(photo.as_uri())
    assert browser.driver.execute_script("return document.images[0] && document.images[0].naturalWidth") == 8
    browser.open(f"/work-orders/{order}")
    attach(browser, photo)
    attach(browser, scan)
    links = attachment_links(browser)
    assert photo.name in links and scan.name in links, links
    session = browser.cookie_session()
    for path in (photo, scan):
        r = session.get(links[path.name], timeout=HTTP_TIMEOUT_S * 3)
        assert r.status_code == 200, f"download {path.name}: {r.status_code}"
        assert len(r.content) == path.stat().st_size
        assert sha256(r.content) == sha256(path.read_bytes()), f"{path.name} changed on the way"


def test_file_over_the_limit_refused_beside_the_field(logged_in, base_url, demo_password, tmp_path):
    big = fixtures.pdf(tmp_path, 25 * fixtures.MB, name="too-large.pdf")
    order = visible_order(base_url, "handler", demo_password)
    browser = logged_in("handler")
    browser.open(f"/work-orders/{order}")
    before = attachment_links(browser)
    browser.find("#attachment-file").send_keys(str(big))
    message = browser.find("#attachment-file-too-large")
    WebDriverWait(browser.driver, WAIT_S).until(lambda d: message.is_displayed())
    assert message.text == "文件过大（上限 20 MB）。", message.text
    browser.find("#attachment-form button[type=submit]").click()
    # Nothing is sent: the page stays, with the message still beside the field.
    assert browser.path == f"/work-orders/{order}"
    assert browser.find("#attachment-file-too-large").is_displayed()
    browser.open(f"/work-orders/{order}")
    assert attachment_links(browser) == before


def test_roster_of_5000_rows_through_the_roster_page(logged_in, base_url, demo_password, tmp_path):
    browser = logged_in("staff")
    browser.open("/surveys/rosters")
    county_select = Select(browser.find("#unitId"))
    county_id = county_select.first_selected_option.get_attribute("value")
    api = Api(base_url, create_token(base_url, "staff", demo_password))
    county = next(u for u in api.units() if u["id"].upper() == county_id.upper())
    roster = fixtures.roster_csv(tmp_path, 5000, county["code"])
    browser.find("#file").send_keys(str(roster))
    browser.click_and_wait(browser.find("#roster-form button[type=submit]"))
    assert browser.error_status() is None, browser.page_excerpt()
    if browser.maybe("#roster-replace"):
        # The county already has a roster: the old and new counts come first.
        new_row = browser.text("#roster-replace-new")
        assert re.search(r"\b5000\s+5000$", new_row), new_row
        browser.find('#roster-replace-form input[name="confirm"]').click()
        browser.click_and_wait(browser.find("#roster-replace-form button[type=submit]"))
    result = browser.text("#roster-result")
    assert "共 5000 行，导入 5000 行" in result, result
    current = [row.text for row in browser.driver.find_elements(By.CSS_SELECTOR, "#rosters tbody tr")]
    assert any(county["name"] in row and roster.name in row and "5000" in row for row in current), current


def test_intake_with_texts_as_long_as_the_fields_allow(logged_in, base_url, demo_password):
    handler_unit = Api(base_url, create_token(base_url, "handler", demo_password)).me()["unit"]
    content = ("客户反映营业厅排队时间过长且窗口人员解释不清。" * 200)[:4000]
    answer = ("已向客户解释电费构成并记录诉求。" * 200)[:2000]
    browser = logged_in("agent")
    browser.open("/work-orders/new")
    form = browser.find("form#intake-form")
    Select(form.find_element(By.NAME, "type")).select_by_value("complaint")
    form.find_element(By.NAME, "customerAccount").send_keys("0100LONG1")
    form.find_element(By.NAME, "customerName").send_keys("长文本客户")
    form.find_element(By.NAME, "customerPhone").send_keys("13900002222")
    form.find_element(By.NAME, "address").send_keys("城东区东关街2号")
    Select(form.find_element(By.NAME, "unitId")).select_by_value(handler_unit["id"].upper())
    # Typing 6,000 characters key by key is slow; the browser's own value setter is what a paste does.
    browser.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
        form.find_element(By.NAME, "content"), content, form.find_element(By.NAME, "answer"), answer,
    )
    Select(form.find_element(By.NAME, "item")).select_by_value("conduct.attitude")
    browser.click_and_wait(browser.find("#intake-submit"))
    assert browser.error_status() is None, browser.page_excerpt()
    assert browser.path.startswith("/work-orders/"), browser.page_excerpt()
    assert browser.text("dd.content") == content


def test_body_over_the_route_limit_gets_a_page_naming_the_limit(logged_in, base_url):
    browser = logged_in("admin")
    browser.open("/admin/calendar")
    token = browser.find('#import-form input[name="csrfToken"]').get_attribute("value")
    session = browser.cookie_session()
    session.headers["Accept"] = "text/html"
    body = ("date,kind,name\n" + "2026-10-01,holiday,国庆节\n" * 150_000).encode()  # about 4 MB, over 2 MB
    try:
        r = session.post(
            base_url + "/admin/calendar/import",
            data={"csrfToken": token},
            files={"file": ("calendar.csv", body, "text/csv")},
            timeout=HTTP_TIMEOUT_S * 3,
        )
    except requests.ConnectionError as e:  # the server may close while the client still sends
        raise AssertionError(f"no answer for a body over the limit: {e}") from e
    assert r.status_code == 413, f"{r.status_code}: {r.text[:300]}"
    assert "文件过大（上限 2 MB）" in r.text, r.text[:500]
    assert "表单已过期" not in r.text
