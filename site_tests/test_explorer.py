"""The α explorer (book/07_alpha_explorer.html) in headless Chromium.

It runs the lecture's gradient descent in the browser: the data must be gdlesson's, the
result the lecture's, diverging runs must not break the page, and the page must work
by keyboard, on a phone, offline and from file://. Run after building the site, e.g.
``SITE_DIR=_build/html python -m pytest site_tests/test_explorer.py``.
"""

import math
import re
from urllib.parse import urlsplit

import pytest

import gdlesson as gd

# `browser` (one headless Chromium for the session), `server` and `site` come from conftest.py

PAGE = "book/07_alpha_explorer.html"
NUMBER = r"(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|-?inf|nan)"


class Explorer:
    """The explorer freshly loaded, with every console error, page error and request it made.
    ``page``: a tab to load it in (the tests' shared tab: a new tab costs a new renderer
    process), or None for a context and tab of its own."""

    def __init__(self, browser, url, width=1280, height=900, page=None):
        self.own = page is None
        self.page = page or browser.new_context(viewport={"width": width, "height": height}).new_page()
        self.context = self.page.context
        self.problems, self.urls = [], []
        self.listeners = [("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")),
                          ("pageerror", lambda e: self.problems.append(f"page error: {e}")),
                          ("request", lambda r: self.urls.append(r.url))]
        for event, listener in self.listeners:
            self.page.on(event, listener)
        self.page.goto(url)
        self.page.wait_for_selector("#gd-explorer.gd-ready")

    def set_alpha(self, alpha):
        self.page.fill("#gd-alpha", str(alpha))

    def set_epochs(self, epochs):
        self.page.fill("#gd-epochs", str(epochs))

    def text(self, selector):
        return self.page.locator(selector).inner_text()

    def what(self):
        """The Ŵ shown in #gd-what, as two floats."""
        match = re.search(rf"Ŵ = \[{NUMBER}, {NUMBER}\]", self.text("#gd-what"))
        assert match, self.text("#gd-what")
        return [float(match.group(1)), float(match.group(2))]

    def attribute(self, selector, name):
        return self.page.locator(selector).get_attribute(name)

    def assert_clean(self):
        """No console or page errors; no request to any host but 127.0.0.1."""
        self.page.wait_for_load_state("load")
        assert self.problems == []
        foreign = [u for u in self.urls
                   if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
        assert foreign == []

    def close(self):
        if self.own:
            self.context.close()
            return
        for event, listener in self.listeners:
            self.page.remove_listener(event, listener)
        self.page.goto("about:blank")


@pytest.fixture(scope="module")
def desktop(browser):
    """One 1280 × 900 tab in which each test loads the explorer afresh."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def explorer(browser, server, desktop):
    page = Explorer(browser, f"{server}/{PAGE}", page=desktop)
    yield page
    page.close()


@pytest.fixture(scope="module")
def lecture():
    return gd.make_data()


def same_sentence(shown, expected):
    """The same sentence, numbers equal to about six digits (float64 vs float32)."""
    numbers = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]\d+)?")
    assert numbers.sub("#", shown) == numbers.sub("#", expected), (shown, expected)
    assert [float(v) for v in numbers.findall(shown)] == pytest.approx(
        [float(v) for v in numbers.findall(expected)], rel=1e-5, abs=0.011)


def test_data_is_the_lectures(explorer, lecture):
    data = explorer.page.evaluate("window.GD_DATA")
    assert data["x"] == lecture.x.tolist() and data["y"] == lecture.y.tolist()
    assert data["W_true"] == lecture.W.tolist()
    assert data["alpha_critical"] == gd.critical_alpha(lecture.X)
    assert data["alpha_best"] == gd.best_alpha(lecture.X)
    assert data["eigenvalues"] == gd.eigenvalues(lecture.X).tolist()
    assert data["W_ols"] == gd.ols(lecture.X, lecture.y).tolist()
    explorer.assert_clean()


def test_lecture_run_gives_the_lectures_What(explorer, lecture):
    explorer.set_alpha(0.005)               # away from the defaults first, then back
    explorer.set_epochs(10)
    explorer.set_alpha(0.001)
    explorer.set_epochs(30)
    assert explorer.what() == pytest.approx([2.4290, 4.0144], abs=1e-3)
    assert "30번 업데이트" in explorer.text("#gd-what")
    # the full-precision value is gdlesson's float64 gradient descent
    exact = gd.closed_form_path(lecture.X, lecture.y, What=(-5.0, 10.0), alpha=0.001, epochs=30)[-1]
    shown = [float(explorer.attribute("#gd-what", f"data-w{i}")) for i in (0, 1)]
    assert shown == pytest.approx(exact.tolist(), abs=1e-9)
    same_sentence(explorer.text("#gd-status"), gd.train(lecture.X, lecture.y).status())
    explorer.assert_clean()


def test_other_alpha_and_start_match_gdlesson(explorer, lecture):
    explorer.set_alpha(0.0066)
    explorer.set_epochs(57)
    explorer.page.fill("#gd-w0", "8")
    explorer.page.fill("#gd-w1", "-4.5")
    exact = gd.closed_form_path(lecture.X, lecture.y, What=(8.0, -4.5), alpha=0.0066, epochs=57)[-1]
    assert explorer.what() == pytest.approx(exact.tolist(), abs=1e-3)
    explorer.assert_clean()


@pytest.mark.parametrize("alpha", ["0.0001", "0.001", "0.0083", "0.0085", "0.01"])
def test_lecture_alphas_match_gdlesson(explorer, lecture, alpha):
    explorer.set_epochs(10)
    explorer.page.click(f"button[data-alpha='{alpha}']")
    explorer.set_epochs(30)
    history = gd.train(lecture.X, lecture.y, alpha=float(alpha), epochs=30, warn=False)
    assert explorer.what() == pytest.approx(history.What.tolist(), rel=1e-4, abs=1e-3)
    exact = gd.closed_form_path(lecture.X, lecture.y, alpha=float(alpha), epochs=30)[-1]
    shown = [float(explorer.attribute("#gd-what", f"data-w{i}")) for i in (0, 1)]
    assert shown == pytest.approx(exact.tolist(), rel=1e-9, abs=1e-9)
    # the same words, at the same updates, in the same sentence as gdlesson's History (its
    # numbers from float64 here, float32 there: equal to 6 digits)
    assert explorer.attribute("#gd-status", "data-outcome") == history.outcome
    same_sentence(explorer.text("#gd-status"), history.status())
    explorer.assert_clean()


def test_says_whether_alpha_is_above_or_below_the_critical_value(explorer, lecture):
    critical = f"{gd.critical_alpha(lecture.X):.6f}"
    explorer.page.click("button[data-alpha='0.0083']")
    assert explorer.page.input_value("#gd-alpha") == "0.0083"
    assert explorer.attribute("button[data-alpha='0.0083']", "aria-pressed") == "true"
    regime = explorer.text("#gd-regime")
    assert "α* 보다 큽니다" in regime and critical in regime
    explorer.set_alpha(0.0001)
    regime = explorer.text("#gd-regime")
    assert "α* 보다 작습니다" in regime and critical in regime
    explorer.assert_clean()


def test_slider_moves_by_keyboard_and_redraws(explorer):
    before = {s: explorer.attribute(s, "d") for s in ("#gd-path", "#gd-fit", "#gd-loss-line")}
    alpha_before = explorer.page.input_value("#gd-alpha")
    slider = explorer.page.locator("#gd-alpha-range")
    slider.focus()
    for _ in range(40):
        explorer.page.keyboard.press("ArrowRight")
    assert float(explorer.page.input_value("#gd-alpha")) > float(alpha_before)
    assert slider.get_attribute("aria-valuetext") == f"α = {explorer.page.input_value('#gd-alpha')}"
    after = {s: explorer.attribute(s, "d") for s in before}
    for selector in before:
        assert after[selector] != before[selector], f"{selector} did not change"
    explorer.assert_clean()


def _svg_numbers(page):
    """Every number in the explorer's SVG attributes, and any attribute with NaN/Infinity."""
    return page.evaluate("""() => {
        const bad = [], coords = [];
        for (const node of document.querySelectorAll('#gd-explorer svg *'))
            for (const a of node.attributes) {
                if (/NaN|Infinity/.test(a.value)) bad.push(node.tagName + ' ' + a.name + '=' + a.value);
                if (node.id === 'gd-path' && a.name === 'd')
                    coords.push(...(a.value.match(/-?[\\d.]+(e[-+]?\\d+)?/g) || []).map(Number));
            }
        return {bad, coords};
    }""")


@pytest.mark.parametrize("alpha, epochs, start, expected", [
    (0.01, 100, ("-5", "10"), "업데이트 5번 뒤 loss(1.147e+04)가 처음 값(8587.69)을 넘었습니다 → 발산."),
    (0.012, 100, ("3e150", "10"), "inf/nan이 되어 계산을 멈췄습니다"),
    (0.012, 5, ("1e200", "-1e200"), "epoch 1에서 값이 inf/nan"),
], ids=["lecture-0.01", "overflow-midway", "infinite-at-start"])
def test_diverging_runs_are_drawn_safely(explorer, alpha, epochs, start, expected):
    explorer.set_alpha(alpha)
    explorer.set_epochs(epochs)
    explorer.page.fill("#gd-w0", start[0])
    explorer.page.fill("#gd-w1", start[1])
    assert expected in explorer.text("#gd-status")
    assert "α* 보다 큽니다" in explorer.text("#gd-regime")
    svg = _svg_numbers(explorer.page)
    assert svg["bad"] == []
    assert all(0 <= v <= 320 for v in svg["coords"]), "path not clipped to the plot"
    explorer.assert_clean()


def test_fits_a_phone_screen(browser, server):
    phone = Explorer(browser, f"{server}/{PAGE}", width=390, height=844)
    try:
        page = phone.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("#gd-explorer").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        controls = page.locator(".gd-controls").bounding_box()
        contour = page.locator("#gd-contour-plot").bounding_box()
        assert contour["y"] >= controls["y"] + controls["height"], "the layout does not stack"
        assert contour["x"] + contour["width"] <= 390
        phone.assert_clean()
    finally:
        phone.close()


def test_works_opened_from_a_file(browser, site):
    local = Explorer(browser, (site / PAGE).resolve().as_uri())
    try:
        assert local.what() == pytest.approx([2.4290, 4.0144], abs=1e-3)
        assert local.problems == []
    finally:
        local.close()


def _script_constants(site):
    """ALPHA_MIN, ALPHA_MAX and EPOCHS_MAX as the page's script (_static/explorer.js) sets them."""
    script = (site / "_static" / "explorer.js").read_text(encoding="utf-8")
    found = {name: float(value) for name, value in
             re.findall(r"\b(ALPHA_MIN|ALPHA_MAX|EPOCHS_MAX)\s*=\s*([-+.\deE]+)", script)}
    assert set(found) == {"ALPHA_MIN", "ALPHA_MAX", "EPOCHS_MAX"}, found
    return found


def test_labels_show_the_ranges_the_script_sets(explorer, site):
    const = _script_constants(site)
    assert (const["ALPHA_MIN"], const["ALPHA_MAX"], const["EPOCHS_MAX"]) == (1e-4, 1.2e-2, 100)
    alpha_label = explorer.text("label[for='gd-alpha-range']")
    assert f"{const['ALPHA_MIN']:g} ~ {const['ALPHA_MAX']:g}" in alpha_label, alpha_label
    epochs_label = explorer.text("label[for='gd-epochs-range']")
    assert f"1 ~ {const['EPOCHS_MAX']:g}" in epochs_label, epochs_label
    assert float(explorer.attribute("#gd-alpha", "min")) == const["ALPHA_MIN"]
    assert float(explorer.attribute("#gd-alpha", "max")) == const["ALPHA_MAX"]
    for selector in ("#gd-epochs", "#gd-epochs-range"):
        assert float(explorer.attribute(selector, "min")) == 1
        assert float(explorer.attribute(selector, "max")) == const["EPOCHS_MAX"]
    explorer.assert_clean()


def test_contour_levels_halve_the_loss_above_its_minimum(explorer):
    """The caption says each level inwards halves (loss − minimum); the loss is quadratic in W,
    so each ellipse's radii are √0.5 of the one outside it."""
    assert "절반" in explorer.text("#gd-contour-caption")
    radii = explorer.page.evaluate("""() => Array.from(
        document.querySelectorAll('#gd-contour-plot .gd-levels ellipse'),
        e => [Number(e.getAttribute('rx')), Number(e.getAttribute('ry'))])""")
    assert len(radii) >= 5, radii
    for outer, inner in zip(radii, radii[1:]):
        for a, b in zip(outer, inner):      # radii are rounded to 0.01 px
            assert b / a == pytest.approx(math.sqrt(0.5), abs=0.005 / b + 1e-3), (outer, inner)
    explorer.assert_clean()
