// The site checks' visits in Firefox: `node engine_firefox.mjs SPEC OUT`.
// SPEC is the JSON that engines.py writes (the checks' script, the error script and the
// visits); OUT gets {"version": …, "visits": {key: data}}. puppeteer-core (npm, no browser
// download) drives Debian's firefox-esr, headless, over WebDriver BiDi: one browser for
// every visit, one tab, one page after another. Besides the page's own record of its errors
// (the error script, added at document start as in WebKit), the browser's own events count.
import fs from "node:fs";
import puppeteer from "puppeteer-core";

const FIREFOX = "/usr/bin/firefox-esr";      // Debian's firefox-esr
const [specPath, outPath] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specPath, "utf8"));
const checks = fs.readFileSync(spec.checks, "utf8");
const errors = fs.readFileSync(spec.errors, "utf8");
const local = url => /^(data|blob|about):/.test(url) || new URL(url).hostname === "127.0.0.1";

// Firefox reports "Invalid markup: Incorrect number of children for <msub/> tag." when it lays
// out a formula whose children have not all arrived yet (a page parsed in network chunks on a
// loaded machine). Such a report counts only if an element of that tag is still malformed
// once the page has loaded.
const ARITY = {msub: 2, msup: 2, mfrac: 2, mover: 2, munder: 2, mroot: 2, msubsup: 3, munderover: 3};
async function stillInvalid(page, problems) {
  const kept = [];
  for (const problem of problems) {
    const tag = /Incorrect number of children for <(\w+)\/> tag/.exec(problem)?.[1];
    const malformed = tag in ARITY && await page.evaluate((tag, n) =>
      [...document.getElementsByTagName(tag)].filter(e => e.children.length !== n).length, tag, ARITY[tag]);
    if (!(tag in ARITY) || malformed) kept.push(malformed ? `${problem} (${malformed} in the loaded page)` : problem);
  }
  return kept;
}

const browser = await puppeteer.launch({browser: "firefox", executablePath: FIREFOX, headless: true});
const out = {version: (await browser.version()).replace(/^firefox\//, ""), visits: {}};
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  await page.evaluateOnNewDocument(errors);
  let problems = [];
  page.on("console", m => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", e => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", r => problems.push(`failed request: ${r.url().slice(0, 200)} (${r.failure()?.errorText})`));
  page.on("response", r => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url().slice(0, 200)}`));
  page.on("request", r => local(r.url()) || problems.push(`request to another host: ${r.url().slice(0, 200)}`));
  for (const visit of spec.visits) {
    const start = Date.now();
    let data;
    try {
      await page.goto("about:blank");
      problems = [];
      await page.setViewport({width: visit.width, height: visit.height});
      await page.goto(visit.url, {waitUntil: "load"});
      data = await page.evaluate(`${checks}\n;gdChecks.run(${JSON.stringify(visit)})`);
      data.problems = [...new Set([...data.problems, ...await stillInvalid(page, problems)])];
    } catch (error) {       // the visit's checks fail with the reason
      data = {failed: String(error && error.stack || error).slice(0, 500)};
    }
    data.seconds = (Date.now() - start) / 1000;
    out.visits[visit.key] = data;
  }
} finally {
  await browser.close();
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 1));
