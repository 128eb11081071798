"""One word for one concept: on every built page and in every message the library writes.

``PREFERRED`` is the book's glossary as data: the word the book uses, and the variants it
does not (another spelling, another word for the same thing, a particle that does not fit
how the English word is read). ``MISUSES`` are words used for the wrong concept. The pages
are checked as a reader reads them (prose, captions, headings: code and math aside); the
library is checked through its string literals (messages, labels, captions, docstrings) and
the explorer's script, whose sentences the explorer page shows.
"""

import ast
import re

import pytest

from conftest import PAGES, ROOT, page_html, visible_text

# the word the book uses → the variants it does not use (regular expressions)
PREFERRED = {
    "고윳값": [r"고유값"],
    "최솟값": [r"최소값"],
    "절댓값": [r"절대값"],
    "최소제곱해": [r"최소제곱추정량", r"최소\s제곱해", r"최소자승"],
    "손실 곡면": [r"손실곡면", r"손실함수\s*곡면", r"loss\s*곡면"],
    "파라미터": [r"파라메터"],
    "용어 (a word the book defines)": [r"낱말"],
    "학습 과정": [r"학습과정"],
    "미분꼬리표": [r"미분\s+꼬리표"],
    "경사하강법": [r"경사\s+하강법"],
    "경사 (what loss.backward() computes)": [r"미분값"],
    # epoch is read 에포크, loss 로스, α 알파: the particles of a word ending in a vowel
    "epoch가, epoch는, epoch를, epoch와, epoch로": [r"epochs?(이|은|을|과|으로)(?![a-z])"],
    "loss가, loss는, loss를, loss와, loss로": [r"\bloss(이|은|을|과|으로)(?![a-z])"],
    "α가, α는, α를, α와, α로": [r"α(이|은|을|과|으로)(?!\w)"],
    "epoch마다 (not 매 epoch마다)": [r"매\s*epoch\s*마다"],
}
EXAMPLES = {   # one variant each pattern must catch, so that a pattern cannot quietly match nothing
    "고윳값": "XᵀX의 고유값을", "최솟값": "loss의 최소값", "절댓값": "절대값이 크면",
    "최소제곱해": "공식(최소제곱추정량)", "손실 곡면": "3차원 손실곡면 위의 경로",
    "파라미터": "참값 파라메터", "용어 (a word the book defines)": "3장의 낱말로",
    "학습 과정": "학습과정을 애니메이션으로", "미분꼬리표": "미분 꼬리표를 뗀 값",
    "경사하강법": "경사 하강법으로",
    "경사 (what loss.backward() computes)": "backward()가 구한 미분값을",
    "epoch가, epoch는, epoch를, epoch와, epoch로": "epoch이 지날수록",
    "loss가, loss는, loss를, loss와, loss로": "loss이 줄어듭니다",
    "α가, α는, α를, α와, α로": "α이 크면", "epoch마다 (not 매 epoch마다)": "매 epoch마다",
}

# Misuses of the book's vocabulary: (pattern, an example it must catch, why it is wrong).
MISUSES = [
    (r"기울기가\s*0이(므로|니|라서|면)", "기울기가 0이므로 멈춥니다",
     "기울기 is a line's slope; where the loss stops changing its 경사 (gradient) is 0"),
    (r"기울기\s*식", "기울기 식을 유도하면",
     "the formula of ∂loss/∂W is the 경사 (gradient) formula, not a slope's"),
    (r"loss의\s*기울기", "loss의 기울기를 구합니다",
     "the derivative of the loss is its 경사 (gradient); 기울기 is the line's slope ŵ1"),
    (r"경사\s*\(\s*미분계수\s*\)", "경사(미분계수)를 구한다",
     "a 미분계수 is a 1-D derivative (순간기울기); 경사 is the vector of partial derivatives"),
    (r"다시\s*커짐\s*\(\s*불안정\s*\)", "다시 커짐(불안정)",
     "the two are separate words of the book: 다시 커짐 is what the loss does, 불안정 the verdict"),
    (r"주황", "주황 선", "the fitted line's colour is not named (no α is orange either); no page says 주황"),
    # α = 0.01 is drawn in #1f3b73 (gdlesson.style.ALPHA_COLORS): 남색 (navy); a colour word
    # right after "0.01" (e.g. "0.01(파랑, …)") must be that one
    (r"(?<![\d.])0\.01(?!\d)\s*(\(|은|는|의|:)?\s*(?!남색)(빨간|빨강|파란|파랑|초록|녹색|노란|노랑|보라|자홍|분홍|"
     r"갈색|청록|회색|검은|검정|하늘색|주황|올리브)",
     "0.01(파랑, 역삼각형)", "α = 0.01's colour is 남색 (#1f3b73) in every figure"),
    (r"(?<!소수점 아래 )넷째\s*자리", "강의노트와 넷째 자리에서 다릅니다",
     "넷째 자리 alone is the fourth digit; the book means the fourth decimal place (소수점 아래 넷째 자리)"),
]


def unwanted(text):
    """Each banned variant or misuse in ``text``, with its context and what to write instead."""
    found = [f"{m.group(0)!r} in …{text[max(0, m.start() - 40):m.end() + 40]}… (write {word})"
             for word, variants in PREFERRED.items() for pattern in variants
             for m in re.finditer(pattern, text)]
    found += [f"{m.group(0)!r} in …{text[max(0, m.start() - 40):m.end() + 40]}… ({why})"
              for pattern, _example, why in MISUSES for m in re.finditer(pattern, text)]
    return found


def test_every_pattern_catches_its_example():
    assert set(EXAMPLES) == set(PREFERRED)
    for word, variants in PREFERRED.items():
        assert any(re.search(p, EXAMPLES[word]) for p in variants), word
        assert unwanted(EXAMPLES[word])
    for pattern, example, why in MISUSES:
        assert re.search(pattern, example), f"{pattern!r} misses its example {example!r} ({why})"
    assert not re.search(MISUSES[-2][0], "0.01(남색, 역삼각형)")
    assert not unwanted("epoch가 지날수록 loss는 줄고 α를 키우면 고윳값과 최소제곱해, 손실 곡면, "
                        "소수점 아래 넷째 자리, lossless, epochs")


@pytest.mark.parametrize("path", PAGES)
def test_pages_use_the_books_words(site, path):
    found = unwanted(visible_text(page_html(path)))
    assert not found, f"{path}:\n" + "\n".join(found)


def _library_strings():
    """(where, text) of every string literal of the gdlesson package."""
    for path in sorted((ROOT / "gdlesson").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def test_the_library_uses_the_books_words():
    strings = list(_library_strings())
    assert any("줄어듦" in text for _, text in strings)          # the messages are in there
    found = [f"{where}: {hit}" for where, text in strings for hit in unwanted(text)]
    assert not found, "\n".join(found)


def test_the_explorer_uses_the_books_words():
    script = (ROOT / "book" / "_static" / "explorer.js").read_text(encoding="utf-8")
    sentences = re.findall(r'"((?:[^"\\]|\\.)*[가-힣](?:[^"\\]|\\.)*)"', script)
    assert any("발산" in s for s in sentences)
    found = [hit for s in sentences for hit in unwanted(s)]
    assert not found, "\n".join(found)
