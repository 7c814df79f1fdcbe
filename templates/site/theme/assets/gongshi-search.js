/*
 * Gongshi: the theme's search box, searched with Pagefind.
 *
 * Pagefind's index is split into small chunks fetched on demand, so the first search
 * downloads a few hundred KB however many records the community has. It segments
 * Chinese, so 业主 finds pages that only say 小区业主委员会. Results are built with
 * DOM methods; only Pagefind's <mark> highlighting is kept from its excerpts.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.querySelector("[data-gs-search]");
  var toggle = document.getElementById("__search");
  if (!script || !box || !toggle) return;
  var root = new URL("../", script.src);
  var input = box.querySelector("input[name=query]");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var initial = meta.textContent;
  var loading = null;
  var timer = null;
  var latest = 0;
  var shown = 10;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: root.pathname, excerptLength: 30 }))
          .then(function () { return module; });
      });
    }
    return loading;
  }

  function excerpt(target, html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h2");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var text = document.createElement("p");
    excerpt(text, data.excerpt || "");
    article.appendChild(title);
    article.appendChild(text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      meta.textContent = initial;
      list.textContent = "";
      return;
    }
    meta.textContent = "正在搜索……";
    pagefind().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      return Promise.all(found.results.slice(0, shown).map(function (r) { return r.data(); }))
        .then(function (pages) { return { total: found.results.length, pages: pages }; });
    }).then(function (result) {
      if (ticket !== latest) return;
      list.textContent = "";
      if (!result.total) {
        meta.textContent = "没有找到与“" + query + "”相关的内容";
        return;
      }
      meta.textContent = "找到 " + result.total + " 个相关页面" + (result.total > shown ? "，显示前 " + shown + " 个" : "");
      result.pages.forEach(function (data) { list.appendChild(item(data)); });
    }).catch(function () {
      if (ticket === latest) meta.textContent = "搜索暂时不能使用，请稍后再试";
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    pagefind();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    open();
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) setTimeout(function () { input.focus(); }, 50);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) close();
  });
})();
