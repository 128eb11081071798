"""확인 문제: each chapter's exercises, checked on the page and in the student's notebook.

Every exercise of chapters 1–6 is here by the name its page gives it (연습 3.1 is
``ex3_1``), with its right answers and known mistakes computed from the lecture's data by
this library — the page's answer boxes judge with the same numbers::

    import gdlesson as gd
    gd.exercises.ex3_1.check(What, 9)    # 연습 3.1 (1), (2): 맞았는지, 아니면 무엇이 다른지
    gd.exercises.ex3_1.hint()            # 답을 알려 주지 않는 힌트
    gd.exercises.ex3_1.solution()        # 정답 보기의 풀이 코드

- ``core``      what an exercise is and how an answer is judged (pure Python)
- ``chapter1``… the exercises of each chapter, computed from the run
- ``page``      the page's answer boxes and the chapter's answer sheet, as data and HTML
- ``sphinx``    the Sphinx side: answer boxes as page elements, solutions as 정답 보기
"""

import functools
import importlib
import re

CHAPTERS = (1, 2, 3, 4, 5, 6)
_NAME = re.compile(r"^ex(\d+)_(\d+)$")


def _builders(chapter):
    """The functions that compute the exercises of ``chapter``, in order (cheap: nothing is
    computed until one is called)."""
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {CHAPTERS}, got {chapter!r}")
    return importlib.import_module(f".chapter{chapter}", __name__).EXERCISES


@functools.lru_cache(maxsize=None)
def _exercise(chapter, k):
    exercise = _builders(chapter)[k - 1]()
    if exercise.number != f"{chapter}.{k}":
        raise RuntimeError(f"exercise {chapter}.{k} calls itself {exercise.number}")
    return exercise


def of_chapter(chapter):
    """장 하나의 연습들을 차례로 돌려줍니다(처음 부를 때 그 답을 계산합니다).

    Parameters
    ----------
    chapter : int
        장의 번호(1–6).

    Returns
    -------
    exercises : tuple of Exercise
    """
    return tuple(_exercise(chapter, k) for k in range(1, len(_builders(chapter)) + 1))


def every():
    """1–6장의 모든 연습을 차례로 돌려줍니다.

    Returns
    -------
    exercises : list of Exercise
    """
    return [exercise for chapter in CHAPTERS for exercise in of_chapter(chapter)]


def answer_box(name):
    """연습 하나의 답안 상자를 돌려줍니다(페이지와 노트북에서 답을 넣고 채점합니다).

    Parameters
    ----------
    name : str
        연습의 이름(``"ex3_1"``).

    Returns
    -------
    box : AnswerBox
    """
    from .page import AnswerBox
    return AnswerBox(_lookup(name))


def answer_sheet(chapter):
    """장 하나의 답안제출 줄을 돌려줍니다: 그 장의 답을 답안제출양식대로 한 줄로 모아 복사합니다.

    Parameters
    ----------
    chapter : int
        장의 번호(1–6).

    Returns
    -------
    sheet : AnswerSheet
    """
    from .page import AnswerSheet
    return AnswerSheet(chapter, of_chapter(chapter))


def _lookup(name):
    match = _NAME.match(name)
    if match is None:
        raise AttributeError(f"module 'gdlesson.exercises' has no attribute {name!r}")
    chapter, k = map(int, match.groups())
    if chapter not in CHAPTERS or not 1 <= k <= len(_builders(chapter)):
        raise AttributeError(f"there is no exercise {chapter}.{k} (연습 {chapter}.{k})")
    return _exercise(chapter, k)


def __getattr__(name):
    """``ex3_1`` and the like: the exercise, computed on first use."""
    return _lookup(name)


def __dir__():
    names = [f"ex{c}_{k}" for c in CHAPTERS for k in range(1, len(_builders(c)) + 1)]
    return sorted(set(globals()) | set(names))
