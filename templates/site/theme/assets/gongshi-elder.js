/*
 * Gongshi: the 大字 / 长辈模式 switch, as the 工信部《互联网网站适老化通用设计规范》 asks.
 *
 * The choice is this device's (localStorage `gongshi-elder` = "1"); partials/elder-head.html
 * applies it in <head>, before the first paint, so a page never flashes small text first.
 * Clicks are caught on the document and the class lives on <html>, so the switch keeps
 * working when material's instant navigation swaps the page under it.
 *
 * The 404 page's search box hands its words to the header's search (assets/gongshi-search.js).
 */
(function () {
  "use strict";
  var KEY = "gongshi-elder";
  var CLASS = "gs-elder";
  var root = document.documentElement;

  function elder() {
    return root.classList.contains(CLASS);
  }

  function show() {
    document.querySelectorAll("[data-gs-elder]").forEach(function (button) {
      button.setAttribute("aria-pressed", elder() ? "true" : "false");
    });
  }

  function choose(on) {
    root.classList.toggle(CLASS, on);
    try {
      if (on) localStorage.setItem(KEY, "1");
      else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the choice lasts for this page only */ }
    show();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gs-elder]");
    if (!button) return;
    event.preventDefault();
    choose(!elder());
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-gs-search-here]")) return;
    var words = form.querySelector("input");
    var box = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (!words || !box || !toggle) return; // no search here: the form goes to the home page
    event.preventDefault();
    toggle.checked = true;
    box.value = words.value.trim();
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      root.classList.toggle(CLASS, event.newValue === "1");
      show();
    }
  });

  show();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(show);
  }
})();
