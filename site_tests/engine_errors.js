/* Added at document start by the WebKit and Firefox drivers (engines.py): every error of the
   page from its first byte, as window.__gdProblems (WebKitWebDriver has no log API, so the
   page records its own). Console errors, uncaught errors and rejections, elements whose file
   failed to load, and fetches that failed or were answered with an error. */
(() => {
  const problems = window.__gdProblems = [];
  const text = v => v instanceof Error ? `${v.name}: ${v.message}` : typeof v === "string" ? v : (() => {
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  })();
  const error = console.error.bind(console);
  console.error = (...args) => { problems.push(`console error: ${args.map(text).join(" ")}`); error(...args); };
  addEventListener("error", event => {
    const el = event.target;
    if (el && el !== window && el.nodeType === 1) {
      problems.push(`failed request: <${el.tagName.toLowerCase()}> ${el.currentSrc || el.src || el.href || ""}`);
    } else {
      problems.push(`page error: ${event.message} (${event.filename}:${event.lineno})`);
    }
  }, true);
  addEventListener("unhandledrejection", event => problems.push(`page error: unhandled rejection ${text(event.reason)}`));
  const fetch = window.fetch;
  window.fetch = (...args) => fetch(...args).then(response => {
    if (!response.ok) problems.push(`HTTP ${response.status}: ${response.url}`);
    return response;
  }, reason => {
    problems.push(`failed request: ${args[0]} (${text(reason)})`);
    throw reason;
  });
})();
