"""What an exercise is and how an answer is judged: the same rule on the page
(``static/gd-answer.js``) and in the student's notebook (:meth:`Exercise.check`).

An exercise (연습 3.1) has one or more parts, (1), (2), …, each with one answer of one kind:

- ``number``   a number, right when it lies within half a unit of the stated last decimal
               (``decimals=4``: within 0.00005)
- ``vector``   several numbers (ŵ₀, ŵ₁), each judged as a number
- ``choice``   one of the options ①–④
- ``ox``       O or X
- ``choices``  every option that holds, and none that does not

A wrong answer is compared with the part's known mistakes — the value a known slip gives
(the step's sign, MSE instead of SSE, α left out, one history row off, …), computed from
the same run as the answer — and the verdict says which slip it most likely was, never
what the answer is. Everything here is plain Python (no PyTorch), so the page and the
Sphinx build can read exercises cheaply; a tensor handed to :meth:`Exercise.check` is
turned into numbers only when PyTorch is already imported.
"""

import dataclasses
import math
import numbers
import sys

NUMBER, VECTOR, CHOICE, OX, CHOICES = "number", "vector", "choice", "ox", "choices"
KINDS = (NUMBER, VECTOR, CHOICE, OX, CHOICES)
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
CLOSE_UNITS = 1.5          # within 1.5 units of the last decimal: "almost", said as such

RIGHT = "정답입니다."
WRONG = "아닙니다."
CLOSE = ("거의 맞았습니다. 마지막 자리까지 반올림했는지, 계산 중간에 너무 일찍 반올림하지 "
         "않았는지 확인해 보세요.")
UNANSWERED = "아직 답하지 않았습니다."


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A wrong answer that a known slip gives, and what to say about it.

    ``answer`` is the value the slip gives (computed from the same run as the right
    answer), of the part's kind. For a number, ``above``/``below`` instead describe every
    answer above or below a bound (e.g. "this α already diverges").
    """

    message: str
    answer: object = None
    above: float = None
    below: float = None


@dataclasses.dataclass(frozen=True)
class Part:
    """One answer of an exercise: its kind, the right answer and the known mistakes."""

    kind: str
    answer: object
    label: str = ""           # "(1)", "(2)", … ("" for an exercise with one part)
    decimals: int = None      # number, vector: the stated precision
    fields: tuple = ()        # vector: the names of its entries ("ŵ₀", "ŵ₁")
    options: tuple = ()       # choice, choices: the texts of the options
    mistakes: tuple = ()
    hint: str = ""
    form: str = "??"          # its piece of the 답안제출양식, one ?? per value
    series: tuple = ()        # notebook only: (name, value) pairs an answer may equal instead
                              # (every row of a history: "업데이트 11번 뒤의 값입니다")

    @property
    def tolerance(self):
        """Half a unit of the stated last decimal (plus a hair for the float of a typed
        decimal), for numbers and vectors."""
        return 0.5 * 10.0 ** -self.decimals * (1 + 1e-9) if self.decimals is not None else None

    def payload(self):
        """The part as the page's script reads it (no notebook-only series)."""
        data = {"kind": self.kind, "label": self.label, "answer": _plain(self.answer),
                "form": self.form, "hint": self.hint,
                "mistakes": [{key: _plain(value) for key, value in
                              dataclasses.asdict(m).items() if value is not None}
                             for m in self.mistakes]}
        if self.decimals is not None:
            data["decimals"] = self.decimals
        if self.fields:
            data["fields"] = list(self.fields)
        if self.options:
            data["options"] = list(self.options)
        return data


def _plain(value):
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


# --- judging ------------------------------------------------------------------------------

def _close(a, b, tolerance):
    return abs(a - b) <= tolerance


def matches(part, answer, expected):
    """Whether ``answer`` (already of the part's kind) is ``expected`` for ``part``."""
    if part.kind == NUMBER:
        return _close(answer, expected, part.tolerance)
    if part.kind == VECTOR:
        return len(answer) == len(expected) and all(
            _close(a, e, part.tolerance) for a, e in zip(answer, expected))
    if part.kind == CHOICES:
        return frozenset(answer) == frozenset(expected)
    return answer == expected


def known_mistake(part, answer):
    """The first of the part's mistakes that ``answer`` matches, or None."""
    for mistake in part.mistakes:
        if mistake.answer is not None and matches(part, answer, mistake.answer):
            return mistake
        if part.kind == NUMBER and mistake.answer is None and (
                (mistake.above is not None and answer > mistake.above)
                or (mistake.below is not None and answer < mistake.below)):
            return mistake
    return None


