"""Shared fixtures for Wanjia's browser tests.

Run against a running `wanjia demo` server:

    WANJIA_URL=http://127.0.0.1:8080 WANJIA_DEMO_PASSWORD=... e2e/.venv/bin/pytest -q e2e

scripts/test starts the server (on SQLite, then on PostgreSQL) and runs this.
On a failing test, a screenshot and the HTML of the page the browser was on,
and a screenshot of the home page, are saved under $WANJIA_ARTIFACTS_DIR
(default e2e/artifacts/).
"""

from __future__ import annotations

import os
import pathlib
import re
import secrets
import urllib.parse

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = pathlib.Path(__file__).resolve().parent
ARTIFACTS = pathlib.Path(os.environ.get("WANJIA_ARTIFACTS_DIR") or HERE / "artifacts")
CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_S = 20
HTTP_TIMEOUT_S = 20

DEMO_USERS = ["admin", "agent", "lead", "handler", "reviewer", "staff", "analyst", "surveyor", "leader", "hr", "inspector"]
UNIT_KINDS = {"company", "city", "county", "station", "hall", "team"}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text or ""))


def random_password() -> str:
    # Upper, lower, digit, symbol, 31 characters: passes any sane policy.
    return "E2e-" + secrets.token_hex(12) + "-Zz9"


# --------------------------------------------------------------------- env


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("WANJIA_URL", "").rstrip("/")
    if not url:
        pytest.fail("WANJIA_URL is not set (e.g. http://127.0.0.1:8080); scripts/test sets it")
    return url


@pytest.fixture(scope="session")
def demo_password() -> str:
    pw = os.environ.get("WANJIA_DEMO_PASSWORD", "")
    if not pw:
        pytest.fail("WANJIA_DEMO_PASSWORD is not set; scripts/test sets it")
    return pw


# --------------------------------------------------------------------- API


