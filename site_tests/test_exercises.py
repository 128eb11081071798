"""확인 문제 on the built pages, in headless Chromium, as a student uses them: every right
answer and every known wrong answer typed (or picked) into every item, the verdict read
back and compared with the library's judge; by keyboard alone; the answer line copied;
the explorer's link filling 연습 5.3; the printed handout without solutions; the page's
numbering and solution code the library's."""

import html as html_module
import re

import pytest

import gdlesson as gd
from conftest import ROOT, SITE
from gdlesson.exercises import core
from gdlesson.exercises.page import sheet_line

PAGES = {1: "book/01_model_and_data.html", 2: "book/02_loss_and_gradient.html",
         3: "book/03_training.html", 4: "book/04_animation.html",
         5: "book/05_learning_rate.html", 6: "book/06_why_0083.html"}
EXPLORER = "book/07_alpha_explorer.html"


def typed(part, value):
    """What a student types for ``value``: a number rounded to the stated decimals."""
    if part.kind == core.NUMBER:
        return [f"{value:.{part.decimals}f}"]
    return [f"{v:.{part.decimals}f}" for v in value]


def probes(part):
    """(answer, expected verdict) for the right answer and each known mistake of a part."""
    out = [(part.answer, core.judge(part, part.answer)[1])]
    for mistake in part.mistakes:
        if mistake.answer is not None:
            value = mistake.answer
        elif mistake.above is not None:
            value = mistake.above + 3 * 10.0 ** -part.decimals
        else:
            value = mistake.below - 3 * 10.0 ** -part.decimals
        out.append((value, core.judge(part, value)[1]))
    if part.kind in (core.NUMBER, core.VECTOR) and part.decimals:
        off = part.answer + 40 * 10.0 ** -part.decimals if part.kind == core.NUMBER else \
            tuple(v + 40 * 10.0 ** -part.decimals for v in part.answer)
        out.append((off, core.judge(part, off)[1]))     # a wrong answer no mistake explains
    return out


def enter(page, box, k, part, value):
    """Type or pick ``value`` into part ``k`` of the answer box ``box``."""
    el = box.locator(".gd-part").nth(k)
    if part.kind in (core.NUMBER, core.VECTOR):
        inputs = el.locator("input[type=text]")
        for i, text in enumerate(typed(part, value)):
            inputs.nth(i).fill(text)
        return
    el.locator("input:checked").evaluate_all("els => els.forEach(e => { e.checked = false; })")
    if part.kind == core.OX:
        indexes = [("O", "X").index(value)]
    elif part.kind == core.CHOICE:
        indexes = [value]
    else:
        indexes = sorted(value)
    for index in indexes:
        el.locator(f"input[value='{index}']").check()


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    yield page
    context.close()


@pytest.mark.parametrize("chapter", sorted(PAGES))
def test_every_item_judges_right_and_wrong_answers_as_the_library(tab, server, chapter):
    tab.goto(f"{server}/{PAGES[chapter]}")
    tab.evaluate("localStorage.clear()")
    tab.reload()
    checked = 0
    for exercise in gd.exercises.of_chapter(chapter):
        box = tab.locator(f"#gd-answer-{exercise.name}")
        assert box.count() == 1, exercise.number
        for k, part in enumerate(exercise.parts):
            for value, expected in probes(part):
                enter(tab, box, k, part, value)
                box.locator("button[type=submit]").click()
                verdict = box.locator(".gd-verdict").nth(k)
                assert verdict.text_content() == expected, (exercise.number, part.label, value)
                assert verdict.get_attribute("role") == "status"
                checked += 1
    assert checked >= 3 * len(gd.exercises.of_chapter(chapter))
    assert tab.problems == []


def test_a_box_works_by_keyboard_alone(tab, server):
    tab.goto(f"{server}/{PAGES[2]}")
    part = gd.exercises.ex2_2.parts[0]
    field = tab.locator("#gd-answer-ex2_2 input[type=text]")
    field.focus()
    tab.keyboard.type(typed(part, part.answer)[0])
    tab.keyboard.press("Enter")                          # submits the form: 채점하기
    assert tab.locator("#gd-answer-ex2_2 .gd-verdict").text_content() == core.RIGHT
    # the ± key: Tab reaches it, Space flips the sign of what was typed
    field.fill("3.25")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "gd-sign"
    tab.keyboard.press("Space")
    assert field.input_value() in ("-3.25", "−3.25")
    # an O/X item: Tab into the radio group, arrow keys pick
    tab.locator("#gd-answer-ex2_4 input[value='0']").focus()
    tab.keyboard.press("ArrowRight")
    assert tab.locator("#gd-answer-ex2_4 input[value='1']").is_checked()


