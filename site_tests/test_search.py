"""The site's search finds Korean words followed by particles or inside compounds, and
English and code words as before (see ``_ext/korean_search.py``), in a real browser."""

import html
import re
from urllib.parse import quote, urlparse

import pytest

from conftest import BOOK_PAGES


# a lecture page each term must lead to, whatever else the pages say
EXAMPLES = {
    "손실": "book/02_loss_and_gradient",         # as 손실을, 손실함수, 손실함수를 …
    "학습률": "book/05_learning_rate",          # as 학습률이, 학습률을 …
    "경사하강법": "book/02_loss_and_gradient",   # as 경사하강법을, 경사하강법이 …
    "미분": "book/03_training",                  # as 미분을, 미분하라 …
    "backward": "book/02_loss_and_gradient",    # loss.backward()
    "requires_grad": "book/02_loss_and_gradient",
    "alpha": "book/05_learning_rate",           # alpha만, alpha=…
}
# a query with a particle or an ending finds what its stem finds
INFLECTED = {"손실을": "손실", "학습률이": "학습률", "경사하강법을": "경사하강법", "미분하라": "미분"}


def _main_text(site, page):
    """The text of a page's article (no navigation, scripts or styles)."""
    source = (site / f"{page}.html").read_text(encoding="utf-8")
    article = re.search(r'<article class="bd-article">.*?</article>', source, re.S).group(0)
    article = re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


@pytest.fixture(scope="module")
def search(browser, server):
    """Run a query on search.html: (result pages, console errors). One page for the module's
    queries (each a new load of search.html, sharing the browser's cache)."""
    context = browser.new_context()
    page = context.new_page()
    errors, seen = [], {}
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def run(query, typed=False):
        if not typed and query in seen:          # the same query gives the same answer
            return seen[query]
        errors.clear()
        if typed:
            page.goto(f"{server}/search.html")
            box = page.locator('input[name="q"]:visible').first  # the form above the results
            box.fill(query)
            box.press("Enter")
        else:
            page.goto(f"{server}/search.html?q={quote(query)}")
        page.wait_for_function("() => document.querySelector('#search-results p.search-summary')"
                               "?.innerText.length > 0", timeout=15_000)
        page.wait_for_load_state("networkidle")  # the result summaries are fetched afterwards
        hrefs = page.eval_on_selector_all("#search-results ul.search li > a", "els => els.map(a => a.href)")
        found = {urlparse(h).path.lstrip("/").removesuffix(".html") for h in hrefs}
        if not typed:
            seen[query] = found, list(errors)
        return found, list(errors)

    yield run
    context.close()


@pytest.mark.parametrize("term", sorted(EXAMPLES))
def test_search_finds_every_lecture_page_with_the_term(site, search, term):
    having = {p for p in BOOK_PAGES if term in _main_text(site, p)}
    assert EXAMPLES[term] in having, f"{EXAMPLES[term]} no longer says {term}"
    found, errors = search(term)
    assert having <= found, f"{term}: missing {sorted(having - found)}"
    unrelated = {p for p in found if term.lower() not in _main_text(site, p).lower()}
    assert not unrelated, f"{term}: found pages without it: {sorted(unrelated)}"
    assert not errors, errors


@pytest.mark.parametrize("query", sorted(INFLECTED))
def test_particles_and_endings_in_the_query_are_ignored(search, query):
    found, errors = search(query)
    assert found and found == search(INFLECTED[query])[0]
    assert not errors, errors


def test_typing_in_the_search_box(search):
    found, errors = search("손실", typed=True)
    assert EXAMPLES["손실"] in found
    assert not errors, errors
