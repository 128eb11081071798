"""The Korean search language of ``_ext/gdsite/korean_search.py``: which terms a sentence puts in
the search index and which term a query word looks up (no site build needed)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite import korean_search

ROOT = Path(__file__).resolve().parent.parent


LANG = korean_search.SearchKorean({})


def index_terms(text):
    """The terms Sphinx's IndexBuilder stores for ``text``: split, then stem each word."""
    stems = (LANG.stem(word).lower() for word in LANG.split(text))
    return {stem for stem in stems if LANG.word_filter(stem)}


def test_hangul_words_are_indexed_with_their_prefixes():
    assert LANG.split("손실함수를") == ["손실", "손실함", "손실함수", "손실함수를"]
    assert LANG.split("값을 구한다") == ["값을", "구한", "구한다"]
    assert LANG.split("폭") == ["폭"]


def test_sentence_with_particles_and_compounds():
    terms = index_terms("손실함수를 최소화하는 경사하강법을 배웁니다")
    assert {"손실", "손실함수", "최소화", "경사", "경사하강법"} <= terms
    # inflected forms fold into their stems
    assert not {"손실함수를", "최소화하는", "경사하강법을"} & terms


def test_sentence_mixing_code_and_korean():
    text = "loss.backward()는 requires_grad=True인 텐서로 미분합니다"
    assert LANG.split(text)[:5] == ["loss", "backward", "는", "requires_grad", "True"]
    terms = index_terms(text)
    assert {"loss", "backward", "requires_grad", "true", "텐서", "미분"} <= terms
    assert "true인" not in terms and "미분합니다" not in terms


@pytest.mark.parametrize("query, stem", [
    ("손실", "손실"), ("손실을", "손실"), ("손실함수", "손실함수"), ("학습률이", "학습률"),
    ("경사하강법을", "경사하강법"), ("경사하강법에서는", "경사하강법"), ("미분하라", "미분"),
    ("미분", "미분"), ("값을", "값을"),      # one syllable would be left: nothing stripped
    ("차이", "차이"),                        # 이 here is no particle, and 차 alone is too short
])
def test_query_words_look_up_their_stem(query, stem):
    assert LANG.stem(query) == stem


@pytest.mark.parametrize("page_word, query", [
    ("손실을", "손실"), ("손실함수를", "손실"), ("손실함수를", "손실함수"), ("손실을", "손실을"),
    ("학습률이", "학습률"), ("경사하강법을", "경사하강법"), ("미분을", "미분"), ("미분하라는", "미분하라"),
])
def test_query_finds_the_word_it_begins(page_word, query):
    assert LANG.stem(query) in index_terms(page_word)


def test_english_words_keep_sphinx_english_terms():
    english = korean_search.SearchEnglish({})
    for word in ["backward", "requires_grad", "alpha", "Gradients", "learning", "parameters"]:
        assert LANG.split(word) == english.split(word)
        assert LANG.stem(word) == english.stem(word)
    assert index_terms("Gradients of the learning rate") == {"gradient", "learn", "rate"}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the browser code")
def test_browser_code_splits_and_stems_queries_as_python_does():
    queries = ["손실을", "학습률이 큰 경우", "경사하강법에서는", "미분하라", "차이", "값을",
               "loss.backward()는", "requires_grad=True인", "learning rates", "α=0.01로"]
    script = (LANG.js_stemmer_code + LANG.js_splitter_code + """
        const stemmer = new Stemmer();
        const queries = JSON.parse(process.argv[1]);
        console.log(JSON.stringify(queries.map(
            (q) => splitQuery(q).map((w) => stemmer.stemWord(w.toLowerCase())))));
    """)
    result = subprocess.run(["node", "-e", script, json.dumps(queries)],
                            capture_output=True, text=True, check=True)
    expected = [[LANG.stem(w.lower()) for w in korean_search.words(q)] for q in queries]
    assert json.loads(result.stdout) == expected
    assert expected[0] == ["손실"] and expected[6] == ["loss", "backward", "는"]
