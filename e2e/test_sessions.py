"""Sessions: a new identifier at sign-in, and a password change ends the other browsers' sessions."""

import requests

from conftest import Browser, create_token, make_driver, random_password


def session_cookie(browser: Browser) -> str | None:
    cookie = browser.driver.get_cookie("wanjia_session")
    return cookie["value"] if cookie else None


def test_session_identifier_changes_at_sign_in(browser, new_user):
    user = new_user("fixation")
    browser.open("/login")
    before = session_cookie(browser)
    assert before, "the login page set no wanjia_session cookie"
    browser.login(user["username"], user["password"])
    after = session_cookie(browser)
    assert after and after != before, f"session cookie not renewed at sign-in: {before!r} -> {after!r}"
    # The identifier from before sign-in opens nothing.
    r = requests.get(browser.base_url + "/", cookies={"wanjia_session": before}, allow_redirects=False, timeout=20)
    assert r.status_code == 303 and r.headers.get("Location") == "/login", f"old session id: {r.status_code} {r.headers}"


def test_password_change_ends_the_other_browsers_session(browser, base_url, new_user):
    user = new_user("pwchange")
    token = create_token(base_url, user["username"], user["password"])
    second = Browser(make_driver(), base_url)
    try:
        second.login(user["username"], user["password"])
        browser.login(user["username"], user["password"])
        browser.open("/account/password")
        new_password = random_password()
        browser.find("#currentPassword").send_keys(user["password"])
        browser.find("#newPassword").send_keys(new_password)
        # Without the confirmation the change is refused with the field named.
        browser.click_and_wait(browser.find("#password-submit"))
        err = browser.maybe("#error-confirm")
        assert err is not None and "请勾选确认" in err.text, f"no confirm error: {browser.page_excerpt()}"
        browser.find("#currentPassword").send_keys(user["password"])
        browser.find("#newPassword").send_keys(new_password)
        browser.find("#confirm").click()
        browser.click_and_wait(browser.find("#password-submit"))
        assert browser.maybe("#password-changed") is not None, f"no confirmation notice: {browser.page_excerpt()}"
        assert browser.maybe("#current-user") is not None, "the browser that changed the password was signed out"
        second.open("/")
        assert second.path == "/login", f"the other browser is still signed in: {second.page_excerpt()}"
        r = requests.get(base_url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=20)
        assert r.status_code == 401, f"API token still works after the password change: {r.status_code}"
        second.login(user["username"], new_password)
    finally:
        second.driver.quit()


def test_back_after_sign_out_shows_no_page(browser, new_user):
    """Signed-in pages are sent with Cache-Control: no-store, so Back cannot show them after sign-out."""
    user = new_user("nostore")
    browser.login(user["username"], user["password"])
    browser.open("/work-orders")
    r = browser.cookie_session().get(browser.base_url + "/work-orders", timeout=20)
    assert r.headers.get("Cache-Control") == "no-store", f"Cache-Control: {r.headers.get('Cache-Control')!r}"
    assert "script-src 'self'" in r.headers.get("Content-Security-Policy", "")
    browser.logout()
    browser.driver.back()
    browser._wait_loaded()
    assert browser.maybe("#current-user") is None, f"Back after sign-out shows a signed-in page: {browser.page_excerpt()}"
