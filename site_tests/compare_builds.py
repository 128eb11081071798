"""Build the site twice from clean and list every file of ``_build/html`` that differs.

    python site_tests/compare_builds.py [--keep] [--source DIR]

Each build runs ``jupyter-book build SOURCE --path-output TMP -W -n --keep-going`` in its own
new temporary folder (no Jupyter cache: every notebook runs both times), one after the
other. For each file that differs the report gives a short diff and the likely cause
(PNG metadata, random ids, timestamps, memory addresses, ordering…). Exit status: 0 when the
two builds are identical, 1 when files differ, 2 when a build fails.

Not a test module (pytest does not collect it): it takes several minutes and two builds.

Written here rather than left to diffoscope: diffoscope shows raw differences (megabytes of
hex for a font or a PNG) but neither runs the two builds nor says why a file differs.
"""

import argparse
import base64
import difflib
import hashlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # gdlesson (find_players) from this checkout

TOKEN = re.compile(r'data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+|[^\s"\'<>=,;:(){}\[\]]+')
PATTERNS = [  # (what a differing token pair looks like, likely cause)
    (re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+)?Z?$|^\d{1,2}:\d{2}(:\d{2})?$"),
     "timestamp (build or execution time)"),
    (re.compile(r"^0x[0-9a-f]{6,}$"), "memory address in an object's repr"),
    (re.compile(r"^(/tmp|/var/folders)/"), "temporary directory path"),
    (re.compile(r"^(tmp|temp)[\w-]{6,}"), "temporary file name"),
    (re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), "random UUID"),
    (re.compile(r"^(id|cell-|sd-tab-|sd-)\w*\d+$"), "auto-numbered id (order of generation)"),
    (re.compile(r"^[\w./-]*[0-9a-f]{12,}[\w./-]*$"),
     "hash-like name or id (random, or derived from content that differs)"),
    (re.compile(r"^-?\d+(\.\d+)?(e-?\d+)?$"), "number (timing or floating-point nondeterminism)"),
]


