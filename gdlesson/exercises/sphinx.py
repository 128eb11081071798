"""확인 문제를 MyST-NB로 빌드하는 Sphinx 사이트에 넣습니다: 답안 상자, 정답 보기, 정답과 풀이.

- MIME 렌더 플러그인 ``AnswerRenderer`` 클래스(진입점 그룹 ``myst_nb.mime_renderers``)가 노트북
  출력의 ``application/vnd.gdlesson.answer+json`` 데이터를 ``answer`` 노드로 바꾸고, HTML
  방문자가 상자를 씁니다. 상자가 있는 페이지만 ``gd-answer.css`` 파일과 ``gd-answer.js``
  파일을 불러옵니다.
- ``sphinx-exercise`` 확장의 풀이(``solution``, ``solution-start``/``solution-end``)는 HTML에서
  ``<details>`` 요소, 곧 "정답 보기"를 눌러야 열리는 접힌 상자가 됩니다. 스크립트가 없어도
  열리고 닫히며, 닫힌 채로 인쇄하면 풀이가 나오지 않습니다(유인물).
- ``gd-answer-key`` 지시어를 둔 페이지에는 모든 장의 연습이 차례로 모입니다: 연습마다 정답(그
  장의 답안 상자와 같은 값)과 풀이(그 장에서 실행된 코드와 출력). 따로 인쇄하는 정답지입니다.

쓰려면 Sphinx 확장 목록에 ``sphinx_exercise`` 확장과 이 모듈을 더하세요(Jupyter Book 1에서는
``sphinx: extra_extensions`` 항목).
"""

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import __version__
from ..player.sphinx import HTML_BUILDERS, require_renderer
from .core import CHOICE, CHOICES, CIRCLED, NUMBER, OX, VECTOR
from .page import MIME_TYPE, SCRIPT_FILE, STYLE_FILE, markup, read_payload

CONTENT_IDS = ("exercise-content", "solution-content")   # sphinx-exercise's, the same in each


class answer(nodes.General, nodes.Element):
    """An answer box or sheet on a page; ``node["payload"]`` is its data."""


class solution(nodes.General, nodes.Element):
    """A worked solution, shown as 정답 보기 (``node["exercise"]``: "연습 3.1")."""


class answer_key(nodes.General, nodes.Element):
    """Where ``gd-answer-key`` puts every exercise's answers and solution."""


