"""The site on a phone (360 and 390 px) and in the dark: nothing runs off the screen, the
players' controls sit in one row, the text inside an animation's frames is at least 10
CSS px, and the player keeps light controls on its light surface in the dark theme."""

import pytest

from conftest import BOOK_PAGES, SITE, players

PHONES = [360, 390]
MIN_TEXT_PX = 10
PLAYER_PAGES = [p for p in BOOK_PAGES
                if (SITE / f"{p}.html").exists() and players((SITE / f"{p}.html").read_text())]


@pytest.fixture
def phone(browser, server):
    contexts = []

    def open_page(path, width, theme="light"):
        context = browser.new_context(viewport={"width": width, "height": 780}, is_mobile=True,
                                      has_touch=True, device_scale_factor=2, color_scheme=theme)
        if theme == "dark":
            context.add_init_script("localStorage.setItem('mode', 'dark');"
                                    "localStorage.setItem('theme', 'dark');")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


OVERFLOW = """() => {
  const wide = e => e.scrollWidth > e.clientWidth + 1;
  return {
    page: document.documentElement.scrollWidth - innerWidth,
    outputs: Array.from(document.querySelectorAll("div.cell_output pre")).filter(wide)
      .map(e => e.textContent.slice(0, 60)),
    // sticking out of the screen, unless inside a box that scrolls (code, math, a wide
    // table) or clips (an SVG, the halves of a frame) and itself fits the screen
    sticking: Array.from(document.querySelectorAll("article *")).filter(e => {
      const r = e.getBoundingClientRect();
      if (!e.checkVisibility() || r.width === 0 || r.right <= innerWidth + 1) return false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(a).overflowX)
            && a.getBoundingClientRect().right <= innerWidth + 1) return false;
      }
      return true;
    }).map(e => e.tagName + "." + e.getAttribute("class") + ": " + (e.textContent || "").slice(0, 50)).slice(0, 5),
    buttonRows: Array.from(document.querySelectorAll(".gd-player .gd-buttons")).map(
      row => new Set(Array.from(row.children).map(b => Math.round(b.getBoundingClientRect().top))).size),
  };
}"""


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("path", BOOK_PAGES)
def test_nothing_runs_off_a_phone_screen(phone, path, width):
    page = phone(f"{path}.html", width)
    state = page.evaluate(OVERFLOW)
    assert state["page"] <= 0, f"{path} scrolls sideways by {state['page']} px at {width} px"
    assert not state["outputs"], f"outputs that do not wrap: {state['outputs']}"
    assert not state["sticking"], f"sticking out at {width} px: {state['sticking']}"
    assert all(rows == 1 for rows in state["buttonRows"]), f"player buttons on {state['buttonRows']} rows"


FRAME_TEXT = """() => Array.from(document.querySelectorAll(".gd-player")).map(root => {
  const data = JSON.parse(root.querySelector("script.gd-player-data").textContent);
  const frame = root.querySelector(".gd-frame");
  const halves = Array.from(root.querySelectorAll(".gd-half"));
  let scale;
  if (frame.checkVisibility()) {
    scale = frame.getBoundingClientRect().width / data.size[0];
  } else {      // stacked: each half of the frame spans the column
    const widths = [data.split * data.size[0], (1 - data.split) * data.size[0]];
    scale = Math.min(...halves.map((h, i) => h.getBoundingClientRect().width / widths[i]));
  }
  return {id: root.id, stacked: !frame.checkVisibility(), scale, textPt: data.text_pt,
          textPx: data.text_pt * 100 / 72 * scale};
})"""


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("path", PLAYER_PAGES)
def test_animation_text_is_legible_on_a_phone(phone, path, width):
    page = phone(f"{path}.html", width)
    found = page.evaluate(FRAME_TEXT)
    assert found
    for player in found:
        assert player["stacked"], f"{player['id']}: the two panels are not stacked at {width} px"
        assert player["textPx"] >= MIN_TEXT_PX, (
            f"{player['id']}: its smallest text ({player['textPt']} pt) shows at "
            f"{player['textPx']:.1f} CSS px at {width} px")


def test_desktop_shows_the_frame_whole(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{PLAYER_PAGES[0]}.html")
    state = page.evaluate(FRAME_TEXT)
    context.close()
    assert state and not any(p["stacked"] for p in state)
    assert all(p["textPx"] >= MIN_TEXT_PX for p in state)


PLAYER_COLOURS = """() => Array.from(document.querySelectorAll(".gd-player")).map(root => {
  const style = e => getComputedStyle(e);
  const radio = root.querySelector("input[type=radio]:checked");
  const button = root.querySelector(".gd-buttons button");
  return {
    scheme: style(root).colorScheme, surface: style(root).backgroundColor,
    radioScheme: style(radio).colorScheme, slider: style(root.querySelector(".gd-slider")).colorScheme,
    buttonText: style(button).color, buttonFace: style(button).backgroundColor,
  };
})"""


def test_player_controls_match_their_light_surface_in_the_dark_theme(phone):
    page = phone(f"{PLAYER_PAGES[0]}.html", 390, theme="dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    for player in page.evaluate(PLAYER_COLOURS):
        assert player["surface"] == "rgb(255, 255, 255)"
        assert player["scheme"] == player["radioScheme"] == player["slider"] == "light"
        assert player["buttonText"] == "rgb(31, 35, 40)" and player["buttonFace"] == "rgb(246, 248, 250)"
