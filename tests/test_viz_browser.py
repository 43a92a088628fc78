"""The interactive view in a real browser: headless Chromium driven by Selenium, the page opened from
a file:// URL with no network.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium chromium-driver``)
and the ``selenium`` package; skipped, with the reason, when /usr/bin/chromium is missing.
A screenshot of the page is left in ``test-artifacts/``.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.builder import build
from kg.network import entity_graph
from kg.store import open_store
from kg.viz import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "network"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WCO = "https://w3id.org/release-kg/id/org/world-customs-organization"

IMG = '<img src=x onerror="document.title=\'pwned\'">'
SCRIPT = "</script><script>document.title='pwned'</script>"
ALERT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: apt-get install -y chromium chromium-driver")
    if not CHROMEDRIVER.exists():
        pytest.skip("no /usr/bin/chromedriver: apt-get install -y chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-default-apps", "--no-default-browser-check", f"--user-data-dir={profile}",
                "--window-size=1400,900"):
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    d.set_page_load_timeout(60)
    try:
        yield d
    finally:
        d.quit()


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> nx.MultiDiGraph:
    store_path = tmp_path_factory.mktemp("viz") / "store"
    report = build([FIXTURES], store_path, jobs=1)
    assert report.added == 4 and not report.quarantined
    with open_store(store_path, create=False) as store:
        return entity_graph(store, evidence=True)


def open_page(driver, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!(window.kgView && window.kgView.ready)"))


def view(driver, call: str):
    return driver.execute_script(f"return window.kgView.{call};")


def details_text(driver) -> str:
    return driver.find_element("id", "details").text


def test_page_shows_the_graph_and_its_facts(driver, graph, tmp_path):
    page = render_html(graph, tmp_path / "graph.html")
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.split("<script")[0] and "src=" not in html  # nothing to fetch
    open_page(driver, page)
    n = graph.number_of_nodes()
    assert view(driver, "nodeCount()") == n
    assert view(driver, "drawnCount()") == n  # every node on the canvas at the start
    assert view(driver, "visibleCount()") == n
    assert view(driver, "edgeCount()") == graph.number_of_edges()

    found = view(driver, "search('WCO')")
    assert WCO in found
    assert "World Customs Organization" in driver.find_element("id", "results").text

    topics = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "topic")
    assert view(driver, "setTypeFilter('topic', false)") == n - topics
    assert view(driver, "visibleCount()") == n - topics
    box = driver.find_element("css selector", "#types input[data-type='topic']")
    assert not box.is_selected()
    box.click()  # the checkbox itself turns the type back on
    assert view(driver, "visibleCount()") == n

    in_2022 = sum(1 for _, d in graph.nodes(data=True) if d["first_year"] <= 2022 <= d["last_year"])
    assert view(driver, "setYearRange(2022, 2022)") == in_2022 < n
    assert view(driver, "setYearRange(2000, 2030)") == n

    # a real click on the node, as a person would
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("id", "view")
    x, y = view(driver, f"screenOf('{WCO}')")
    rect = driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - rect[0] / 2), int(y - rect[1] / 2)).click().perform()
    assert view(driver, "selected()") == WCO
    text = details_text(driver)
    assert "World Customs Organization" in text and "participated in" in text
    assert "The World Customs Organization (WCO) attended the conference." in text  # evidence sentence
    assert "INTERPOL hosts global conference on illicit trade" in text  # the release behind it

    assert view(driver, "select('https://w3id.org/release-kg/id/place/2761369')") is True  # Vienna
    text = details_text(driver)
    assert "Vienna" in text and "contained in" in text and "Austria" in text

    ARTIFACTS.mkdir(exist_ok=True)
    view(driver, "search('WCO')")
    view(driver, f"select('{WCO}')")
    driver.save_screenshot(str(ARTIFACTS / "viz-network-fixture.png"))
    assert (ARTIFACTS / "viz-network-fixture.png").stat().st_size > 10_000


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name=f"hostile {SCRIPT}")
    G.graph["releases"] = {
        "r1": {"title": f"Release {IMG}", "date": "2021-01-01", "url": "javascript:document.title='pwned'"},
        "r2": {"title": f"Second {ALERT}", "date": "2021-02-01", "url": "https://example.org/r2"},
    }
    G.add_node("org:img", label=f"Evil {IMG} Org", type="organization", alt_names=[SCRIPT], releases=["r1"],
               first_year=2021, last_year=2021, evidence=[("r1", f"The sentence {IMG} {SCRIPT} says so.")])
    G.add_node("org:script", label=f"Other {SCRIPT} Org", type="organization", alt_names=[], releases=["r2"],
               first_year=2021, last_year=2021)
    G.add_node(f"event:{ALERT}", label=f"Meeting {ALERT}", type="event", releases=["r1", "r2"], first_year=2021,
               last_year=2021, start="2021-01-01", end="2021-01-02")
    G.add_edge("org:img", f"event:{ALERT}", key="participated in", relation="participated in", weight=1,
               releases=["r1"], evidence=[("r1", f"Evil {IMG} attended {ALERT}.")])
    G.add_edge("org:script", f"event:{ALERT}", key="participated in", relation="participated in", weight=1,
               releases=["r2"], evidence=[("r2", "\u2028line\u2029separators & ampersands")])
    return G


def test_hostile_labels_are_text_not_code(driver, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    G = hostile_graph()
    page = render_html(G, tmp_path / "hostile.html", title="Hostile labels")
    html = page.read_text(encoding="utf-8")
    assert "<img" not in html and html.count("</script>") == 2  # only the page's own two script elements
    open_page(driver, page)
    assert driver.title == "Hostile labels"
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert driver.execute_script("return document.scripts.length") == 2
    assert view(driver, "nodeCount()") == 3

    assert view(driver, "search('onerror')") == ["org:img"]
    assert f"Evil {IMG} Org" in driver.find_element("id", "results").text
    assert view(driver, "search('</script>')") == [f"event:{ALERT}", "org:img", "org:script"]  # by degree
    assert view(driver, "select('org:img')") is True
    text = details_text(driver)
    assert f"Evil {IMG} Org" in text
    assert SCRIPT in text  # the alternate name, verbatim
    assert f"The sentence {IMG} {SCRIPT} says so." in text
    assert f"Evil {IMG} attended {ALERT}." in text
    assert f"Release {IMG}" in text
    # a javascript: link is not a link; an https one is
    assert driver.execute_script("return document.querySelectorAll('#details a').length") == 0
    view(driver, f"select('event:{ALERT}')")
    assert f"Meeting {ALERT}" in details_text(driver)
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('#details a')).map(a => a.href)")
    assert hrefs and all(h == "https://example.org/r2" for h in hrefs)
    assert "separators & ampersands" in details_text(driver)

    assert driver.title == "Hostile labels"
    assert driver.execute_script("return document.title") != "pwned"
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "viz-hostile-labels.png"))
