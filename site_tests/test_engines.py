"""Every page read in WebKit and Firefox as well as Chromium, at 390 px (and the search page at
1280 px): the checks where engines differ, over what each engine's visits collected
(``engines.py``: one browser per engine for the session, running beside the other checks).

- Loading: no console or page error, no failed request, no HTTP error, nothing from another
  host; no sideways scrolling, before and after the page is used.
- Formulas, measured: every bracket beside a matrix as tall as the matrix; every accent
  marked as one, drawn in the box of its ink (mathml.py gives it one), that box at most
  ``ACCENT_GAP_EM`` above the letter's ink (measured on a canvas in the letter's font) and
  centred on it. Firefox sets accents 0.19 em higher than Chromium and WebKit (0 em).
- Players: 첫 프레임 then 다음 프레임 shows frame 1 with its caption, 재생 changes the picture.
- The ☰ menu opens (clicked: these engines have no touch here); an address with ``#section``
  lands on the section's heading; the explorer answers a new α with gdlesson's sentence; the
  search finds; the search box's icon ends before the query begins, at 390 and 1280 px.

What these engines cannot show: WebKitGTK is not iOS Safari (no touch, no text autosizing, no
iOS fonts or scrollbars); Firefox ESR is Firefox for desktops, not Firefox for Android.
"""

import re

import pytest

import engines
import gdlesson as gd
from conftest import PAGES, ROOT, SITE, page_html
from gdlesson import find_players
from test_explorer import same_sentence
from test_search import EXAMPLES
from test_section_links import LANDED

VISITS = [v for v in engines.visits("", PAGES, SITE) if v["key"] != "warm-up"] if SITE.is_dir() else []
BRACKET_SHARE = 0.9      # a bracket is at least this share of its matrix's height ...
BRACKET_SHORT = 0.1      # ... and each end falls short of the matrix's by at most this share
ACCENT_GAP_EM = 0.25     # clear space between an accent's ink and its letter's, at most
ACCENT_OFFSET_EM = 0.1   # the accent's centre off the letter's, at most
README = (ROOT / "README.md").read_text(encoding="utf-8")


def params(engine_list=engines.ENGINES, visits=VISITS):
    return [pytest.param(engine, visit, id=f"{engine}-{visit['key']}")
            for engine in engine_list for visit in visits]


def data(engine_runs, engine, visit):
    result = engine_runs(engine)
    got = result["visits"].get(visit["key"])
    if got is None or "failed" in got:
        pytest.fail(f"{engine}, {visit['key']}: the visit failed: {got and got['failed']}")
    return got


@pytest.mark.parametrize("engine, visit", params())
def test_the_page_loads_and_fits_the_phone(engine_runs, engine, visit):
    got = data(engine_runs, engine, visit)
    assert got["problems"] == [], f"{engine}, {visit['key']}:\n" + "\n".join(got["problems"])
    assert got["width"] == visit["width"]
    assert got["sideways"] == 0 and got["sidewaysAfter"] == 0, \
        f"{engine}, {visit['key']}: scrolls sideways by {got['sideways']}/{got['sidewaysAfter']} px"


def _fenced_matrices(page):
    """How many fenced matrices a page's HTML holds outside folded solutions."""
    html = re.sub(r"<details\b.*?</details>", "", page_html(page), flags=re.S)
    return len(re.findall(r"<mrow><mo>[\[(|‖]</mo><mtable>", html))


@pytest.mark.parametrize("engine, visit", params())
def test_brackets_stretch_to_their_matrices(engine_runs, engine, visit):
    fences = data(engine_runs, engine, visit)["math"]["fences"]
    assert len(fences) == 2 * _fenced_matrices(visit["page"])
    short = [f for f in fences if f["height"] < BRACKET_SHARE * f["matrix"]
             or f["short"] > BRACKET_SHORT * f["matrix"]]
    assert not short, f"{engine}, {visit['key']}: {len(short)} of {len(fences)} brackets short " \
        f"of their matrices: " + "; ".join(f"{f['bracket']} {f['height']} px by {f['matrix']} px in {f['tex']}"
                                         for f in short[:5])