class AnswerRenderer:
    """MyST-NB MIME render plugin: an answer output becomes an ``answer`` node."""

    # text/html has priority 30 on HTML builders: the answer's data comes first
    mime_priority_overrides = [(builder, MIME_TYPE, 25) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """An ``answer`` node for an answer's data; None for any other output."""
        if data.mime_type != MIME_TYPE:
            return None
        return [answer(payload=read_payload(data.content))]


def visit_answer_html(self, node):
    self.body.append(markup(node["payload"], embed=False))
    raise nodes.SkipNode


def visit_solution_html(self, node):
    self.body.append(self.starttag(node, "details", CLASS="gd-solution"))
    self.body.append(f'<summary>정답 보기 <span class="gd-solution-of">'
                     f'({node["exercise"]})</span></summary>\n')


def depart_solution_html(self, node):
    self.body.append("</details>\n")


def skip(self, node):
    raise nodes.SkipNode


# --- answers as text (the answer key) -------------------------------------------------------

def _number(value, decimals):
    return f"{value:.{decimals}f}".replace("-", "−")


def answer_text(part):
    """A part's right answer written in its form ("(1) Ŵ = [1.4454, 4.6848]")."""
    kind, value = part["kind"], part["answer"]
    if kind == NUMBER:
        values = [_number(value, part["decimals"])]
    elif kind == VECTOR:
        values = [_number(v, part["decimals"]) for v in value]
    elif kind == CHOICE:
        values = [f"{CIRCLED[value]} {part['options'][value]}"]
    elif kind == CHOICES:
        values = ["".join(CIRCLED[k] for k in value)]
    elif kind == OX:
        values = [value]
    else:
        raise ValueError(f"unknown kind {kind!r}")
    pieces = part["form"].split("??")
    return "".join(piece + (values[i] if i < len(values) else "") for i, piece in enumerate(pieces))


# --- Sphinx --------------------------------------------------------------------------------

def _exercise_number(env, docname, label):
    """The number numfig gave an exercise ("3.1"), or None."""
    number = env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(label)
    return ".".join(map(str, number)) if number else None


def _solutions_as_details(app, doctree, docname):
    """sphinx-exercise's solutions become 정답 보기 (``solution`` nodes); its content sections,
    which carry the same id in every exercise, lose that id."""
    from sphinx_exercise.nodes import solution_node
    for section in doctree.findall(nodes.section):
        section["ids"] = [i for i in section["ids"] if i not in CONTENT_IDS]
    for found in list(doctree.findall(solution_node)):
        number = _exercise_number(app.env, docname, found.get("target_label"))
        box = solution(exercise=f"연습 {number}" if number else "풀이", ids=found["ids"],
                       classes=["gd-solution"])
        for child in found.children:
            if isinstance(child, nodes.title):
                continue
            box += child.children if isinstance(child, nodes.section) else [child]
        found.replace_self(box)


def _exercise_entries(app):
    """(number, docname, label) of every exercise of the book, in the order of their numbers."""
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    entries = []
    for label, entry in registry.items():
        if entry["type"].startswith("exercise"):
            number = _exercise_number(app.env, entry["docname"], label)
            if number:
                entries.append((tuple(map(int, number.split("."))), entry["docname"], label))
    return sorted(entries)


def _fill_answer_key(app, doctree, docname):
    from sphinx_exercise.nodes import exercise_enumerable_node, solution_node
    for placeholder in list(doctree.findall(answer_key)):
        content = []
        for number, source, label in _exercise_entries(app):
            other = app.env.get_doctree(source)
            exercise = next(n for n in other.findall(exercise_enumerable_node)
                            if label in n["ids"])
            title = nodes.paragraph(classes=["gd-key-title"])
            uri = app.builder.get_relative_uri(docname, source) + "#" + label
            title += nodes.reference("", f"연습 {'.'.join(map(str, number))}", refuri=uri,
                                     internal=True)
            content.append(title)
            for box in exercise.findall(answer):
                lines = [answer_text(p) for p in box["payload"]["parts"]]
                content.append(nodes.paragraph("", "정답: " + "   ".join(lines),
                                               classes=["gd-key-answer"]))
            for found in other.findall(solution_node):
                if found.get("target_label") == label:
                    for child in found.children:
                        if not isinstance(child, nodes.title):
                            content += [c.deepcopy() for c in (
                                child.children if isinstance(child, nodes.section) else [child])]
        container = nodes.container(classes=["gd-answer-key"])
        container += content
        placeholder.replace_self(container)


def _resolved(app, doctree, docname):
    if app.builder.format != "html":
        return
    _fill_answer_key(app, doctree, docname)
    _solutions_as_details(app, doctree, docname)


class AnswerKeyDirective(SphinxDirective):
    """``gd-answer-key``: every exercise's answers and solution, gathered here."""

    def run(self):
        self.env.metadata[self.env.docname]["gd_answer_key"] = True
        return [answer_key()]


def _answer_key_outdated(app, env, added, changed, removed):
    """The answer key is written again whenever a page with exercises changed."""
    keys = [d for d, meta in env.metadata.items() if meta.get("gd_answer_key")]
    return keys if (added | changed | removed) - set(keys) else []


def _static_path(app, config):
    config.html_static_path.append(str(Path(__file__).with_name("static")))


def _check_renderer(app, config):
    require_renderer("gdlesson-answer", AnswerRenderer)


def _answer_assets(app, pagename, templatename, context, doctree):
    if doctree is not None and next(iter(doctree.findall(answer)), None) is not None:
        app.add_css_file(STYLE_FILE)
        app.add_js_file(SCRIPT_FILE, loading_method="defer")


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.add_node(answer, html=(visit_answer_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))
    app.add_node(solution, html=(visit_solution_html, depart_solution_html))
    app.add_node(answer_key)
    app.add_directive("gd-answer-key", AnswerKeyDirective)
    app.connect("config-inited", _check_renderer)
    app.connect("config-inited", _static_path)
    app.connect("doctree-resolved", _resolved)
    app.connect("env-get-outdated", _answer_key_outdated)
    app.connect("html-page-context", _answer_assets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

