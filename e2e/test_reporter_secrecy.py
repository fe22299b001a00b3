"""A report's (举报) reporter stays secret (rule WO-REPORT-SECRECY): an agent who files a complaint
for a customer who has also reported misconduct sees no trace of the report — not in the hint
while typing the customer's phone at intake, not among the complaint's repeat contacts, not in
the queue or its export. An administrator, cleared to see reporters, sees it everywhere."""

from selenium.webdriver.support.ui import WebDriverWait

from fixtures import Orders, new_customer


def file_both(api_as):
    unit = api_as("handler").me()["unit"]["id"]
    orders = Orders(api_as, unit)
    customer = new_customer()
    report = orders.file("report", customer=customer)
    complaint = orders.file("complaint", customer=customer)
    return customer, report, complaint


def test_agent_sees_no_trace_of_a_report(logged_in, api_as):
    customer, report, complaint = file_both(api_as)
    browser = logged_in("agent")

    # Intake: typing the phone shows the customer's open complaint, never the report.
    browser.open("/work-orders/new")
    browser.find("#customerPhone").send_keys(customer["phone"])
    WebDriverWait(browser.driver, 10).until(lambda d: complaint["number"] in browser.text("#repeat-contacts-list"))
    assert report["number"] not in browser.text("#repeat-contacts-list")

    # The complaint's page: repeat contacts and merge candidates leave the report out.
    browser.open(f"/work-orders/{complaint['id']}")
    assert report["number"] not in browser.driver.page_source

    # The report's own page is not the agent's to open through a link, and the queue and its
    # export do not list it.
    browser.open("/work-orders?view=all")
    assert complaint["number"] in browser.driver.page_source
    assert report["number"] not in browser.driver.page_source
    csv = browser.cookie_session().get(browser.base_url + "/exports/work-orders.csv?view=all", timeout=30)
    assert csv.status_code == 200 and complaint["number"] in csv.text
    assert report["number"] not in csv.text


def test_admin_sees_the_report(logged_in, api_as):
    customer, report, complaint = file_both(api_as)
    browser = logged_in("admin")
    browser.open(f"/work-orders/{complaint['id']}")
    assert report["number"] in browser.driver.page_source
