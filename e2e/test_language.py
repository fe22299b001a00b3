"""The language chosen in the nav is kept for the user across logout/login."""

import re

from conftest import has_cjk


def logout_label(browser) -> str:
    return browser.text("form#logout-form button")


def assert_english(browser, where: str) -> None:
    assert browser.html_lang() == "en", f"{where}: html lang is {browser.html_lang()!r}"
    label = logout_label(browser)
    assert re.search(r"[A-Za-z]", label) and not has_cjk(label), f"{where}: logout button not English: {label!r}"


def assert_chinese(browser, where: str) -> None:
    assert browser.html_lang() == "zh-CN", f"{where}: html lang is {browser.html_lang()!r}"
    label = logout_label(browser)
    assert has_cjk(label), f"{where}: logout button not Chinese: {label!r}"


def test_language_choice_persists_across_logout(browser, new_user):
    user = new_user("lang")
    browser.login(user["username"], user["password"])
    assert_chinese(browser, "first login")

    browser.choose_language("en")
    assert browser.error_status() is None, f"choosing English failed: {browser.page_excerpt()}"
    assert_english(browser, "right after choosing English")
    browser.open("/")
    assert_english(browser, "home after choosing English")

    browser.logout()
    assert browser.maybe("#current-user") is None, f"still logged in after logout: {browser.page_excerpt()}"
    browser.open("/login")
    browser.submit_login(user["username"], user["password"])
    assert browser.path == "/", f"second login failed: {browser.page_excerpt()}"
    assert_english(browser, "after logging in again")

    browser.choose_language("zh-CN")
    assert browser.error_status() is None, f"choosing Chinese failed: {browser.page_excerpt()}"
    browser.open("/")
    assert_chinese(browser, "after switching back to Chinese")