def build(source, out):
    cmd = ["jupyter-book", "build", str(source), "--path-output", str(out), "-W", "-n", "--keep-going"]
    print("$", " ".join(cmd), flush=True)
    start = time.time()
    result = subprocess.run(cmd, capture_output=True, text=True)
    (out / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    print(f"  exit {result.returncode} in {time.time() - start:.0f} s (log: {out / 'build.log'})")
    if result.returncode != 0:
        print((result.stdout + result.stderr)[-3000:])
    return result.returncode == 0


def source_fingerprint(source):
    """Hash of the book's sources (not what a build writes into them), to notice edits made
    while the two builds ran: those would show up as differences that are not the build's."""
    skip = {"_build", ".git", ".jupyter_cache", "__pycache__", ".pytest_cache", ".cache",
            ".ipynb_checkpoints", "node_modules"}
    digest = hashlib.sha256()
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if skip & set(rel.parts) or not path.is_file() or path.suffix == ".ipynb":
            continue
        digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def files(root):
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


# --- PNG --------------------------------------------------------------------------------

def png_chunks(data):
    """``[(type, payload)]`` of a PNG file."""
    chunks, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append((kind.decode("latin-1"), data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return chunks


def png_cause(a, b):
    ca, cb = png_chunks(a), png_chunks(b)
    pixels = [zlib.decompress(b"".join(p for k, p in c if k == "IDAT")) for c in (ca, cb)]
    head = [[(k, p) for k, p in c if k in ("IHDR", "PLTE", "tRNS")] for c in (ca, cb)]
    if pixels[0] == pixels[1] and head[0] == head[1]:
        changed = [(k, p) for k, p in ca if (k, p) not in cb] + [(k, p) for k, p in cb if (k, p) not in ca]
        meta = sorted({k for k, _ in changed if k != "IDAT"})
        texts = [p[:60] for k, p in changed if k in ("tEXt", "iTXt", "zTXt")]
        if meta:
            return f"PNG metadata only (chunks {', '.join(meta)}: {texts[:2]}); same pixels"
        return "same pixels, different compression of the image data"
    if head[0] != head[1]:
        return "PNG header or palette differs"
    diff = sum(x != y for x, y in zip(*pixels)) + abs(len(pixels[0]) - len(pixels[1]))
    return f"PNG pixels differ ({diff} of {len(pixels[0])} bytes): nondeterministic rendering"


def font_cause(a, b):
    """Which tables of two versions of a font (TTF/OTF/WOFF/WOFF2) differ."""
    import io

    from fontTools.ttLib import TTFont
    fa, fb = TTFont(io.BytesIO(a)), TTFont(io.BytesIO(b))
    tables = sorted(t for t in set(fa.keys()) | set(fb.keys()) if t != "GlyphOrder"
                    and (t not in fa or t not in fb or fa.getTableData(t) != fb.getTableData(t)))
    if tables == ["head"]:
        ha, hb = fa["head"], fb["head"]
        fields = [f for f in vars(ha) if not f.startswith("_") and getattr(ha, f) != getattr(hb, f, None)]
        if set(fields) <= {"modified", "checkSumAdjustment"}:
            return ("font timestamp: head.modified is the time the font was written "
                    f"({ha.modified} vs {hb.modified}); the glyphs are the same")
        return f"font head table differs in {fields}"
    return f"font tables differ: {', '.join(tables)}"


def image_cause(a, b):
    """Likely cause for two versions of a binary file (images and fonts by their magic)."""
    if a[:8] == b"\x89PNG\r\n\x1a\n" and b[:8] == a[:8]:
        return png_cause(a, b)
    if a[:4] == b"RIFF" and a[8:12] == b"WEBP":
        return "WebP bytes differ"
    if a[:4] in (b"wOF2", b"wOFF", b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return font_cause(a, b)
    return "binary bytes differ"


# --- text -------------------------------------------------------------------------------

def token_cause(x, y):
    if x.startswith("data:") and y.startswith("data:"):
        try:
            return "embedded image: " + image_cause(base64.b64decode(x.split(",", 1)[1]),
                                                    base64.b64decode(y.split(",", 1)[1]))
        except Exception:   # not decodable: fall through to the generic causes
            pass
    for pattern, cause in PATTERNS:
        if pattern.search(x) and pattern.search(y):
            return cause
    return None


def short(token, n=70):
    return token if len(token) <= n else f"{token[:n // 2]}…{token[-n // 3:]} ({len(token)} chars)"


def text_report(a, b):
    """``(summary lines, causes)`` for two versions of a text file."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    if sorted(lines_a) == sorted(lines_b):
        moved = sum(x != y for x, y in zip(lines_a, lines_b))
        return [f"same {len(lines_a)} lines, {moved} in another order"], Counter(
            {"ordering (same lines in another order: set or dict iteration, parallel reads)": 1})
    ta, tb = TOKEN.findall(a), TOKEN.findall(b)
    if sorted(ta) == sorted(tb):
        return ["same tokens in another order"], Counter({"ordering (same tokens in another order)": 1})
    causes, summary = Counter(), []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = ta[i1:i2], tb[j1:j2]
        pair_causes = {token_cause(x, y) for x, y in zip(old, new)} if len(old) == len(new) else {None}
        cause = " / ".join(sorted(c for c in pair_causes if c)) if None not in pair_causes else \
            "content differs (see the diff)"
        causes[cause] += 1
        if len(summary) < 6:
            context = " ".join(short(t, 30) for t in ta[max(0, i1 - 3):i1])
            summary.append(f"{op}: …{context} [{' '.join(short(t) for t in old[:3])}"
                           f"{' …' if len(old) > 3 else ''}] -> [{' '.join(short(t) for t in new[:3])}"
                           f"{' …' if len(new) > 3 else ''}]")
    changes = sum(causes.values())
    if changes > len(summary):
        summary.append(f"… {changes} changed spans in all")
    return summary, causes


def player_report(a, b):
    """What differs between the players of two versions of a page (``gdlesson.find_players``:
    the one reader of a page's players): summary lines, empty when their data are equal."""
    try:
        from gdlesson import find_players
        pa, pb = find_players(a), find_players(b)
    except Exception as error:   # not the players gdlesson writes
        return [f"players unreadable: {error}"]
    if len(pa) != len(pb):
        return [f"{len(pa)} vs {len(pb)} players"]
    lines = []
    for index, (x, y) in enumerate(zip(pa, pb)):
        if x == y:
            continue
        fields = [f for f in ("frames", "labels", "width", "height", "alt", "fps", "mode", "split", "color")
                  if getattr(x, f) != getattr(y, f)]
        why = ("frames re-rendered (their files are named by a hash of the frames)"
               if fields == ["frames"] else "its data differ")
        lines.append(f"player {index + 1} ({x.id} vs {y.id}): {', '.join(fields) or 'id'} differ: {why}")
    return lines


def notebook_report(a, b):
    """``(summary lines, causes)`` for two versions of an executed notebook, cell by cell."""
    import json
    na, nb = json.loads(a), json.loads(b)
    if len(na["cells"]) != len(nb["cells"]):
        return [f"{len(na['cells'])} vs {len(nb['cells'])} cells"], Counter({"different cells": 1})
    summary, causes = [], Counter()
    if na.get("metadata") != nb.get("metadata"):
        lines, more = text_report(json.dumps(na.get("metadata"), indent=1),
                                  json.dumps(nb.get("metadata"), indent=1))
        summary += [f"metadata: {line}" for line in lines[:2]]
        causes.update(more)
    for index, (ca, cb) in enumerate(zip(na["cells"], nb["cells"])):
        if ca == cb:
            continue
        first = "".join(ca.get("source", "")).strip().splitlines()[:1]
        where = f"cell {index} ({short(first[0], 40) if first else 'empty'})"
        streams = [[o for o in c.get("outputs", []) if o.get("output_type") == "stream"] for c in (ca, cb)]
        if len(streams[0]) != len(streams[1]) and ca.get("source") == cb.get("source"):
            texts = ["".join("".join(o["text"]) for o in s) for s in streams]
            repeated = any(len(s) > 1 and any("".join(o["text"]) in "".join(s[0]["text"]) for o in s[1:])
                           for s in streams)
            cause = ("stream output split differently by the kernel (stdout flush timing)"
                     + ("; the later piece is repeated because myst-nb's merge_streams folds it "
                        "into the first output in place" if repeated else ""))
            summary.append(f"{where}: {len(streams[0])} vs {len(streams[1])} stream outputs, "
                           f"{len(texts[0])} vs {len(texts[1])} characters")
            causes[cause] += 1
            continue
        lines, more = text_report(json.dumps(ca, indent=1, ensure_ascii=False),
                                  json.dumps(cb, indent=1, ensure_ascii=False))
        summary += [f"{where}: {line}" for line in lines[:3]]
        causes.update(more)
    return summary, causes


def compare(dir_a, dir_b):
    fa, fb = files(dir_a), files(dir_b)
    only_a, only_b = sorted(fa.keys() - fb.keys()), sorted(fb.keys() - fa.keys())
    differ = [name for name in sorted(fa.keys() & fb.keys()) if fa[name].read_bytes() != fb[name].read_bytes()]
    print(f"\n{len(fa)} files in build A, {len(fb)} in build B: {len(differ)} differ, "
          f"{len(only_a)} only in A, {len(only_b)} only in B")
    all_causes = Counter()
    for name in only_a:
        print(f"\nONLY IN A: {name}")
    for name in only_b:
        print(f"\nONLY IN B: {name}")
    if only_a or only_b:
        all_causes["file names differ (content-hashed names of content that differs)"] += 1
    for name in differ:
        a, b = fa[name].read_bytes(), fb[name].read_bytes()
        print(f"\nDIFFERS: {name} ({len(a)} vs {len(b)} bytes)")
        if name.endswith(".inv"):    # objects.inv: 4 header lines, then zlib
            a, b = [x.split(b"\n", 4)[4] for x in (a, b)]
            a, b = zlib.decompress(a), zlib.decompress(b)
        try:
            ta, tb = a.decode("utf-8"), b.decode("utf-8")
        except UnicodeDecodeError:
            cause = image_cause(a, b)
            print(f"  cause: {cause}")
            all_causes[cause] += 1
            continue
        summary, causes = notebook_report(ta, tb) if name.endswith(".ipynb") else text_report(ta, tb)
        if name.endswith(".html"):
            summary = player_report(ta, tb) + summary
        for line in summary:
            print(f"  {line}")
        for cause, count in causes.most_common():
            print(f"  cause: {cause} ({count}x)")
        all_causes.update(causes)
    if differ or only_a or only_b:
        print("\nLIKELY CAUSES, over all files:")
        for cause, count in all_causes.most_common():
            print(f"  {count:4d}  {cause}")
    return not (differ or only_a or only_b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the book to build (default: this repo)")
    parser.add_argument("--keep", action="store_true", help="keep the two build folders")
    parser.add_argument("--compare-only", nargs=2, type=Path, metavar=("HTML_A", "HTML_B"),
                        help="compare two existing html folders without building")
    args = parser.parse_args()
    if args.compare_only:
        return 0 if compare(*args.compare_only) else 1
    work = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    try:
        source, outs = args.source.resolve(), [work / "a", work / "b"]
        before = source_fingerprint(source)
        for out in outs:
            out.mkdir()
            if not build(source, out):
                return 2
        if source_fingerprint(source) != before:
            print("\nWARNING: the sources changed while the builds ran; some differences may be edits")
        same = compare(outs[0] / "_build" / "html", outs[1] / "_build" / "html")
        print("\nthe two builds are identical" if same else "\nthe two builds differ")
        return 0 if same else 1
    finally:
        if args.keep:
            print(f"builds kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
