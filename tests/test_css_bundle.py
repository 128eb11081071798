"""The site's one stylesheet (``_ext/gdsite/css_bundle.py``): which rules stay, where its
``url()``s point, and the order of its files; on small sites written here, no build needed."""

from pathlib import Path
from types import SimpleNamespace

import pytest
import tinycss2

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite import css_bundle

PAGE = """<!DOCTYPE html><html lang="ko" data-theme="light"><head>
<script src="../_static/menu.js"></script>
<script>document.body.classList.add("scrolled")</script></head>
<body><nav id="site-nav" class="bd-sidebar d-flex"><a href="#x">x</a></nav>
<p>본문</p><svg><path d="M0 0"/></svg></body></html>"""
MENU_JS = 'button.addEventListener("click", () => nav.classList.toggle("show"));'


def _site(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "book" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "_static" / "menu.js").write_text(MENU_JS, encoding="utf-8")
    return tmp_path


def _kept(css, names):
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    return css_bundle.trim_rules(rules, names, "_static", "_static", css_bundle.Tally())


def test_the_names_come_from_the_pages_and_the_scripts_they_load(tmp_path):
    names = css_bundle.site_names(_site(tmp_path))
    assert {"nav", "p", "svg", "path", "a"} <= names.tags
    assert {"bd-sidebar", "d-flex"} <= names.classes and "site-nav" in names.ids
    assert "data-theme" in names.attributes
    assert names.has_class("show")          # added by menu.js, which the page loads
    assert names.has_class("scrolled")      # added by the page's inline script
    assert not names.has_class("carousel") and not names.has_tag("table")


def test_a_rule_stays_when_one_of_its_selectors_can_match(tmp_path):
    names = css_bundle.site_names(_site(tmp_path))
    css = (".carousel{color:red}"
           ".modal,.bd-sidebar.show{color:blue}"
           "html[data-theme=dark] .bd-sidebar{color:white}"
           "table td{color:green}"
           "#site-nav > a:hover::after{content:'x'}"
           "#other{color:gray}"
           "[data-bs-theme=dark]{color:black}"
           "p:not(.carousel){margin:0}")
    kept = _kept(css, names)
    assert ".carousel{" not in kept and ".modal" not in kept and "table td" not in kept
    assert "#other" not in kept and "data-bs-theme" not in kept
    assert ".bd-sidebar.show{color:blue}" in kept                  # the list loses .modal only
    assert "html[data-theme=dark] .bd-sidebar{" in kept
    assert "#site-nav > a:hover::after{" in kept                   # pseudo-classes not judged
    assert "p:not(.carousel){" in kept                             # nor what :not() names


def test_media_blocks_keep_what_can_match_and_other_at_rules_stay_whole(tmp_path):
    names = css_bundle.site_names(_site(tmp_path))
    css = ("/*! Library v1 | MIT */"
           "@charset \"UTF-8\";"
           "@media (min-width:960px){.bd-sidebar{width:20%}.toast{opacity:0}}"
           "@media print{.carousel{display:none}}"
           "@font-face{font-family:X;src:url(fonts/x.woff2)}"
           "@keyframes spin{to{transform:rotate(1turn)}}"
           ":root{--pst-color-primary:#123}")
    kept = _kept(css, names)
    assert "/*! Library v1 | MIT */" in kept and "@charset" not in kept
    assert "@media (min-width:960px){.bd-sidebar{width:20%}" in kept and ".toast" not in kept
    assert "@media print" not in kept                              # nothing left inside it
    assert "@font-face{font-family:X;src:url(fonts/x.woff2)}" in kept
    assert "@keyframes spin{" in kept and ":root{--pst-color-primary:#123}" in kept


def test_relative_urls_are_rewritten_for_the_bundle_folder():
    rules = tinycss2.parse_stylesheet(
        "@font-face{src:url(../vendor/a.woff2),url('../vendor/b.ttf')}"
        "a{background:url(data:image/svg+xml,%3Csvg%3E) , url(https://example.org/c.png)}",
        skip_whitespace=True)
    names = SimpleNamespace(has_tag=lambda n: True, has_class=lambda n: True,
                            has_id=lambda n: True, has_attribute=lambda n: True)
    css = css_bundle.trim_rules(rules, names, "_static/styles", "_static", css_bundle.Tally())
    assert "url(vendor/a.woff2)" in css and "url(\"vendor/b.ttf\")" in css
    assert "url(data:image/svg+xml,%3Csvg%3E)" in css and "https://example.org/c.png" in css


def test_every_pages_files_are_bundled_in_the_order_each_page_links_them():
    per_page = {
        "a": [["basic.css", None], ["theme.css", None], ["code.css", None], ["site.css", None]],
        "b": [["basic.css", None], ["theme.css", None], ["player.css", None], ["site.css", None]],
        "c": [["basic.css", None], ["print.css", "print"]],
    }
    merged = css_bundle.merged_sources(per_page)
    assert sorted(name for name, _ in merged) == [
        "basic.css", "code.css", "player.css", "print.css", "site.css", "theme.css"]
    assert ("print.css", "print") in merged
    for sources in per_page.values():      # each page's order holds in the bundle
        positions = [merged.index(tuple(source)) for source in sources]
        assert positions == sorted(positions)


def test_a_bundle_wraps_a_media_stylesheet_and_names_each_part(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "styles" / "theme.css").write_text(
        ".bd-sidebar{color:red}.carousel{color:blue}", encoding="utf-8")
    (site / "_static" / "print.css").write_text("nav{display:none}", encoding="utf-8")
    text, tally = css_bundle.bundle_text(
        [("_static/styles/theme.css", None), ("_static/print.css", "print")],
        site, css_bundle.site_names(site))
    assert text.startswith('@charset "UTF-8";')
    assert "/* _static/styles/theme.css */\n.bd-sidebar{color:red}" in text
    assert "@media print{nav{display:none}" in text
    assert (tally.kept, tally.read) == (2, 3)


STYLESHEETS = sorted((Path(__file__).resolve().parent.parent / "book" / "_static").glob("*.css")) + \
    sorted((Path(__file__).resolve().parent.parent / "gdlesson").rglob("static/*.css"))


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_stylesheet_of_ours_parses_into_whole_rules(path):
    """A stray brace or a broken rule makes a browser drop the rule after it, silently (a
    stray "}" once dropped the rule after site.css's print block)."""
    import tinycss2
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    broken = [rule.message if rule.type == "error" else tinycss2.serialize(rule.prelude)[:60]
              for rule in rules if rule.type == "error" or (
                  rule.type == "qualified-rule" and "}" in tinycss2.serialize(rule.prelude))]
    assert not broken, f"{path.name}: {broken}"
