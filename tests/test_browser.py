"""The built site in a real browser: every page renders without console errors, the figures load, the home page describes the dataset.

Headless Debian Chromium, driven through /usr/bin/chromedriver by selenium,
against the site served from 127.0.0.1. Skipped when mkdocs, selenium,
chromium or chromedriver is missing. The reader's page of the repository's
copy of the article is opened from a file, without the site.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_docs import SITE_PACKAGES

from conftest import SOURCE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)
#: Page (URL path) -> the figures it must show.
FIGURE_PAGES = {"charts/": ("map.svg", "timeline.svg", "network.svg")}
#: Figure -> texts of its legend and caption that must be in it (matplotlib writes each text, drawn as paths, in a comment).
FIGURE_TEXTS = {
    "map.svg": ("what the point stands for (geo_precision)", "events placed there (marker area)", "Natural Earth 1:10m Admin-0", "IRAQ"),
    "timeline.svg": ("certainty (colour) and dating (shape)", "forecast beyond publication", "(citations.published_by)"),
    "network.svg": ("relation family", "cooperative: ", "hostile: ", "structural: ", "perceptual: ", "part of (actors.parent_actor_id)"),
}
SCREENSHOTS = {"home": "", "map": "charts/"}

pytestmark = pytest.mark.slow


def _require_browser() -> None:
    pytest.importorskip("selenium", reason="the browser test needs selenium: pip install selenium")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists():
            pytest.skip(f"{tool} is not installed: apt-get install -y chromium chromium-driver")


def _require_tools() -> None:
    for name in SITE_PACKAGES:
        pytest.importorskip(name, reason=f"the docs need {name}: pip install -e '.[docs]'")
    _require_browser()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    _require_tools()
    site: Path = request.getfixturevalue("site_built")  # built once for the run, perhaps by another worker for test_docs
    return site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium, driven by selenium."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def browser(site: Path, chromium: Any) -> Any:
    """Chromium, once the site is built."""
    return chromium


def _pages(site: Path) -> list[str]:
    """URL paths of every page of the site ("" for the home page)."""
    return sorted(str(p.parent.relative_to(site)) + "/" if p.parent != site else "" for p in site.rglob("index.html"))


def _open(browser: Any, url: str) -> list[dict[str, Any]]:
    """Load ``url``, wait until it and its images are loaded, and return the console's SEVERE entries."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return Array.from(document.images).every(i => i.complete)"))
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _settle(browser: Any) -> None:
    """Wait for the page's transitions (the header's title swaps on scroll) to finish."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.getAnimations().every(a => a.playState !== 'running')"))


def test_site_has_the_expected_pages(site):
    pages = _pages(site)
    assert {"", "quickstart/", "charts/", "data-dictionary/", "codebook/", "api/", "cli/", "changelog/"} <= set(pages)


def test_every_page_renders_without_console_errors(site, base_url, browser):
    failures = []
    for page in _pages(site):
        errors = _open(browser, base_url + page)
        heading = browser.execute_script("const h = document.querySelector('article h1'); return h ? h.textContent : ''")
        resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        remote = [r for r in resources if not r.startswith((base_url, "data:", "blob:"))]
        if errors or not heading.strip() or remote:
            failures.append(f"/{page}: errors={[e['message'] for e in errors]} heading={heading!r} remote={remote}")
    assert failures == []


@pytest.mark.parametrize(("page", "figures"), FIGURE_PAGES.items())
def test_figures_are_shown(base_url, browser, page, figures):
    assert _open(browser, base_url + page) == []
    images = browser.execute_script("return Array.from(document.images).map(i => [i.src, i.complete, i.naturalWidth, i.naturalHeight])")
    for name in figures:
        shown = [img for img in images if img[0].endswith(f"figures/{name}")]
        assert shown, f"/{page} has no image figures/{name}: {images}"
        _, complete, width, height = shown[0]
        assert complete and width > 0 and height > 0, f"figures/{name} did not load on /{page}"


@pytest.mark.parametrize(("page", "figures"), FIGURE_PAGES.items())
def test_figures_render_with_their_legends(base_url, browser, page, figures):
    """Each figure, drawn onto a canvas by the browser, is not blank, and its SVG holds its legend's texts."""
    assert _open(browser, base_url + page) == []
    for name in figures:
        inked = browser.execute_script(
            """
            const img = Array.from(document.images).find(i => i.src.endsWith(arguments[0]));
            const canvas = document.createElement('canvas');
            canvas.width = 400; canvas.height = Math.round(400 * img.naturalHeight / img.naturalWidth);
            const context = canvas.getContext('2d');
            context.fillStyle = 'white'; context.fillRect(0, 0, canvas.width, canvas.height);
            context.drawImage(img, 0, 0, canvas.width, canvas.height);
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            let dark = 0;
            for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) dark++;
            return dark / (pixels.length / 4);
            """,
            f"figures/{name}",
        )
        assert inked > 0.02, f"figures/{name} renders (nearly) blank: {inked:.3f} of its pixels are drawn"
        svg = browser.execute_async_script(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));",
            base_url + page + f"../figures/{name}",
        )
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg, f"figures/{name}: {svg[:200]}"
        missing = [text for text in FIGURE_TEXTS[name] if text not in svg]
        assert missing == [], f"figures/{name} lacks its legend's texts {missing}"


