"""Login page: success, wrong password, lockout after five failures."""

import requests

from conftest import DEMO_USERS, Api, create_token


def test_health_and_readiness(base_url):
    for path in ("/healthz", "/readyz"):
        r = requests.get(base_url + path, timeout=10)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:300]}"


def test_demo_users_exist_with_demo_password(base_url, demo_password):
    """`wanjia demo` made one user per role; handler is in a county, the rest in the city company."""
    units = {}
    for username in DEMO_USERS:
        me = Api(base_url, create_token(base_url, username, demo_password)).me()
        assert me["username"] == username, me
        assert me["unit"]["id"] is not None, me
        units[username] = me["unit"]
    assert units["handler"]["kind"] == "county", f"handler's unit: {units['handler']}"
    others = {u for u in DEMO_USERS if u != "handler"}
    city_ids = {str(units[u]["id"]) for u in others}
    assert len(city_ids) == 1, f"non-handler demo users are in different units: { {u: units[u] for u in others} }"
    assert units["admin"]["kind"] == "city", f"admin's unit should be the city company: {units['admin']}"


def test_api_error_shape_on_bad_credentials(base_url):
    r = requests.post(
        base_url + "/api/v1/tokens",
        json={"username": "e2e_nobody_here", "password": "wrong-password-1A!", "name": "e2e"},
        timeout=10,
    )
    assert 400 <= r.status_code < 500, f"bad credentials: {r.status_code} {r.text[:300]}"
    err = r.json().get("error")
    assert isinstance(err, dict) and isinstance(err.get("code"), str) and isinstance(err.get("message"), str), (
        f"error body is not {{'error': {{'code', 'message', 'field'}}}}: {r.text[:300]}"
    )


def test_login_shows_current_user_and_unit(browser, api_as, demo_password):
    me = api_as("lead").me()
    browser.open("/login")
    assert browser.html_lang() == "zh-CN", "login page is not zh-CN by default"
    browser.login("lead", demo_password)
    assert browser.html_lang() == "zh-CN"
    assert browser.text("#current-user") == me["displayName"]
    assert browser.text("#current-unit") == me["unit"]["name"]


def test_wrong_password_shows_error_and_keeps_username(browser, new_user):
    user = new_user("wrongpw")
    browser.open("/login")
    browser.submit_login(user["username"], user["password"] + "x")
    err = browser.maybe("#login-error")
    assert err is not None, f"no #login-error after a wrong password: {browser.page_excerpt()}"
    assert "用户名或密码错误" in err.text, f"#login-error: {err.text!r}"
    kept = browser.find('form#login-form input[name="username"]').get_attribute("value")
    assert kept == user["username"], f"username input after failed login: {kept!r}"
    assert browser.find('form#login-form input[name="password"]').get_attribute("value") in ("", None), (
        "the password must not be echoed back into the form"
    )
    assert browser.maybe("#current-user") is None


def test_lockout_after_five_failed_logins(browser, new_user):
    user = new_user("lock")
    browser.open("/login")
    for attempt in range(1, 6):
        browser.submit_login(user["username"], f"wrong-{attempt}-Aa9!")
        err = browser.maybe("#login-error")
        assert err is not None, f"attempt {attempt}: no #login-error: {browser.page_excerpt()}"
        if attempt < 5:
            assert "用户名或密码错误" in err.text, f"attempt {attempt}: #login-error: {err.text!r}"
    # Sixth attempt, right password: still refused, and told it is locked.
    browser.submit_login(user["username"], user["password"])
    err = browser.maybe("#login-error")
    assert err is not None, f"locked account logged in with the right password: {browser.page_excerpt()}"
    assert "锁定" in err.text, f"#login-error after lockout: {err.text!r}"
    assert browser.maybe("#current-user") is None
    # A fresh login page does not get around it either.
    browser.open("/login")
    browser.submit_login(user["username"], user["password"])
    err = browser.maybe("#login-error")
    assert err is not None and "锁定" in err.text, f"second try after lockout: {browser.page_excerpt()}"
