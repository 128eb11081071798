"""The page's side of the exercises: an answer box for each exercise and one answer sheet
per chapter, as data (``application/vnd.gdlesson.answer+json``) and as HTML.

- :class:`AnswerBox` shows an exercise's parts laid out as its 답안제출양식 says — each ``??``
  of the form is an input (numbers; the numeric keypad on phones, with a ± key since iOS's
  has no minus), radio buttons (①–④, O/X) or checkboxes — and a 채점하기 button. The page's
  script (``static/gd-answer.js``) judges each part as :func:`gdlesson.exercises.core.judge`
  does and writes the verdict into a live region, so screen readers announce it.
- :class:`AnswerSheet` sums a chapter's answers up in one line, in the forms of its
  exercises, with a button that copies it (to hand in).

A notebook shows either from its MIME bundle: ``text/html`` with the style and script
inside (Jupyter, Colab), and the JSON, which a site build renders with the site's own files
(:mod:`gdlesson.exercises.sphinx`). This module needs no PyTorch.
"""

import html
import json
from importlib import resources

from .core import CHOICE, CHOICES, CIRCLED, NUMBER, OX, VECTOR

MIME_TYPE = "application/vnd.gdlesson.answer+json"
STYLE_FILE, SCRIPT_FILE = "gd-answer.css", "gd-answer.js"
DATA_CLASS = "gd-answer-data"
BLANK = "??"


def _asset(name):
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _attr(text):
    return html.escape(str(text), quote=True)


def _json(data):
    # keys sorted: a box read back from the execution cache (nbformat sorts them) and one fresh
    # from the kernel write the same page
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).replace("</", "<\\/")


def box_id(name):
    return f"gd-answer-{name}"


def _number_input(input_id, label, whole):
    """A number's input; a whole number (a count, an index) gets the digit keypad and no ± key."""
    sign = "" if whole else (f'<button type="button" class="gd-sign" aria-label="{_attr(label)}: '
                             '부호 바꾸기" title="부호 바꾸기">±</button>')
    return (f'<span class="gd-number{" gd-whole" if whole else ""}"><input type="text" '
            f'id="{input_id}" inputmode="{"numeric" if whole else "decimal"}" '
            'autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="done" '
            f'aria-label="{_attr(label)}">{sign}</span>')


def _options(part, name, part_id, legend):
    kind = "checkbox" if part.kind == CHOICES else "radio"
    options = part.options if part.kind != OX else ("O", "X")
    labels = "".join(
        f'<label><input type="{kind}" name="{part_id}" value="{k}">'
        f'{"" if part.kind == OX else CIRCLED[k] + " "}{html.escape(text)}</label>'
        for k, text in enumerate(options))
    return (f'<fieldset class="gd-options gd-options-{part.kind}">'
            f'<legend class="gd-hidden-label">{html.escape(legend)}</legend>{labels}</fieldset>')


ORDINALS = ("첫째", "둘째", "셋째", "넷째", "다섯째", "여섯째", "일곱째", "여덟째")


def precision_text(decimals):
    """How precisely a number is to be given, in words ("소수점 아래 넷째 자리까지")."""
    if decimals == 0:
        return "정수로"
    if not 1 <= decimals <= len(ORDINALS):
        raise ValueError(f"decimals must be 0–{len(ORDINALS)}, got {decimals!r}")
    return f"소수점 아래 {ORDINALS[decimals - 1]} 자리까지"


def _part_markup(exercise, k, part):
    part_id = f"{exercise.name}-{k + 1}"
    legend = f"연습 {exercise.number} {part.label}".strip()
    pieces = part.form.split(BLANK)
    if part.kind in (NUMBER, VECTOR):
        fields = part.fields or ("",)
        if len(pieces) - 1 != len(fields):
            raise ValueError(f"exercise {exercise.number} {part.label}: the form {part.form!r} "
                             f"has {len(pieces) - 1} blanks for {len(fields)} values")
        body = html.escape(pieces[0]) + "".join(
            _number_input(f"{part_id}-{i + 1}", f"{legend} {field}".strip(), part.decimals == 0)
            + html.escape(piece) for i, (field, piece) in enumerate(zip(fields, pieces[1:])))
        body = (f'<span class="gd-form-line">{body}</span>'
                f'<span class="gd-precision">({precision_text(part.decimals)})</span>')
    else:
        head = "".join(pieces[:1]).strip()
        body = (f'<span class="gd-form-line">{html.escape(head)}</span>' if head else "") + \
            _options(part, exercise.name, part_id, legend)
    return (f'<div class="gd-part" data-part="{k}">{body}'
            f'<p class="gd-verdict" id="gd-verdict-{part_id}" role="status"></p></div>')


