"""Supply reliability in the browser (rules REL-…): the page shows the IEEE 1366 and DL/T 836
indices from the demo's five years of interruption history with the daily SAIDI chart, and each
count opens the list of exactly the interruptions it counts (KPI-DRILL-DOWN)."""

from selenium.webdriver.common.by import By


def rows_listed(browser, href: str) -> int:
    browser.driver.get(href)
    browser._wait_loaded()
    assert browser.maybe("#interruptions-summary") is not None, browser.page_excerpt()
    return len(browser.driver.find_elements(By.CSS_SELECTOR, "#reliability-interruptions tbody tr"))


def test_reliability_page_shows_indices_and_counts_link_to_their_interruptions(logged_in):
    browser = logged_in("leader")
    browser.open("/")
    nav = [a.get_attribute("href") for a in browser.driver.find_elements(By.CSS_SELECTOR, "nav a")]
    assert any(h and h.endswith("/reliability") for h in nav), nav
    browser.open("/reliability?from=2026-01-01&to=2026-11-30")
    ieee = browser.find("#reliability-ieee").text
    assert "SAIFI" in ieee and "SAIDI" in ieee, browser.page_excerpt()
    assert browser.find("#reliability-dlt").text.count("%") >= 6
    assert browser.maybe("#reliability-daily svg") is not None
    # Storm days stand out as Major Event Days, marked in the chart.
    assert browser.maybe("#major-days-link") is not None, browser.find("#reliability-med").text
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#reliability-daily rect.flagged")
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, "#reliability-months tbody tr")) == 11
    counts = []
    for link in browser.driver.find_elements(By.CSS_SELECTOR, "#reliability-ieee a, #reliability-dlt a, #reliability-faults a"):
        counts.append((int(link.text), link.get_attribute("href")))
    assert len(counts) == 7, counts
    assert counts[0][0] > 100, counts
    for count, href in counts:
        if count <= 2000:
            assert rows_listed(browser, href) == count, href
    # A unit below: its own page and the same drill-down.
    browser.open("/reliability?from=2026-01-01&to=2026-11-30")
    child = browser.find("#reliability-units tbody tr td a")
    browser.click_and_wait(child)
    assert "unitId=" in browser.driver.current_url
    month = browser.find("#reliability-months tbody tr td a")
    count, href = int(month.text), month.get_attribute("href")
    assert rows_listed(browser, href) == count
