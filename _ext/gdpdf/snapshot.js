// One chapter of the site, as it stands after its own scripts ran, made ready to sit in one
// document with the others: ids prefixed with the chapter's name (two pages may both have an
// "id1"), links to a chapter turned into links inside the document, links to anything else of
// the site made absolute (they open the published site), images loaded eagerly.
async ([slug, chapters, siteRoot, publishedRoot]) => {
  await document.fonts.ready;
  // what the page's scripts put into its form fields (the explorer's α, epochs, w0, w1) is
  // state, not markup: written into the attributes, it is kept by the copy
  for (const field of document.querySelectorAll("article.bd-article input, article.bd-article textarea")) {
    if (field.type === "checkbox" || field.type === "radio") field.toggleAttribute("checked", field.checked);
    else if (field.tagName === "TEXTAREA") field.textContent = field.value;
    else field.setAttribute("value", field.value);
  }
  for (const option of document.querySelectorAll("article.bd-article option")) option.toggleAttribute("selected", option.selected);
  const article = document.querySelector("article.bd-article").cloneNode(true);
  article.querySelectorAll("a.headerlink, script, noscript, template").forEach(e => e.remove());
  const prefixed = id => `${slug}--${id}`;
  for (const e of article.querySelectorAll("[id]")) e.id = prefixed(e.id);
  for (const e of article.querySelectorAll("*")) {
    for (const name of ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers", "list"]) {
      if (e.hasAttribute(name)) e.setAttribute(name, e.getAttribute(name).split(/\s+/).map(prefixed).join(" "));
    }
    for (const attr of Array.from(e.attributes)) {
      if (attr.value.includes("url(#")) e.setAttribute(attr.name, attr.value.replace(/url\(#([^)]+)\)/g, (_, id) => `url(#${prefixed(id)})`));
    }
  }
  for (const a of article.querySelectorAll("a[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin) continue;
    const path = url.pathname.slice(new URL(siteRoot).pathname.length);   // "book/02_loss.html"
    const chapter = chapters.find(c => `${c}.html` === path);
    if (chapter) {
      a.setAttribute("href", "#" + (url.hash ? `${chapter.split("/").pop()}--${decodeURIComponent(url.hash.slice(1))}` : chapter.split("/").pop()));
    } else {
      a.setAttribute("href", publishedRoot + path + url.hash);
    }
  }
  for (const img of article.querySelectorAll("img")) {
    img.setAttribute("loading", "eager");
    img.setAttribute("src", new URL(img.getAttribute("src"), location.href).href);
  }
  const h1 = article.querySelector("h1");
  return {
    title: h1 ? h1.textContent.replace(/\s+/g, " ").trim() : document.title,
    html: article.innerHTML,
    styles: Array.from(document.querySelectorAll('link[rel="stylesheet"]')).map(l => l.href),
  };
}