def test_screenshots(base_url, browser, tmp_path):
    for name, page in SCREENSHOTS.items():
        assert _open(browser, base_url + page) == []
        if page in FIGURE_PAGES:
            browser.execute_script("document.querySelector('img[src$=\"map.svg\"]').scrollIntoView({block: 'center'})")
            _settle(browser)
        path = tmp_path / f"{name}.png"
        assert browser.save_screenshot(str(path))
        assert path.stat().st_size > 10_000
        print(f"screenshot of /{page}: {path}")


def _jsonld(browser: Any) -> list[Any]:
    """The parsed content of every ``script[type="application/ld+json"]`` of the open page."""
    import json

    texts = browser.execute_script(
        "return Array.from(document.querySelectorAll('script[type=\"application/ld+json\"]')).map(s => s.textContent)"
    )
    return [json.loads(text) for text in texts]


def test_the_home_page_describes_this_version_of_the_dataset_in_schema_org(base_url, browser):
    import yaml

    import sadr_iran_data as sid
    from sadr_iran_data import identity
    from sadr_iran_data._names import EXPORT_FORMATS

    assert _open(browser, base_url) == []
    (page,) = _jsonld(browser)
    assert (page["@context"], page["@type"]) == ("https://schema.org/", "Dataset")
    assert (page["name"], page["description"], page["version"]) == (identity.NAME, identity.DESCRIPTION, sid.__version__)
    assert page["license"] == identity.DATA_LICENSE.url
    assert [c["name"] for c in page["creator"]] == [a["name"] for a in yaml.safe_load(sid.cite("cff"))["authors"]]
    assert page["keywords"] == list(identity.KEYWORDS)
    assert page["citation"]["url"] == page["isBasedOn"] == identity.SOURCE.url
    assert page["citation"]["author"]["name"] == identity.SOURCE.author
    assert page["url"] == identity.DOCUMENTATION_URL
    release = f"{identity.PYPI_URL}{sid.__version__}/"
    assert page["identifier"] == release
    downloads = page["distribution"]
    assets = f"{identity.REPOSITORY_URL}/releases/download/v{sid.__version__}/"
    assert all(d["@type"] == "DataDownload" and d["contentUrl"].startswith(assets) and d["encodingFormat"] for d in downloads)
    assert len(downloads) == 1 + len(EXPORT_FORMATS)
    # The coverage is the data's: the span the events are dated in, the countries among the places.
    events, places = sid.load_events(), sid.load_locations()
    assert page["temporalCoverage"] == f"{events['date_start'].min().date()}/{events['date_end'].max().date()}"
    countries = set(places.loc[places["location_type"] == "country", "name"])
    assert {place["name"] for place in page["spatialCoverage"]} == countries
    assert all(place["@type"] == "Place" and place["geo"]["@type"] == "GeoCoordinates" for place in page["spatialCoverage"])


