"""Forms posted without a valid CSRF token are refused with the 403 page."""


def test_form_without_csrf_token_is_refused(logged_in):
    browser = logged_in("staff")
    assert browser.html_lang() == "zh-CN"
    tokens = browser.driver.find_elements("css selector", 'form#language-form input[name="csrfToken"]')
    assert tokens and tokens[0].get_attribute("type") == "hidden" and tokens[0].get_attribute("value"), (
        "language form has no hidden csrfToken input"
    )
    removed = browser.driver.execute_script(
        "const inputs = document.querySelectorAll('form#language-form input[name=csrfToken]');"
        "inputs.forEach(e => e.remove()); return inputs.length;"
    )
    assert removed >= 1
    browser.choose_language("en")
    assert browser.error_status() == "403", f"no 403 page without csrfToken: {browser.page_excerpt()}"

    # The real HTTP status is 403 too, with no token and with a forged one.
    session = browser.cookie_session()
    for data in ({"locale": "en"}, {"locale": "en", "csrfToken": "forged-token"}):
        r = session.post(browser.base_url + "/preferences/language", data=data, allow_redirects=False, timeout=10)
        assert r.status_code == 403, f"POST /preferences/language {data}: {r.status_code} {r.text[:300]}"

    # And the language did not change.
    browser.open("/")
    assert browser.maybe("#current-user") is not None, f"logged out by the refused post? {browser.page_excerpt()}"
    assert browser.html_lang() == "zh-CN", "language changed although the post had no CSRF token"