def judge(part, answer):
    """``(right, message)`` for an answer already of the part's kind (the page's rule)."""
    if matches(part, answer, part.answer):
        return True, RIGHT
    mistake = known_mistake(part, answer)
    if mistake is not None:
        return False, f"{WRONG} {mistake.message}"
    if part.kind == NUMBER and _close(answer, part.answer, CLOSE_UNITS * 2 * part.tolerance):
        return False, f"{WRONG} {CLOSE}"
    if part.kind == VECTOR:
        wrong = [name for name, a, e in zip(part.fields, answer, part.answer)
                 if not _close(a, e, part.tolerance)]
        if len(wrong) < len(part.fields):
            return False, f"{WRONG} {', '.join(wrong)}의 값이 맞지 않습니다. {part.hint}".strip()
    return False, f"{WRONG} {part.hint}".strip()


# --- the notebook's check --------------------------------------------------------------------

class AnswerError(ValueError):
    """An answer that is not of the part's kind (its message says what was expected)."""


def _numbers(value):
    """A list of floats from a number, a tensor, an array or a sequence; and what it was."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        if value.is_complex() or not (value.is_floating_point() or value.dtype == torch.int64
                                      or value.dtype == torch.int32):
            raise AnswerError(f"실수 텐서가 아닙니다 (dtype {value.dtype}).")
        return [float(v) for v in value.detach().reshape(-1).tolist()], (
            tuple(value.shape), str(value.dtype).replace("torch.", ""))
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return [float(v) for v in value.reshape(-1)], (value.shape, str(value.dtype))
    if isinstance(value, bool) or isinstance(value, str):
        raise AnswerError(f"숫자를 넣어 주세요: {type(value).__name__} {value!r}입니다.")
    if isinstance(value, numbers.Real):
        return [float(value)], ((), type(value).__name__)
    if isinstance(value, (list, tuple)):
        flat = []
        for item in value:
            inner, (shape, _) = _numbers(item)
            if shape != ():
                raise AnswerError("숫자들의 목록을 넣어 주세요: 목록 안에 목록이 있습니다.")
            flat += inner
        return flat, ((len(value),), type(value).__name__)
    raise AnswerError(f"숫자를 넣어 주세요: {type(value).__name__}입니다.")


def _as_answer(part, value):
    """The student's value as an answer of the part's kind; AnswerError says what is wrong."""
    if part.kind == NUMBER:
        flat, (shape, _) = _numbers(value)
        if len(flat) != 1:
            raise AnswerError(f"숫자 하나를 넣어 주세요: 모양이 {shape}입니다.")
        return flat[0]
    if part.kind == VECTOR:
        flat, (shape, _) = _numbers(value)
        if len(flat) != len(part.answer) or len(shape) > 1:
            raise AnswerError(f"값 {len(part.answer)}개({', '.join(part.fields)})가 필요한데, "
                              f"모양이 {shape}입니다.")
        return tuple(flat)
    if part.kind == OX:
        text = str(value).strip().upper()
        text = {"TRUE": "O", "FALSE": "X", "○": "O", "×": "X"}.get(text, text)
        if text not in ("O", "X"):
            raise AnswerError(f"'O' 또는 'X'를 넣어 주세요: {value!r}입니다.")
        return text
    choices = [value] if part.kind == CHOICE else list(value) if isinstance(
        value, (list, tuple, set, frozenset)) else [value]
    picked = []
    for choice in choices:
        if isinstance(choice, str) and len(choice.strip()) == 1 and choice.strip() in CIRCLED:
            index = CIRCLED.index(choice.strip())
        elif isinstance(choice, numbers.Integral) and not isinstance(choice, bool):
            index = int(choice) - 1
        else:
            raise AnswerError(f"보기의 번호(1–{len(part.options)} 또는 ①–"
                              f"{CIRCLED[len(part.options) - 1]})를 넣어 주세요: {choice!r}입니다.")
        if not 0 <= index < len(part.options):
            raise AnswerError(f"보기는 1–{len(part.options)}번입니다: {choice!r}입니다.")
        picked.append(index)
    return picked[0] if part.kind == CHOICE else frozenset(picked)


def _difference(part, answer):
    """How far a wrong number or vector is from the right one (the notebook says it)."""
    if part.kind == NUMBER:
        return f"차이는 {answer - part.answer:+.{part.decimals + 1}g}입니다."
    if part.kind == VECTOR:
        gaps = ", ".join(f"{name} {a - e:+.{part.decimals + 1}g}"
                         for name, a, e in zip(part.fields, answer, part.answer))
        return f"차이는 {gaps}입니다."
    return ""


def check_part(part, value):
    """``(right, message)`` for a student's value in a notebook: the page's verdict, and
    what differs (shape, sign, which history row, by how much)."""
    try:
        answer = _as_answer(part, value)
    except AnswerError as error:
        return False, f"{WRONG} {error}"
    right, message = judge(part, answer)
    if right or part.kind not in (NUMBER, VECTOR):
        return right, message
    if known_mistake(part, answer) is not None:
        return right, message
    extra = []
    negated = -answer if part.kind == NUMBER else tuple(-a for a in answer)
    if matches(part, negated, part.answer):
        extra.append("부호가 반대입니다.")
    for name, value in part.series:
        if matches(part, answer, value):
            extra.append(f"{name}의 값과 같습니다.")
            break
    extra.append(_difference(part, answer))
    return False, " ".join([message] + [e for e in extra if e])


class Verdict:
    """연습 하나의 채점 결과입니다. 노트북에서는 부분마다 한 줄로 보입니다.

    Parameters
    ----------
    exercise : str
        연습의 번호(``"3.1"``).
    lines : sequence of (str, bool, str)
        부분마다 (표시 ``"(1)"``, 맞았는지, 말).
    """

    def __init__(self, exercise, lines):
        self.exercise, self.lines = exercise, list(lines)

    @property
    def correct(self):
        """모든 부분이 맞았는지 여부입니다."""
        return all(right for _, right, _ in self.lines)

    def __bool__(self):
        return self.correct

    def __repr__(self):
        head = f"연습 {self.exercise}"
        if len(self.lines) == 1 and not self.lines[0][0]:
            return f"{head}: {self.lines[0][2]}"
        return "\n".join([f"{head}:"] + [f"  {label} {message}" for label, _, message in self.lines])


class Note:
    """노트북에 그대로 보이는 글(힌트)이나 코드(풀이)입니다.

    Parameters
    ----------
    text : str
        보일 글.
    code : bool, default=False
        True면 파이썬 코드로 보입니다.
    """

    def __init__(self, text, code=False):
        self.text, self.code = text, code

    def __repr__(self):
        return self.text

    def _repr_markdown_(self):
        return f"```python\n{self.text}\n```" if self.code else self.text


class Exercise:
    """확인 문제의 연습 하나입니다: 부분들의 정답과 알려진 실수, 힌트, 풀이 코드.

    Parameters
    ----------
    number : str
        장과 순서. 예를 들어 ``"3.1"``: 3장의 연습 1.
    parts : sequence of Part
        부분 (1), (2), … 의 정답과 실수.
    inputs : dict
        문제에 나오는 입력값(학습률, 출발점, …). 페이지가 이 값을 문장에 붙입니다.
    solution : str
        정답 보기의 풀이 코드(페이지의 셀과 같습니다).
    """

    def __init__(self, number, parts, inputs, solution):
        self.number, self.parts = number, tuple(parts)
        self.inputs, self.solution_code = dict(inputs), solution.strip("\n")
        for part in self.parts:
            if part.kind not in KINDS:
                raise ValueError(f"exercise {number}: unknown kind {part.kind!r}")

    @property
    def name(self):
        """노트북에서 쓰는 이름(``"ex3_1"``)입니다."""
        return "ex" + self.number.replace(".", "_")

    @property
    def chapter(self):
        """연습이 있는 장의 번호입니다."""
        return int(self.number.split(".")[0])

    def check(self, *answers):
        """학생의 답을 채점합니다: 맞았는지, 아니면 무엇이 다른지(모양, 부호, 몇 번째 기록,
        얼마나) 한국어로 말합니다.

        Parameters
        ----------
        *answers : number, tensor, sequence or str
            부분 (1), (2), … 의 답을 차례로. 숫자는 숫자나 텐서로, 보기는 번호(1–4 또는
            ①–④)로, O/X는 ``"O"``, ``"X"`` 가운데 하나로 넣습니다. 뒤쪽 부분은 빼도 됩니다.

        Returns
        -------
        verdict : Verdict
            노트북에 부분마다 한 줄로 보이는 채점 결과.
        """
        if len(answers) > len(self.parts):
            raise TypeError(f"연습 {self.number}은 부분이 {len(self.parts)}개인데 답이 "
                            f"{len(answers)}개입니다")
        lines = []
        for k, part in enumerate(self.parts):
            if k < len(answers):
                lines.append((part.label, *check_part(part, answers[k])))
            else:
                lines.append((part.label, False, UNANSWERED))
        return Verdict(self.number, lines)

    def hint(self):
        """답을 알려 주지 않는 힌트를 돌려줍니다.

        Returns
        -------
        hint : Note
        """
        hints = [f"{p.label} {p.hint}".strip() for p in self.parts if p.hint]
        return Note("\n".join(f"힌트: {h}" for h in hints) or "힌트가 없습니다.")

    def solution(self):
        """정답 보기의 풀이 코드를 돌려줍니다(페이지의 셀과 같은 코드).

        Returns
        -------
        code : Note
        """
        return Note(self.solution_code, code=True)

    def payload(self):
        """The exercise as the page's answer box reads it."""
        return {"exercise": self.number, "name": self.name,
                "parts": [part.payload() for part in self.parts]}

    def __repr__(self):
        return f"<연습 {self.number}: 부분 {len(self.parts)}개>"


def circled(k):
    """The circled number of option ``k`` (0-based): ①, ②, …"""
    return CIRCLED[k]


def finite(value, name):
    """``value`` as a float, after checking the run gave a finite number."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} is not finite ({value}): the exercise's run diverged")
    return value
