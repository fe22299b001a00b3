"""Phone fieldwork in a real browser (SV-FIELDWORK-QUEUE, SV-FIELDWORK-OUTCOMES): the surveyor takes the next customer, completes
an interview with the keyboard-friendly form, schedules a callback, and gets that customer back
from the queue once the callback time has come."""

import datetime
import re
import time

from selenium.webdriver.common.by import By

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def current_sample(browser) -> str:
    """The sample id in the dial link of the interview on screen."""
    href = browser.find("#dial-link").get_attribute("href")
    match = re.search(r"/surveys/interview/([0-9A-Fa-f-]{36})/dial", href)
    assert match, href
    return match.group(1)


def take_next(browser) -> str:
    browser.open("/surveys/interview")
    if not browser.maybe("#customer"):
        browser.click_and_wait(browser.find("#next-customer"))
    assert browser.maybe("#customer"), browser.page_excerpt()
    return current_sample(browser)


def test_interview_callback_comes_back_at_its_time(logged_in):
    browser = logged_in("surveyor")

    # The interviewer sees the name and a masked phone, nothing else about the customer.
    first = take_next(browser)
    assert "*" in browser.text("#dial-link"), browser.page_excerpt()
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", browser.driver.page_source), "a full phone number is on the page"

    # Complete the interview: one answer per question (the second option of every scale).
    for group in browser.driver.find_elements(By.CSS_SELECTOR, "div.scale"):
        group.find_elements(By.CSS_SELECTOR, 'input[type="radio"]')[1].click()
    browser.click_and_wait(browser.find("#complete"))
    assert browser.maybe("#interview-notice"), browser.page_excerpt()
    assert not browser.maybe("#interview-message"), browser.text("#interview-message")

    # The next customer asks to be called back in a minute or two.
    callback_customer = take_next(browser)
    assert callback_customer != first
    due = (datetime.datetime.now(BEIJING) + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    browser.driver.execute_script(
        "document.getElementById('callbackAt').value = arguments[0];", due.strftime("%Y-%m-%dT%H:%M")
    )
    browser.click_and_wait(browser.find('button[name="outcome"][value="callback"]'))
    assert browser.maybe("#interview-notice"), browser.page_excerpt()

    # Before that time the queue gives somebody else; the line was busy.
    other = take_next(browser)
    assert other != callback_customer
    browser.click_and_wait(browser.find('button[name="outcome"][value="busy"]'))

    # Once the time has come, the callback is first in the queue.
    wait = (due - datetime.datetime.now(BEIJING)).total_seconds() + 2
    if wait > 0:
        time.sleep(wait)
    back = take_next(browser)
    assert back == callback_customer, browser.page_excerpt()
    assert "约定回拨" in browser.text("#customer"), browser.page_excerpt()