@pytest.mark.parametrize("engine, visit", params())
def test_accents_sit_on_their_letters(engine_runs, engine, visit):
    got = data(engine_runs, engine, visit)
    accents = got["math"]["accents"]
    shown = re.sub(r"<details\b.*?</details>", "", page_html(visit["page"]), flags=re.S)
    assert len(accents) == shown.count("<mover accent=\"true\">")
    assert all(a["flagged"] for a in accents)
    bad = [f"{a['accent']} in {a['tex']}: box {'is' if a['boxIsInk'] else 'is not'} its ink, "
           f"{a['gapEm']} em above the letter, {a['offsetEm']} em off its centre" for a in accents
           if not (a["boxIsInk"] and 0 <= a["gapEm"] <= ACCENT_GAP_EM
                   and abs(a["offsetEm"]) <= ACCENT_OFFSET_EM)]
    assert not bad, f"{engine}, {visit['key']}:\n" + "\n".join(bad)


PLAYER_VISITS = [v for v in VISITS if find_players(page_html(v["page"]))]


@pytest.mark.parametrize("engine, visit", params(visits=PLAYER_VISITS))
def test_players_step_and_play(engine_runs, engine, visit):
    players = {p["id"]: p for p in data(engine_runs, engine, visit)["players"]}
    expected = find_players(page_html(visit["page"]))
    assert len(players) == len(expected)
    for player in expected:
        shown = players[f"gd-player-{player.id}"]
        assert shown["ready"] and shown["played"], shown
        assert (shown["index"], shown["label"]) == (1, player.labels[1]), shown


MENU_VISITS = [v for v in VISITS if v["menu"]]


@pytest.mark.parametrize("engine, visit", params(visits=MENU_VISITS))
def test_the_menu_opens(engine_runs, engine, visit):
    menu = data(engine_runs, engine, visit)["menu"]
    assert menu["button"] and menu["before"] == 0 and menu["after"] >= 3, menu


SECTION_VISITS = [v for v in VISITS if v["section"]]


@pytest.mark.parametrize("engine, visit", params(visits=SECTION_VISITS))
def test_an_address_with_a_section_lands_on_it(engine_runs, engine, visit):
    got = data(engine_runs, engine, visit)
    assert got["landed"] is not None
    assert LANDED[0] <= got["landed"] <= LANDED[1] or (got["atEnd"] and got["landed"] >= LANDED[0]), \
        f"{engine}, {visit['url']}: the heading is at {got['landed']} px"


@pytest.mark.parametrize("engine, visit", params(visits=[v for v in VISITS if v["explorer"]]))
def test_the_explorer_answers(engine_runs, engine, visit):
    explorer = data(engine_runs, engine, visit)["explorer"]
    lecture = gd.make_data()
    expected = gd.train(lecture.X, lecture.y, alpha=float(visit["explorer"]), warn=False).status()
    assert explorer["ready"] and explorer["status"] != explorer["before"]
    same_sentence(explorer["status"], expected)


SEARCH_VISITS = [v for v in VISITS if v["search"]]


@pytest.mark.parametrize("engine, visit", params(visits=SEARCH_VISITS))
def test_search_finds_and_its_icon_leaves_the_query_free(engine_runs, engine, visit):
    got = data(engine_runs, engine, visit)
    assert EXAMPLES[engines.SEARCH_TERM] in got["search"]
    box = got["searchBox"]
    assert box["iconWidth"] > 0 and box["iconRight"] <= box["textStart"], box


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_the_readme_names_the_version_checked(engine_runs, engine):
    version = engine_runs(engine)["version"]
    major, minor = version.split(".")[:2]
    name = {"webkit": f"WebKitGTK {major}.{minor}", "firefox": f"Firefox ESR {major}",
            "chromium": f"Chromium {major}"}[engine]
    assert name in README, f"README's browser support line does not name {name}"

