"""A link to a section lands on that section, on the long pages: followed from elsewhere (an
address with ``#section``, loaded afresh), tapped in the page's contents, and returned to with
the browser's back button. The sections below the first screen are laid out only when they come
close (``content-visibility: auto``, book/_static/site.css); without the inline script of
_templates/layout.html that lays the page out first for such a reader, the browser placed a
section up to 1,900 px off."""

import pytest

LONG_PAGES = ["book/04_animation", "book/05_learning_rate"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SECTIONS_JS = """() => Array.from(document.querySelectorAll('.bd-article > section > section'))
  .map(s => s.id)"""
HEADING_TOP_JS = """id => document.getElementById(id).querySelector('h2, h3').getBoundingClientRect().top"""
LANDED = (-6, 160)   # px from the top of the window: under the header, not above it by more than
# a few px (back restores scrollY in a page whose sections below were laid out at estimated
# heights before; measured -2.8 px once)
# after a reload the same scroll position meets a page laid out whole, where the sections not
# yet drawn before have their real heights: the heading is on the same screen, not at its top
ON_SCREEN = (-160, PHONE["viewport"]["height"] - 160)


def _heading_top(page, section):
    """Where the section's heading is, in px from the window's top, once the page has settled."""
    page.wait_for_timeout(800)   # smooth scrolling, and sections drawn as they come close
    return page.evaluate(HEADING_TOP_JS, section)


@pytest.mark.parametrize("name", LONG_PAGES)
def test_an_address_with_a_section_lands_on_it(browser, server, name):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/{name}.html", wait_until="load")
    sections = page.evaluate(SECTIONS_JS)
    assert len(sections) >= 3, sections
    for section in sections[1:]:
        page.goto(f"{server}/{name}.html#{section}", wait_until="load")
        page.reload(wait_until="load")          # a first load at that address, not a jump
        top = _heading_top(page, section)
        assert LANDED[0] <= top <= LANDED[1], f"{name}#{section}: its heading is at {top:.0f} px"
    context.close()


@pytest.mark.parametrize("name", LONG_PAGES)
def test_the_contents_take_the_reader_to_each_section(browser, server, name):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/{name}.html", wait_until="load")
    sections = page.evaluate(SECTIONS_JS)
    for section in reversed(sections):          # from the end up
        page.click(f'.bd-sidebar-secondary nav.page-toc a[href="#{section}"]')
        top = _heading_top(page, section)
        assert LANDED[0] <= top <= LANDED[1], f"{name}: after the contents link, #{section} is at {top:.0f} px"
    context.close()


@pytest.mark.parametrize("name", LONG_PAGES)
def test_back_and_reload_return_to_the_section_the_reader_left(browser, server, name):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/{name}.html", wait_until="load")
    section = page.evaluate(SECTIONS_JS)[-1]
    page.evaluate("id => document.getElementById(id).scrollIntoView()", section)
    assert LANDED[0] <= _heading_top(page, section) <= LANDED[1]
    page.goto(f"{server}/book/index.html", wait_until="load")
    page.go_back(wait_until="load")
    top = _heading_top(page, section)
    assert LANDED[0] <= top <= LANDED[1], f"{name}: back, #{section} is at {top:.0f} px"
    page.reload(wait_until="load")              # the scroll position restored, the page laid out whole
    top = _heading_top(page, section)
    assert ON_SCREEN[0] <= top <= ON_SCREEN[1], f"{name}: reloaded, #{section} is at {top:.0f} px"
    context.close()
