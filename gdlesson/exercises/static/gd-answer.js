/* 확인 문제의 답안 상자와 답안제출 줄 (gdlesson.exercises.page).
 *
 * Each <form class="gd-answer"> holds its exercise as JSON (the right answer and the known
 * mistakes of each part, computed when the page was built). 채점하기 judges every part with
 * the rule of gdlesson/exercises/core.py (judge): right within half a unit of the stated
 * last decimal; else the first known mistake the answer matches, said by name; else the
 * part's hint. The verdict goes into the part's live region (role="status"). Answers are
 * kept in localStorage, so a reload keeps them; an address such as
 * "?ex5_3.2=0.00838&ex5_3.3=2" (from the α explorer) fills parts in. Each
 * .gd-answer-sheet keeps one line of its chapter's answers, in the exercises' forms, and
 * copies it. Runs once per box even when a notebook repeats this script in every output.
 */
(function () {
  "use strict";
  var RIGHT = "정답입니다.", WRONG = "아닙니다.";
  var CLOSE = "거의 맞았습니다. 마지막 자리까지 반올림했는지, 계산 중간에 너무 일찍 반올림하지 " +
              "않았는지 확인해 보세요.";
  var CLOSE_UNITS = 1.5, BLANK = "??", CIRCLED = "①②③④⑤⑥⑦⑧⑨", OX = ["O", "X"];
  var STORE = "gd-answers:";

  function dataOf(root) { return JSON.parse(root.querySelector(".gd-answer-data").textContent); }
  function tolerance(part) { return 0.5 * Math.pow(10, -part.decimals) * (1 + 1e-9); }
  function close(a, b, t) { return Math.abs(a - b) <= t; }
  function sameSet(a, b) {
    var x = a.slice().sort(), y = b.slice().sort();
    return x.length === y.length && x.every(function (v, i) { return v === y[i]; });
  }

  function matches(part, answer, expected) {
    if (part.kind === "number") return close(answer, expected, tolerance(part));
    if (part.kind === "vector")
      return answer.length === expected.length &&
             answer.every(function (a, i) { return close(a, expected[i], tolerance(part)); });
    if (part.kind === "choices") return sameSet(answer, expected);
    return answer === expected;
  }

  function knownMistake(part, answer) {
    for (var i = 0; i < part.mistakes.length; i++) {
      var m = part.mistakes[i];
      if ("answer" in m && matches(part, answer, m.answer)) return m;
      if (part.kind === "number" && !("answer" in m) &&
          (("above" in m && answer > m.above) || ("below" in m && answer < m.below))) return m;
    }
    return null;
  }

  function joined(words) { return words.filter(Boolean).join(" "); }

  // [right, message], as gdlesson.exercises.core.judge gives them
  function judge(part, answer) {
    if (matches(part, answer, part.answer)) return [true, RIGHT];
    var mistake = knownMistake(part, answer);
    if (mistake) return [false, WRONG + " " + mistake.message];
    if (part.kind === "number" && close(answer, part.answer, CLOSE_UNITS * 2 * tolerance(part)))
      return [false, WRONG + " " + CLOSE];
    if (part.kind === "vector") {
      var wrong = part.fields.filter(function (f, i) {
        return !close(answer[i], part.answer[i], tolerance(part));
      });
      if (wrong.length < part.fields.length)
        return [false, joined([WRONG, wrong.join(", ") + "의 값이 맞지 않습니다.", part.hint])];
    }
    return [false, joined([WRONG, part.hint])];
  }

  function parseNumber(text) {
    var t = text.trim().replace(/[\u2212\u2013]/g, "-").replace(/\s+/g, "");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
    return Number(t);
  }

  /* ---------- one answer box ---------- */

  function partElements(root) { return Array.prototype.slice.call(root.querySelectorAll(".gd-part")); }

  // the part's answer as judge() takes it, or {problem} when it cannot be read
  function readPart(part, el) {
    if (part.kind === "number" || part.kind === "vector") {
      var inputs = Array.prototype.slice.call(el.querySelectorAll("input[type=text]"));
      var values = inputs.map(function (input) { return input.value.trim(); });
      if (values.some(function (v) { return v === ""; }))
        return { problem: inputs.length > 1 ? "값을 모두 넣어 주세요." : "답을 넣어 주세요." };
      var numbers = values.map(parseNumber);
      if (numbers.some(function (v) { return v === null; }))
        return { problem: "숫자로 적어 주세요 (예: −1.2345)." };
      return { answer: part.kind === "number" ? numbers[0] : numbers };
    }
    var checked = Array.prototype.slice.call(el.querySelectorAll("input:checked"))
      .map(function (input) { return Number(input.value); });
    if (!checked.length) return { problem: part.kind === "choices" ? "하나 이상 고르세요." : "하나를 고르세요." };
    if (part.kind === "ox") return { answer: OX[checked[0]] };
    return { answer: part.kind === "choice" ? checked[0] : checked };
  }

  function show(el, right, message) {
    var verdict = el.querySelector(".gd-verdict");
    verdict.textContent = message;
    verdict.classList.toggle("gd-right", right === true);
    verdict.classList.toggle("gd-wrong", right === false);
  }

  function grade(root, data) {
    partElements(root).forEach(function (el, k) {
      var part = data.parts[k], read = readPart(part, el);
      if (read.problem) show(el, null, read.problem);
      else { var v = judge(part, read.answer); show(el, v[0], v[1]); }
    });
  }

  // what the student wrote for a part, in its form ("(1) Ŵ = [1.4454, 4.6848]")
  function written(part, el) {
    var pieces = part.form.split(BLANK), values;
    if (part.kind === "number" || part.kind === "vector")
      values = Array.prototype.slice.call(el.querySelectorAll("input[type=text]"))
        .map(function (input) { return input.value.trim().replace(/[\u2212\u2013]/g, "-") || BLANK; });
    else {
      var checked = Array.prototype.slice.call(el.querySelectorAll("input:checked"))
        .map(function (input) { return Number(input.value); });
      values = [checked.length ? checked.map(function (k) {
        return part.kind === "ox" ? OX[k] : CIRCLED[k];
      }).join("") : BLANK];
    }
    return pieces.map(function (piece, i) { return piece + (i < values.length ? values[i] : ""); }).join("");
  }

  function fields(root) { return Array.prototype.slice.call(root.querySelectorAll("input")); }

  function save(root, name) {
    try {
      localStorage.setItem(STORE + name, JSON.stringify(fields(root).map(function (input) {
        return input.type === "text" ? input.value : input.checked;
      })));
    } catch (e) { /* private browsing: answers simply are not kept */ }
  }

  function restore(root, name) {
    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(STORE + name) || "null"); } catch (e) { kept = null; }
    if (!Array.isArray(kept)) return;
    fields(root).forEach(function (input, i) {
      if (i >= kept.length) return;
      if (input.type === "text" && typeof kept[i] === "string") input.value = kept[i];
      else if (input.type !== "text" && typeof kept[i] === "boolean") input.checked = kept[i];
    });
  }

  // "?ex5_3.2=0.00838&ex5_3.3=2": part 2 gets 0.00838, part 3 its option 2 (1-based)
  function fillFromAddress(root, data) {
    var params = new URLSearchParams(location.search), filled = false;
    partElements(root).forEach(function (el, k) {
      var value = params.get(data.name + "." + (k + 1));
      if (value === null) return;
      var part = data.parts[k];
      if (part.kind === "number" || part.kind === "vector") {
        var values = value.split(",");
        el.querySelectorAll("input[type=text]").forEach(function (input, i) {
          if (i < values.length) input.value = values[i];
        });
      } else {
        value.split(",").forEach(function (v) {
          var input = el.querySelector("input[value='" + (Number(v) - 1) + "']");
          if (input) input.checked = true;
        });
      }
      filled = true;
    });
    return filled;
  }

  function setUp(root) {
    if (root.gdAnswer) return;
    var data = dataOf(root);
    root.gdAnswer = { data: data, grade: function () { grade(root, data); },
                      written: function () {
                        return partElements(root).map(function (el, k) { return written(data.parts[k], el); });
                      } };
    restore(root, data.name);
    if (fillFromAddress(root, data)) save(root, data.name);
    root.addEventListener("submit", function (event) { event.preventDefault(); grade(root, data); });
    root.addEventListener("input", function () { save(root, data.name); updateSheets(); });
    root.addEventListener("change", function () { save(root, data.name); updateSheets(); });
    root.querySelectorAll(".gd-sign").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = button.parentElement.querySelector("input");
        var v = input.value.trim();
        input.value = /^[-\u2212]/.test(v) ? v.replace(/^[-\u2212]/, "") : "-" + v.replace(/^\+/, "");
        input.focus();
        save(root, data.name);
        updateSheets();
      });
    });
  }

  /* ---------- the answer sheet ---------- */

  function sheetLine(data) {
    var items = data.exercises.map(function (e) {
      var box = document.getElementById("gd-answer-" + e.name);
      var parts = box && box.gdAnswer ? box.gdAnswer.written() : e.forms;
      return "연습 " + e.exercise + " " + parts.join(" ");
    });
    return data.chapter + "장 확인 문제 | " + items.join(" | ");
  }

  function updateSheets() {
    document.querySelectorAll(".gd-answer-sheet").forEach(function (sheet) {
      if (!sheet.gdSheet) return;
      sheet.querySelector("output").textContent = sheetLine(sheet.gdSheet);
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text);
    return new Promise(function (done, fail) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) done(); else fail(new Error("copy refused"));
    });
  }

  function setUpSheet(sheet) {
    if (sheet.gdSheet) return;
    sheet.gdSheet = dataOf(sheet);
    var said = sheet.querySelector(".gd-sheet-said");
    sheet.querySelector(".gd-sheet-copy").addEventListener("click", function () {
      var line = sheetLine(sheet.gdSheet);
      copyText(line).then(function () {
        said.textContent = "복사했습니다. 과제를 내는 곳에 붙여 넣으세요.";
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(sheet.querySelector("output"));
        var selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        said.textContent = "자동으로 복사하지 못했습니다. 선택된 줄을 직접 복사하세요.";
      });
    });
  }

  function start() {
    document.querySelectorAll("form.gd-answer").forEach(setUp);
    document.querySelectorAll(".gd-answer-sheet").forEach(setUpSheet);
    updateSheets();
  }

  window.gdAnswers = { judge: judge, parseNumber: parseNumber, start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
