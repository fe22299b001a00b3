"""Staff scorecards (ACC-SCORE-…) in the browser: the demo handler opens their own card for the
half-year, sees every kind of point with its record, and follows a complaint to its order and an
imported result to its row; a lead's list links each figure to the person's card."""

from __future__ import annotations

from selenium.webdriver.common.by import By


def half_year(browser) -> str:
    links = [a for a in browser.driver.find_elements(By.CSS_SELECTOR, "#scorecard-period a.button") if "-H" in a.text]
    assert links, browser.page_excerpt()
    return links[0].get_attribute("href")


def test_handler_follows_points_to_their_records(logged_in, driver):
    browser = logged_in("handler")
    browser.open("/accountability/scorecard")
    assert browser.find("#scorecard-total").get_attribute("data-grade") in ("excellent", "pass", "fail")
    card = half_year(browser)
    driver.get(card)
    parts = driver.find_elements(By.CSS_SELECTOR, "section.scorecard-part")
    assert [p.get_attribute("id") for p in parts] == ["part-service_quality", "part-ability_attitude", "part-safety"], browser.page_excerpt()
    quality = browser.find("#part-service_quality").text
    for kind in ("属实投诉", "回访不满意", "环节超时", "明查暗访问题"):
        assert kind in quality, f"{kind} missing: {quality[:600]}"
    ability = browser.find("#part-ability_attitude")
    assert "培训考试成绩" in ability.text and "营业厅服务规范培训考试" in ability.text

    # A complaint's point opens its work order.
    complaint = next(
        r for r in driver.find_elements(By.CSS_SELECTOR, "#part-service_quality tr.deduction") if "属实投诉" in r.text
    )
    number = complaint.find_element(By.CSS_SELECTOR, "a").text
    browser.click_and_wait(complaint.find_element(By.CSS_SELECTOR, "a"))
    assert browser.path.startswith("/work-orders/"), browser.page_excerpt()
    assert number in driver.page_source

    # The imported training result opens its imported row.
    driver.get(card)
    row = browser.find("#part-ability_attitude tr.basis a")
    href = row.get_attribute("href")
    assert "/accountability/scores#score-" in href
    browser.click_and_wait(row)
    anchor = href.split("#", 1)[1]
    imported = browser.find(f"#{anchor}")
    assert "营业厅服务规范培训考试" in imported.text and "86.0" in imported.text


def test_lead_list_links_each_figure_to_the_card(logged_in, driver):
    browser = logged_in("hr")
    browser.open("/accountability/scorecards")
    rows = driver.find_elements(By.CSS_SELECTOR, "#scorecards-table tbody tr")
    grades = {r.get_attribute("data-grade") for r in rows}
    assert {"excellent", "fail"} <= grades, browser.page_excerpt()
    failing = next(r for r in rows if "赵立新" in r.text)
    link = failing.find_element(By.CSS_SELECTOR, "td.total a")
    browser.click_and_wait(link)
    assert browser.path == "/accountability/scorecard", browser.page_excerpt()
    assert "赵立新" in browser.find("h1").text
    assert browser.find("#scorecard-total").get_attribute("data-grade") == "fail"