def test_only_the_home_page_carries_the_dataset_description(base_url, browser):
    for page in ("quickstart/", "cli/"):
        assert _open(browser, base_url + page) == []
        assert _jsonld(browser) == []


# --------------------------------------------------------------------------
# The reader's page of the article
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reader_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sadr_iran_data as sid

    if not SOURCE.exists():
        pytest.skip("the article's text is only in a clone of the repository")
    return sid.reader(SOURCE, tmp_path_factory.mktemp("reader") / "article.html")


def test_the_reader_shows_every_quote_highlighted_and_loads_nothing(chromium, reader_page):
    import sadr_iran_data as sid

    assert _open(chromium, reader_page.as_uri()) == []
    assert chromium.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == []
    anchors = chromium.execute_script("return Array.from(document.querySelectorAll('#text span.at')).map(a => a.id)")
    assert set(sid.load_evidence()["evidence_id"]) | set(sid.load_cues()["cue_id"]) == set(anchors)
    shaded = chromium.execute_script(
        "return Array.from(document.querySelectorAll('#text mark.d1, #text mark.d2, #text mark.d3'))"
        ".map(m => getComputedStyle(m).backgroundColor)"
    )
    assert shaded and all(colour not in ("rgba(0, 0, 0, 0)", "transparent") for colour in shaded)
    text = chromium.execute_script("return document.getElementById('text').textContent")
    assert text == SOURCE.read_text(encoding="utf-8")


def test_a_highlight_lists_its_rows_and_leads_to_their_cards(chromium, reader_page):
    from selenium.webdriver.common.by import By

    assert _open(chromium, reader_page.as_uri()) == []
    quote = chromium.find_element(By.ID, "evt-0003").find_element(By.CSS_SELECTOR, "a.quote-link")
    evidence_id = quote.get_attribute("href").rpartition("#")[2]
    mark = chromium.find_element(By.CSS_SELECTOR, f'#text mark.q[data-e~="{evidence_id}"]')
    mark.click()
    pop = chromium.find_element(By.ID, "pop")
    assert pop.is_displayed()
    links = [a.get_attribute("href").rpartition("#")[2] for a in pop.find_elements(By.TAG_NAME, "a")]
    assert "evt-0003" in links
    card = chromium.find_element(By.ID, "evt-0003")
    assert "lit" in card.get_attribute("class").split()
    pop.find_elements(By.TAG_NAME, "a")[links.index("evt-0003")].click()
    assert chromium.execute_script("return location.hash") == "#evt-0003"
    assert card.is_displayed() and chromium.execute_script("return document.querySelector(':target').id") == "evt-0003"
    rows = [r.find_element(By.TAG_NAME, "th").text for r in card.find_elements(By.CSS_SELECTOR, "table.coded tr:not(.head)")]
    assert rows[:2] == ["event_type", "certainty"] and "initiator (actor_id)" in rows


def test_pointing_at_a_card_lights_up_its_words_and_the_filter_keeps_the_matching_cards(chromium, reader_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    assert _open(chromium, reader_page.as_uri()) == []
    card = chromium.find_element(By.ID, "act-qods-force")
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    ActionChains(chromium).move_to_element(card).perform()
    lit = chromium.execute_script("return document.querySelectorAll('#text mark.lit').length")
    assert lit > 0
    field = chromium.find_element(By.ID, "filter")
    field.send_keys("Qods")
    shown = chromium.execute_script(
        "return Array.from(document.querySelectorAll('.card')).filter(c => c.offsetParent !== null).map(c => c.id)"
    )
    assert "act-qods-force" in shown and "loc-najaf" not in shown
