"""Pages laid out for people: every main page of every role at 1366×768 and on
a 390-px phone: the page body never scrolls sideways (wide tables scroll in their own box), every
form label sits above its field, the navigation stays on screen, and chart text on the
dashboards is at least 11 px at the desktop width."""

from __future__ import annotations

import pytest

from conftest import DEMO_USERS, Api, create_token

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}

# Horizontal overflow of the page, the labels that are not above their fields, and nav links
# that fall outside the screen, measured by the browser itself.
MEASURE = r"""
const doc = document.documentElement;
const overflow = doc.scrollWidth - doc.clientWidth;
function textRect(label) {
  for (const node of label.childNodes) {
    if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    }
  }
  return label.getBoundingClientRect();
}
const misplaced = [];
for (const label of document.querySelectorAll("main label")) {
  if (label.closest("[hidden]") || label.offsetParent === null) continue;
  const field = label.control;
  if (!field || field.type === "checkbox" || field.type === "radio" || field.type === "hidden") continue;
  if (field.offsetParent === null) continue;
  const text = textRect(label);
  const box = field.getBoundingClientRect();
  if (text.bottom > box.top + 2) misplaced.push(label.textContent.trim().slice(0, 30));
}
const offscreen = [...document.querySelectorAll(".mainnav a, .tools button")]
  .filter(a => { const r = a.getBoundingClientRect(); return r.right > doc.clientWidth + 1 || r.left < -1; })
  .map(a => a.textContent.trim());
return {overflow, misplaced, offscreen};
"""

# Rendered size of chart text: the font size times the SVG's scale on screen.
CHART_TEXT = r"""
const small = [];
for (const svg of document.querySelectorAll(".chart svg")) {
  const scale = svg.getScreenCTM().a;
  for (const t of svg.querySelectorAll("text")) {
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (t.getBoundingClientRect().width > 0 && size < 10.95) small.push(t.textContent + " " + size.toFixed(1));
  }
}
return {charts: document.querySelectorAll(".chart svg").length, small};
"""


def check_page(browser, where: str) -> None:
    assert browser.error_status() is None, f"{where}: {browser.page_excerpt()}"
    found = browser.driver.execute_script(MEASURE)
    assert found["overflow"] <= 0, f"{where}: page body scrolls sideways by {found['overflow']} px"
    assert not found["misplaced"], f"{where}: labels not above their fields: {found['misplaced']}"
    assert not found["offscreen"], f"{where}: navigation off screen: {found['offscreen']}"


def main_pages(browser) -> list[str]:
    """The pages the role's navigation leads to."""
    links = browser.driver.execute_script(
        "return [...document.querySelectorAll('.mainnav a')].map(a => a.getAttribute('href'));"
    )
    assert links, f"no navigation: {browser.page_excerpt()}"
    return links


@pytest.mark.parametrize("size", SIZES)
def test_login_page_labels_above_fields(browser, size):
    browser.driver.set_window_size(*SIZES[size])
    browser.open("/login")
    check_page(browser, f"login at {size}")
    found = browser.driver.execute_script(MEASURE)
    assert found["misplaced"] == []
    labels = browser.driver.execute_script("return document.querySelectorAll('#login-form label').length")
    assert labels == 2


@pytest.mark.parametrize("user", DEMO_USERS)
def test_every_main_page_of_each_role_fits(logged_in, user):
    browser = logged_in(user)
    pages = main_pages(browser)
    for size, (width, height) in SIZES.items():
        browser.driver.set_window_size(width, height)
        for path in pages:
            browser.open(path)
            check_page(browser, f"{user} {path} at {size}")


@pytest.mark.parametrize("size", SIZES)
def test_handler_work_order_page_fits(logged_in, base_url, demo_password, size):
    api = Api(base_url, create_token(base_url, "handler", demo_password))
    orders = api.get_json("/api/v1/work-orders")["items"]
    assert orders
    browser = logged_in("handler")
    browser.driver.set_window_size(*SIZES[size])
    for order in orders[:3]:
        browser.open(f"/work-orders/{order['id']}")
        check_page(browser, f"work order {order['number']} at {size}")
        assert browser.find("#attachment-file").is_displayed()


def test_chart_text_at_least_11px_at_desktop_width(logged_in, base_url, demo_password):
    browser = logged_in("leader")
    browser.driver.set_window_size(*SIZES["desktop"])
    waves = Api(base_url, create_token(base_url, "leader", demo_password)).get_json("/api/v1/survey-waves")
    items = waves["items"] if isinstance(waves, dict) else waves
    paths = ["/kpi/work-orders"] + [f"/surveys/waves/{w['id']}/{page}" for w in items[:1] for page in ("scores", "report")]
    for path in paths:
        browser.open(path)
        found = browser.driver.execute_script(CHART_TEXT)
        assert found["charts"] > 0, f"{path}: no charts"
        assert not found["small"], f"{path}: chart text under 11 px: {found['small'][:10]}"
        captions = [c.text for c in browser.driver.find_elements("css selector", ".chart figcaption")]
        assert captions and all(captions), f"{path}: charts without a visible title: {captions}"
