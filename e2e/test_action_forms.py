"""The order page's action forms: a refused form comes back open with what was
typed and the error beside its field — for every action that takes input."""

import datetime

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from fixtures import Orders, chinese_text, new_customer


def fill(form, fields: dict) -> None:
    for name, value in fields.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        elif field.get_attribute("type") == "datetime-local":
            form.parent.execute_script("arguments[0].value = arguments[1];", field, value)
        elif field.get_attribute("type") in ("checkbox", "radio"):
            form.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()
        else:
            field.clear()
            field.send_keys(value)


def soon(days: int) -> str:
    return (datetime.datetime.now() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


REASON = chinese_text(120, seed=7, marker="原因")
NOTE = chinese_text(80, seed=8, marker="回访")
# (who, stage, action, typed, error field, typed values that must come back)
CASES = [
    ("lead", "review", "sendBackToAgent", {}, "reason", {}),
    ("handler", "dispatched", "returnByUnit", {"reason": REASON}, "confirm", {"reason": REASON}),
    ("handler", "handling", "pauseForCustomer", {}, "reason", {}),
    ("handler", "handling", "requestExtension", {"reason": REASON, "newDue": soon(90), "customerInformed": "on"}, "newDue",
     {"reason": REASON, "newDue": soon(90)}),
    ("handler", "handling", "requestExtension", {"reason": REASON, "newDue": soon(3)}, "customerInformed",
     {"reason": REASON, "newDue": soon(3)}),
    ("handler", "handling", "raiseSeverity", {"severity": "major"}, "reason", {"severity": "major"}),
    ("reviewer", "handling", "transferToDiscipline", {"reason": REASON}, "confirm", {"reason": REASON}),
    ("lead", "handling-serious", "fileSameDayReport", {}, "summary", {}),
    ("reviewer", "replied", "sendBackReply", {}, "reason", {}),
    ("agent", "visit", "recordReturnVisit", {"note": NOTE}, "satisfied", {"note": NOTE}),
    ("agent", "visit", "recordReturnVisit", {"satisfied": "no"}, "note", {}),
    ("reviewer", "extension", "rejectExtension", {}, "reason", {}),
    ("reviewer", "discipline", "concludeInspection", {}, "summary", {}),
    ("agent", "duplicate", "mergeInto", {}, "confirm", {}),
]


@pytest.mark.parametrize("who,stage,action,typed,field,kept", CASES, ids=[f"{c[2]}-{c[4]}" for c in CASES])
def test_refused_form_keeps_input(logged_in, api_as, who, stage, action, typed, field, kept):
    unit = api_as("handler").me()["unit"]["id"]
    orders = Orders(api_as, unit)
    if stage == "handling-serious":
        order = orders.bring(orders.file(severity="serious"), "handling")
    elif stage == "extension":
        order = orders.bring(orders.file(), "handling")
        order = orders.act("handler", order, action="requestExtension", reason="需线路勘察", customerInformed=True,
                           newDue=(datetime.datetime.now().astimezone().replace(microsecond=0) + datetime.timedelta(days=12)).isoformat())
    elif stage == "discipline":
        order = orders.act("reviewer", orders.bring(orders.file(), "handling"), action="transferToDiscipline", reason="涉嫌收受礼品")
    elif stage == "duplicate":
        customer = new_customer()
        orders.file(customer=customer)
        order = orders.file(customer=customer)
    elif stage == "review":
        order = orders.file()
    else:
        order = orders.bring(orders.file(), stage)

    browser = logged_in(who)
    browser.open(f"/work-orders/{order['id']}")
    form = browser.find(f'form.action[data-action="{action}"]')
    fill(form, typed)
    browser.click_and_wait(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))

    assert browser.maybe("#action-error") is not None, browser.page_excerpt()
    form = browser.find(f'form.action[data-action="{action}"]')
    assert "refused" in form.get_attribute("class")
    error = form.find_elements(By.ID, f"error-{action}-{field}")
    assert error and error[0].text.strip(), f"no error beside {field}: {browser.page_excerpt(1200)}"
    for name, value in kept.items():
        element = form.find_element(By.NAME, name)
        shown = Select(element).first_selected_option.get_attribute("value") if element.tag_name == "select" \
            else element.get_attribute("value")
        assert shown == value, f"{name}: {shown[:40]!r} instead of {value[:40]!r}"
    if typed.get("customerInformed"):
        assert form.find_element(By.NAME, "customerInformed").is_selected()
