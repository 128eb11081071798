/* The header's menus (download, launch, repository) open on click, tap and keyboard.
   The theme's markup opens them with Bootstrap's script (80 KB, and its start-up builds a
   tooltip object for every button); these few lines do what the menus need instead:
   the toggle opens and closes its menu, Escape or a click elsewhere closes it. */
(function () {
  "use strict";
  function close(except) {
    document.querySelectorAll(".dropdown-toggle[aria-expanded='true']").forEach(function (t) {
      if (t === except) return;
      t.setAttribute("aria-expanded", "false");
      t.classList.remove("show");
      t.nextElementSibling.classList.remove("show");
    });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".dropdown-toggle");
    close(toggle);
    if (!toggle) return;
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.classList.toggle("show", open);
    toggle.nextElementSibling.classList.toggle("show", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close(null);
  });
})();