class AnswerBox:
    """연습 하나의 답안 상자: 답안제출양식대로 답을 넣고 채점하기를 누르면 부분마다 판정이 나옵니다.

    Parameters
    ----------
    exercise : Exercise
        답을 받을 연습.
    """

    def __init__(self, exercise):
        self.exercise = exercise

    def payload(self):
        """상자를 JSON으로 바로 바꿀 수 있는 데이터로 돌려줍니다(페이지의 스크립트가 읽습니다).

        Returns
        -------
        payload : dict
        """
        return {"type": "answer-box", **self.exercise.payload()}

    def html(self, embed=True):
        """상자의 HTML을 돌려줍니다.

        Parameters
        ----------
        embed : bool, default=True
            True는 노트북 출력용으로 스타일과 스크립트가 함께 들어갑니다. False는 두 파일을
            스스로 불러오는 페이지용입니다.

        Returns
        -------
        html : str
        """
        return markup(self.payload(), embed)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME_TYPE: self.payload(), "text/html": self.html(),
                "text/plain": f"<연습 {self.exercise.number}의 답안 상자>"}


class AnswerSheet:
    """장 하나의 답안제출 줄: 그 장의 답을 답안제출양식대로 한 줄로 모으고 복사합니다.

    Parameters
    ----------
    chapter : int
        장의 번호.
    exercises : sequence of Exercise
        그 장의 연습들.
    """

    def __init__(self, chapter, exercises):
        self.chapter, self.exercises = chapter, tuple(exercises)

    def payload(self):
        """답안제출 줄을 JSON으로 바로 바꿀 수 있는 데이터로 돌려줍니다.

        Returns
        -------
        payload : dict
        """
        return {"type": "answer-sheet", "chapter": self.chapter,
                "exercises": [{"name": e.name, "exercise": e.number,
                               "forms": [p.form for p in e.parts]} for e in self.exercises]}

    def html(self, embed=True):
        """답안제출 줄의 HTML을 돌려줍니다.

        Parameters
        ----------
        embed : bool, default=True
            True는 노트북 출력용으로 스타일과 스크립트가 함께 들어갑니다.

        Returns
        -------
        html : str
        """
        return markup(self.payload(), embed)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME_TYPE: self.payload(), "text/html": self.html(),
                "text/plain": f"<{self.chapter}장 확인 문제의 답안제출 줄>"}


def sheet_line(payload):
    """The sheet's line with every answer still blank (what the page shows before any answer)."""
    items = [f"연습 {e['exercise']} " + " ".join(e["forms"]) for e in payload["exercises"]]
    return f"{payload['chapter']}장 확인 문제 | " + " | ".join(items)


class _Exercise:
    """An exercise as read back from its payload (enough to lay its box out)."""

    def __init__(self, payload):
        from .core import Part
        self.number, self.name = payload["exercise"], payload["name"]
        self.parts = [Part(kind=p["kind"], answer=None, label=p["label"], form=p["form"],
                           decimals=p.get("decimals"), fields=tuple(p.get("fields", ())),
                           options=tuple(p.get("options", ())))
                      for p in payload["parts"]]


def markup(payload, embed=True):
    """HTML of an answer box or sheet from its payload (the one writer of both)."""
    data = f'<script type="application/json" class="{DATA_CLASS}">{_json(payload)}</script>'
    if payload.get("type") == "answer-sheet":
        chapter = payload["chapter"]
        element = (f'<div class="gd-answer-sheet" id="gd-answer-sheet-{chapter}">'
                   f'<p class="gd-sheet-title">{chapter}장 답안제출</p>'
                   f'<p class="gd-sheet-line"><output>{html.escape(sheet_line(payload))}</output></p>'
                   '<p class="gd-sheet-actions"><button type="button" class="gd-sheet-copy">'
                   '답안 복사</button><span class="gd-sheet-said" role="status"></span></p>'
                   f"{data}</div>")
    elif payload.get("type") == "answer-box":
        exercise = _Exercise(payload)
        parts = "".join(_part_markup(exercise, k, part) for k, part in enumerate(exercise.parts))
        element = (f'<form class="gd-answer" id="{box_id(exercise.name)}" '
                   f'aria-label="연습 {exercise.number} 답안" novalidate>'
                   f'<p class="gd-form-title">답안제출양식</p>{parts}'
                   '<p class="gd-answer-actions"><button type="submit">채점하기</button></p>'
                   f"{data}</form>")
    else:
        raise ValueError(f"an answer payload needs type 'answer-box' or 'answer-sheet', "
                         f"got {payload.get('type')!r}")
    if not embed:
        return element
    return f"<style>{_asset(STYLE_FILE)}</style>{element}<script>{_asset(SCRIPT_FILE)}</script>"


def read_payload(payload):
    """An answer payload (dict or JSON text), checked for its type."""
    if isinstance(payload, (str, bytes)):
        payload = json.loads(payload)
    if not isinstance(payload, dict) or payload.get("type") not in ("answer-box", "answer-sheet"):
        raise ValueError("an answer payload is a dict with type 'answer-box' or 'answer-sheet'")
    return payload
