"""Every number on the KPI dashboard opens the list of exactly the orders it counts (KPI-DRILL-DOWN):
the count shown equals the orders listed, numerator and denominator alike."""

from fixtures import Orders


def listed(browser, href: str) -> list[str]:
    browser.driver.get(href)
    browser._wait_loaded()
    numbers = []
    while True:
        numbers += [a.text.strip() for a in browser.driver.find_elements("css selector", "#work-order-list a.order-number")]
        nxt = browser.maybe("#next-page")
        if not nxt:
            return numbers
        browser.click_and_wait(nxt)


def test_each_figure_lists_what_it_counts(logged_in, api_as):
    unit = api_as("handler").me()["unit"]["id"]
    orders = Orders(api_as, unit)
    # Something in every figure: a closed complaint, one under way, a report.
    closed = orders.bring(orders.file(), "visit")
    orders.act("agent", closed, action="recordReturnVisit", satisfied=True, note="客户满意")
    orders.bring(orders.file(), "handling")
    orders.file("report")

    browser = logged_in("lead")
    browser.open(f"/kpi/work-orders?unitId={unit}")
    figures = []
    for card in browser.driver.find_elements("css selector", "#kpi-figures .figure"):
        measure = card.get_attribute("data-measure")
        counted = card.find_element("css selector", "a.counted")
        bases = card.find_elements("css selector", "a.base")
        figures.append((measure, int(counted.text), counted.get_attribute("href"),
                        int(bases[0].text) if bases else None, bases[0].get_attribute("href") if bases else None))
    assert len(figures) == 13, figures
    assert any(count > 0 for _, count, _, _, _ in figures)
    for measure, count, href, base, base_href in figures:
        got = listed(browser, href)
        assert len(got) == count, f"{measure}: shows {count}, lists {len(got)}"
        assert len(set(got)) == len(got), f"{measure}: an order listed twice"
        assert browser.maybe("#kpi-drill") is not None, browser.page_excerpt()
        if base_href:
            got_base = listed(browser, base_href)
            assert len(got_base) == base, f"{measure} denominator: shows {base}, lists {len(got_base)}"
            assert set(got) <= set(got_base), f"{measure}: numerator not within the denominator"
