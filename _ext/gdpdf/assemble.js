// The lecture as one print document, in the tab of the book's first page: its body replaced by
// a cover, a contents page and every chapter in the order of _toc.yml, each chapter on pages of
// its own name (CSS named pages) so that its running footer names it. Returns the headings the
// contents list, in order, with the ids that link to them.
async (book) => {
  const have = new Set(Array.from(document.querySelectorAll('link[rel="stylesheet"]')).map(l => l.href));
  for (const href of book.styles) {
    if (have.has(href)) continue;
    const link = Object.assign(document.createElement("link"), {rel: "stylesheet", href});
    const loaded = new Promise(done => { link.onload = done; link.onerror = done; });
    document.head.append(link);
    have.add(href);
    await loaded;
  }
  const quote = text => '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  const pages = book.chapters.map((c, i) => `@page gd-chapter-${i} { @bottom-left { content: ${quote(c.title)}; } }`);
  const style = document.createElement("style");
  style.textContent = pages.join("\n");
  document.head.append(style);
  document.title = book.title;

  const escape = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const videos = book.cover.videos.map(v => `<li><a href="${escape(v.href)}">${escape(v.text)}</a><br><span class="gd-pdf-url">${escape(v.href)}</span></li>`).join("");
  const chapters = book.chapters.map((c, i) =>
    `<section class="gd-pdf-chapter" id="${escape(c.slug)}" style="page: gd-chapter-${i}">${c.html}</section>`).join("");
  document.body.className = "gd-pdf";
  document.body.innerHTML = `
    <div class="gd-pdf-cover">
      <p class="gd-pdf-title">${escape(book.title)}</p>
      <p class="gd-pdf-author">${escape(book.cover.author)}</p>
      <p class="gd-pdf-byline">${escape(book.cover.byline)}</p>
      <p class="gd-pdf-label">강의영상</p><ul class="gd-pdf-videos">${videos}</ul>
      <p class="gd-pdf-label">이 교재의 사이트</p>
      <p><a href="${escape(book.cover.site)}">${escape(book.cover.site)}</a></p>
    </div>
    <nav class="gd-pdf-contents" id="gd-pdf-contents"><h1>차례</h1><ol></ol></nav>
    <div class="bd-container"><div class="bd-container__inner bd-page-width"><main class="bd-main"><div class="bd-content"><div class="bd-article-container">
      <article class="bd-article">${chapters}</article>
    </div></div></main></div></div>`;

  const list = document.querySelector(".gd-pdf-contents ol");
  const entries = [];
  for (const section of document.querySelectorAll("section.gd-pdf-chapter")) {
    for (const h of section.querySelectorAll("h1, h2")) {
      const target = h.closest("section[id]") || section;
      const text = h.textContent.replace(/\s+/g, " ").trim();
      const level = h.tagName === "H1" ? 1 : 2;
      const li = document.createElement("li");
      li.className = `gd-pdf-level-${level}`;
      li.innerHTML = `<a href="#${escape(h.tagName === "H1" ? section.id : target.id)}"><span class="gd-pdf-entry">${escape(text)}</span><span class="gd-pdf-page"></span></a>`;
      list.append(li);
      entries.push({level, text, id: h.tagName === "H1" ? section.id : target.id});
    }
  }
  // every image and every font in place before printing
  const images = Array.from(document.images);
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  })));
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  await document.fonts.ready;
  return {entries, broken: images.filter(img => !(img.naturalWidth > 0)).map(img => img.src)};
}