class Api:
    """A tiny JSON client for /api/v1 with a bearer token."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", HTTP_TIMEOUT_S)
        return self.session.request(method, self.base_url + path, **kw)

    def get_json(self, path: str) -> dict:
        r = self.request("GET", path)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
        return r.json()

    def me(self) -> dict:
        return self.get_json("/api/v1/me")

    def units(self) -> list[dict]:
        body = self.get_json("/api/v1/units")
        assert isinstance(body.get("items"), list), f"/api/v1/units: no items list: {body}"
        return body["items"]


def create_token(base_url: str, username: str, password: str) -> str:
    r = requests.post(
        base_url + "/api/v1/tokens",
        json={"username": username, "password": password, "name": "e2e"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 201, f"POST /api/v1/tokens as {username}: {r.status_code} {r.text[:500]}"
    token = r.json().get("token")
    assert isinstance(token, str) and token, f"no token in {r.text[:500]}"
    return token


@pytest.fixture(scope="session")
def api_as(base_url, demo_password):
    """api_as(username) -> Api logged in as that demo user (cached)."""
    cache: dict[str, Api] = {}

    def make(username: str) -> Api:
        if username not in cache:
            cache[username] = Api(base_url, create_token(base_url, username, demo_password))
        return cache[username]

    return make


@pytest.fixture(scope="session")
def admin_api(api_as) -> Api:
    return api_as("admin")


@pytest.fixture
def new_user(admin_api, base_url):
    """new_user(purpose) -> dict for a fresh user created by admin through the
    API (role agent, in admin's unit), so tests that lock or reconfigure a
    user leave the demo users alone."""

    def make(purpose: str) -> dict:
        suffix = secrets.token_hex(4)
        username = f"e2e_{purpose}_{suffix}"
        password = random_password()
        unit = admin_api.me()["unit"]
        body = {
            "username": username,
            "password": password,
            "displayName": f"E2E {purpose} {suffix}",
            "unitId": unit["id"],
            "roles": ["agent"],
        }
        r = admin_api.request("POST", "/api/v1/users", json=body)
        assert r.status_code == 201, f"POST /api/v1/users {body}: {r.status_code} {r.text[:500]}"
        created = r.json()
        assert created.get("username") == username, f"created user JSON: {created}"
        return {**body, "id": created.get("id"), "unit": unit}

    return make


# ----------------------------------------------------------------- browser


def make_driver() -> webdriver.Chrome:
    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # we run as root in CI
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=zh-CN",
        "--no-first-run",
        "--disable-extensions",
    ):
        opts.add_argument(arg)
    # The app's users are Chinese: the browser asks for zh-CN like theirs would.
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_window_size(1280, 900)
    driver.set_page_load_timeout(WAIT_S * 2)
    return driver


class Browser:
    """Selenium helpers that know Wanjia's pages."""

    def __init__(self, driver: webdriver.Chrome, base_url: str):
        self.driver = driver
        self.base_url = base_url

    # -- navigation
    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)
        self._wait_loaded()

    def _wait_loaded(self) -> None:
        WebDriverWait(self.driver, WAIT_S).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def click_and_wait(self, element) -> None:
        """Click something that submits a form and wait until a new document
        has loaded. (A mark on the old window object is gone in the new one;
        errors while the browser is between documents just mean "not yet".)"""
        mark = secrets.token_hex(8)
        self.driver.execute_script("window.__wanjiaPage = arguments[0];", mark)
        element.click()

        def new_page_loaded(d) -> bool:
            try:
                return bool(
                    d.execute_script(
                        "return window.__wanjiaPage !== arguments[0] && document.readyState === 'complete';",
                        mark,
                    )
                )
            except WebDriverException:
                return False

        WebDriverWait(self.driver, WAIT_S).until(new_page_loaded, "no new page after the click")

    @property
    def path(self) -> str:
        return urllib.parse.urlparse(self.driver.current_url).path

    # -- reading
    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def maybe(self, css: str):
        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        return found[0] if found else None

    def text(self, css: str) -> str:
        return self.find(css).text.strip()

    def html_lang(self) -> str:
        return self.find("html").get_attribute("lang") or ""

    def error_status(self) -> str | None:
        el = self.maybe("#error-status")
        return el.text.strip() if el else None

    def page_excerpt(self, n: int = 600) -> str:
        try:
            body = self.find("body").text
        except NoSuchElementException:
            body = self.driver.page_source
        return f"[{self.driver.current_url}] {body[:n]!r}"

    # -- login / logout
    def submit_login(self, username: str, password: str) -> None:
        """Fill the login form on the current page and submit it."""
        form = self.find("form#login-form")
        csrf = form.find_elements(By.CSS_SELECTOR, 'input[name="csrfToken"]')
        assert csrf and csrf[0].get_attribute("type") == "hidden" and csrf[0].get_attribute("value"), (
            "login form has no hidden, non-empty csrfToken input"
        )
        user_input = form.find_element(By.NAME, "username")
        user_input.clear()
        user_input.send_keys(username)
        pw_input = form.find_element(By.NAME, "password")
        pw_input.clear()
        pw_input.send_keys(password)
        self.click_and_wait(self.find("button#login-submit"))

    def login(self, username: str, password: str) -> None:
        """Log in from a fresh /login page; assert it landed on / as that user."""
        self.open("/login")
        self.submit_login(username, password)
        err = self.maybe("#login-error")
        assert err is None, f"login as {username} failed: {err.text!r}"
        assert self.path == "/", f"login as {username} did not redirect to /: {self.page_excerpt()}"
        assert self.maybe("#current-user") is not None, f"no #current-user after login: {self.page_excerpt()}"

    def logout(self) -> None:
        self.click_and_wait(self.find("form#logout-form button"))

    def choose_language(self, locale: str) -> None:
        self.click_and_wait(self.find(f'form#language-form button[name="locale"][value="{locale}"]'))

    def cookie_session(self) -> requests.Session:
        """A requests session carrying the browser's cookies (to see real status codes)."""
        s = requests.Session()
        for c in self.driver.get_cookies():
            s.cookies.set(c["name"], c["value"])
        s.headers["Accept-Language"] = "zh-CN,zh"
        return s


@pytest.fixture
def driver(request):
    try:
        drv = make_driver()
    except WebDriverException as e:
        pytest.fail(f"could not start headless Chromium ({CHROMIUM}, {CHROMEDRIVER}): {e}")
    request.node._wanjia_driver = drv
    yield drv
    drv.quit()


@pytest.fixture
def browser(driver, base_url) -> Browser:
    return Browser(driver, base_url)


@pytest.fixture
def logged_in(browser, demo_password):
    """logged_in(username, password=demo) -> Browser logged in as that user."""

    def login(username: str, password: str | None = None) -> Browser:
        browser.login(username, password or demo_password)
        return browser

    return login


# ------------------------------------------------------- failure artifacts


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when not in ("setup", "call") or not rep.failed:
        return
    drv = getattr(item, "_wanjia_driver", None)
    if drv is None:
        return
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(ARTIFACTS / f"{name}-failed-page.png"))
        (ARTIFACTS / f"{name}-failed-page.html").write_text(
            f"<!-- {drv.current_url} -->\n{drv.page_source}", encoding="utf-8"
        )
        base = os.environ.get("WANJIA_URL", "").rstrip("/")
        if base:
            drv.get(base + "/")
            drv.save_screenshot(str(ARTIFACTS / f"{name}-home.png"))
        rep.sections.append(("wanjia artifacts", f"saved screenshots of {item.name} under {ARTIFACTS}"))
    except Exception as e:  # never hide the real failure
        rep.sections.append(("wanjia artifacts", f"could not save screenshots: {e!r}"))
