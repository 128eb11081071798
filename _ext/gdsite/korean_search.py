"""Korean full-text search for the site's built-in (Sphinx) search.

Sphinx has no Korean analyser: with ``language: ko`` it falls back to English and splits
text at spaces and punctuation. Korean attaches particles to words (손실을, 학습률이) and
writes compounds without spaces (손실함수), so a search for 손실 found only pages where
손실 stood alone. This extension registers a search language for ``ko`` that

- splits Hangul from other letters, so ``True인`` or ``w1과`` give ``True`` and ``인``;
- indexes every Hangul word with all its prefixes of two syllables or more (edge
  n-grams: 손실함수를 → 손실, 손실함, 손실함수, 손실함수를), so a stem matches exactly
  whether a particle, an ending or another noun follows it;
- strips one common particle or ending (을, 에서, 하는, 합니다…) from a Hangul word when
  at least two syllables remain, both in the index and in the reader's query (손실을 →
  손실). Browser and index strip alike, so a query word that begins a word on a page is
  stemmed to the very term that prefix was indexed under, and every index term is still
  a prefix of a word on the page;
- treats everything else (English, code names such as ``requires_grad``) exactly as
  Sphinx's English search does: lowercase, Porter stemming, English stop words.

A dictionary-based analyser (mecab-ko and the like) would need a native library at build
time and a large dictionary in the reader's browser; prefixes need neither, and the query
side is a few lines of JavaScript. The prefixes add terms to the index; the stripping
takes the inflected forms out again, so the index stays small.
Only prefixes are indexed, so a query for the second part of a compound (하강법 in
경사하강법) relies on searchtools.js's own substring match for terms of three or more
characters.
"""

import json
import re

from sphinx.search.en import SearchEnglish, js_porter_stemmer

HANGUL = "\uac00-\ud7a3"  # the 11,172 Hangul syllables
MIN_PREFIX = 2  # one-syllable prefixes would match far too much

# particles (조사) and common endings of 하다/되다 verbs, longest first
ENDINGS = sorted("""
    은 는 이 가 을 를 의 에 와 과 도 로 만 인
    으로 에서 에게 까지 부터 처럼 보다 마다 이나 에는 에도 와는 과는 로는 이라는 라는
    에서는 으로는 이다 이고 이며 입니다
    하다 하는 하고 하면 하여 해서 하기 한다 하라 합니다 했다 된다 되는 됩니다
""".split(), key=len, reverse=True)

_token_re = re.compile(rf"[{HANGUL}]+|[^\W{HANGUL}]+")
_hangul_re = re.compile(rf"[{HANGUL}]+")


def words(text):
    """Runs of Hangul syllables and runs of other word characters: ``True인`` → True, 인."""
    return _token_re.findall(text)


def strip_ending(word):
    """``word`` without its longest known particle or ending, if two syllables remain."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_PREFIX:
            return word[:-len(ending)]
    return word


def prefixes(word):
    """The prefixes of ``word`` with at least MIN_PREFIX syllables, ``word`` included."""
    return [word[:n] for n in range(min(MIN_PREFIX, len(word)), len(word) + 1)]


# The same rules for the query in the reader's browser. language_data.js is loaded after
# searchtools.js, so this splitQuery replaces the default one.
JS_SPLITTER = r"""
var splitQuery = function (query) {
  return query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .flatMap((word) => word.match(/[@HANGUL@]+|[^@HANGUL@]+/g) || []);
};
""".replace("@HANGUL@", r"\uAC00-\uD7A3")

JS_STEMMER = """
var Stemmer = (function () {
@PORTER@
  var Porter = Stemmer;  // the local one above: Sphinx's English stemmer
  var HANGUL = /^[\\uAC00-\\uD7A3]+$/;
  var ENDINGS = @ENDINGS@;
  return function () {
    var porter = new Porter();
    this.stemWord = function (word) {
      if (!HANGUL.test(word)) return porter.stemWord(word);
      for (var ending of ENDINGS) {
        if (word.endsWith(ending) && word.length - ending.length >= @MIN_PREFIX@)
          return word.slice(0, -ending.length);
      }
      return word;
    };
  };
})();
""".replace("@ENDINGS@", json.dumps(ENDINGS)).replace("@MIN_PREFIX@", str(MIN_PREFIX)) \
   .replace("@PORTER@", js_porter_stemmer)


class SearchKorean(SearchEnglish):
    lang = "ko"
    language_name = "Korean"
    js_splitter_code = JS_SPLITTER
    js_stemmer_code = JS_STEMMER

    def split(self, input):
        found = []
        for word in words(input):
            found.extend(prefixes(word) if _hangul_re.fullmatch(word) else [word])
        return found

    def stem(self, word):
        if _hangul_re.fullmatch(word):
            return strip_ending(word)
        return super().stem(word)


def setup(app):
    app.add_search_language(SearchKorean)