def test_the_answer_line_sums_up_and_copies(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/{PAGES[3]}")
    page.evaluate("localStorage.clear()")
    page.reload()
    sheet = page.locator("#gd-answer-sheet-3 output")
    assert sheet.text_content() == sheet_line(gd.exercises.answer_sheet(3).payload())
    part = gd.exercises.ex3_4.parts[0]
    page.fill("#gd-answer-ex3_4 input[type=text]", typed(part, part.answer)[0])
    line = sheet.text_content()
    assert line.endswith(f"연습 3.4 업데이트 {part.answer}번 뒤")
    page.click("#gd-answer-sheet-3 .gd-sheet-copy")
    assert page.evaluate("navigator.clipboard.readText()") == line
    assert page.locator("#gd-answer-sheet-3 .gd-sheet-said").text_content() != ""
    # the answers are kept: a reload shows them again
    page.reload()
    assert page.locator("#gd-answer-ex3_4 input[type=text]").input_value() == str(part.answer)
    context.close()


def test_the_explorer_carries_its_alpha_and_outcome_into_the_homework(tab, server):
    exercise = gd.exercises.ex5_3
    alpha = exercise.parts[1].answer
    tab.goto(f"{server}/{EXPLORER}")
    tab.wait_for_selector("#gd-explorer.gd-ready")
    tab.fill("#gd-alpha", f"{alpha:.5f}")
    tab.fill("#gd-epochs", str(exercise.inputs["epochs"]))
    tab.click("#gd-to-exercise")
    tab.wait_for_selector("#gd-answer-ex5_3")
    box = tab.locator("#gd-answer-ex5_3")
    assert box.locator(".gd-part").nth(1).locator("input").input_value() == f"{alpha:.5f}"
    box.locator("button[type=submit]").click()
    assert box.locator(".gd-verdict").nth(1).text_content() == core.RIGHT
    assert box.locator(".gd-verdict").nth(2).text_content() == core.RIGHT
    # and the page scrolled to the exercise
    assert tab.evaluate("location.hash") == "#ex-5-3"


def test_solutions_stay_closed_and_do_not_print(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{PAGES[3]}")
    solutions = page.locator("details.gd-solution")
    assert solutions.count() == len(gd.exercises.of_chapter(3))
    assert solutions.first.locator("summary").text_content() == "정답 보기 (연습 3.1)"
    assert not solutions.first.evaluate("d => d.open")
    assert not solutions.first.locator("pre").first.is_visible()
    solutions.first.locator("summary").click()
    assert solutions.first.locator("pre").first.is_visible()
    page.emulate_media(media="print")
    assert not solutions.first.is_visible()                # the handout: questions only
    assert not page.locator("#gd-answer-ex3_1 button[type=submit]").is_visible()
    assert page.locator("#gd-answer-ex3_1 input[type=text]").first.is_visible()   # room to write
    # the teacher's copy prints every solution
    page.goto(f"{server}/book/answers.html")
    page.emulate_media(media="print")
    assert page.locator(".gd-answer-key pre").count() >= len(gd.exercises.every())
    assert page.locator(".gd-answer-key pre").first.is_visible()
    page.close()


def test_numbering_and_solution_code_are_the_librarys(site):
    """The page numbers its exercises as the library (연습 3.1), each solution cell is the
    library's solution code, and the answer key holds each answer as the box judges it."""
    key = (site / "book" / "answers.html").read_text(encoding="utf-8")
    for chapter, path in PAGES.items():
        html = (site / path).read_text(encoding="utf-8")
        for exercise in gd.exercises.of_chapter(chapter):
            label = "ex-" + exercise.number.replace(".", "-")
            assert re.search(rf'id="{label}"', html), exercise.number
            assert f"연습 {exercise.number}" in html
            assert f"정답 보기 <span class=\"gd-solution-of\">(연습 {exercise.number})" in html
            assert f'href="{path.split("/")[-1]}#{label}"' in key
    source = {c: (ROOT / p.replace(".html", ".md")).read_text(encoding="utf-8")
              for c, p in PAGES.items()}
    for exercise in gd.exercises.every():
        label = "ex-" + exercise.number.replace(".", "-")
        block = source[exercise.chapter].split(
            f"```{{solution-start}} {label}\n:label: {label}-solution\n```\n", 1)[1]
        cell = re.match(r"\s*```\{code-cell\} ipython3\n(.*?)\n```", block, re.S).group(1)
        assert cell == exercise.solution_code, exercise.number


def test_every_solution_cell_passes_its_own_check(site):
    """Run on the page (the build executed it), each solution's check says 정답입니다 for
    every part: the worked solution gives the answer the box accepts."""
    for chapter, path in PAGES.items():
        html = (site / path).read_text(encoding="utf-8")
        solutions = html.split('<details class="gd-solution')[1:]
        for exercise in gd.exercises.of_chapter(chapter):
            mine = [s.split("</details>", 1)[0] for s in solutions
                    if f'<span class="gd-solution-of">(연습 {exercise.number})</span>' in s]
            assert len(mine) == 1, exercise.number
            text = html_module.unescape(re.sub(r"<[^>]+>", "", mine[0]))
            assert f"gd.exercises.{exercise.name}.check(" in text
            assert text.count(core.RIGHT) == len(exercise.parts), (exercise.number, text)
            assert core.WRONG not in text, (exercise.number, text)


def test_the_box_fits_a_phone(tab, server):
    tab.goto(f"{server}/{PAGES[6]}")
    for exercise in gd.exercises.of_chapter(6):
        box = tab.locator(f"#gd-answer-{exercise.name}")
        box.scroll_into_view_if_needed()
        right = box.evaluate("b => Math.max(...[...b.querySelectorAll('*')].map("
                             "e => e.getBoundingClientRect().right))")
        assert right <= 360, exercise.number
        modes = box.locator("input[type=text]").evaluate_all("els => els.map(e => e.inputMode)")
        decimal = [p.decimals for p in exercise.parts if p.kind in (core.NUMBER, core.VECTOR)
                   for _ in (p.fields or [0])]
        assert modes == ["numeric" if d == 0 else "decimal" for d in decimal], exercise.number
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    assert SITE.is_dir()
