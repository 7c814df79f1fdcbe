/*
 * Gongshi: the theme's search box, searched with Pagefind.
 *
 * Every page carries, in a field Pagefind indexes (generator/site/search.py), each pair
 * of neighbouring characters of its text written as a Latin word (吴桂 → gs0gms0kle).
 * A query is cut here into runs of letters and digits (a space or a 、 separates
 * runs); a run of two or more characters is asked for as its pairs in a row
 * (Pagefind's quoted search), one character as the words that start with it.
 * A page is found when it holds every run, so 吴桂芳 finds every page that says
 * 吴桂芳 and no other, whatever a dictionary thinks of the name.
 *
 * Results come ten at a time (更多结果), can be narrowed to a record kind, and each
 * shows the text around the first match, starting at a word, not inside a number.
 * Results are built with DOM methods; no page text is parsed as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.querySelector("[data-gs-search]");
  var toggle = document.getElementById("__search");
  if (!script) return;
  var root = new URL("../", script.src);
  var KINDS = ["组织", "账目", "事项", "排班"];
  var PAGE = 10;
  var RANKING = { metaWeights: { title: 5, title_grams: 8, search_grams: 1 } };
  var loading = null;

  /*
   * The index is in two parts, built at once (search.py PARTS): the ledgers' pages in
   * pagefind/funds/, the others in pagefind/. Pagefind searches the merged part with the
   * main part's code, and every search here asks both.
   */
  function pagefind() {
    if (!loading) {
      var options = { baseUrl: root.pathname, ranking: RANKING };
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return Promise.resolve(module.options(options))
          .then(function () { return module.mergeIndex(new URL("pagefind/funds/", root).pathname, options); })
          .then(function () { return module; });
      });
    }
    return loading;
  }

  /* The same runs as search.py's searchable_runs, except that a typed space separates. */
  function runs(query) {
    var found = query.normalize("NFKC").toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return found.filter(function (run, index) { return run && found.indexOf(run) === index; });
  }

  function code(char) {
    return char.codePointAt(0).toString(36).padStart(4, "0");
  }

  function pairs(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return ["gs" + code(chars[0])];
    var words = [];
    for (var i = 0; i + 1 < chars.length; i++) words.push("gs" + code(chars[i]) + code(chars[i + 1]));
    return words;
  }

  function term(run) {
    return Array.from(run).length === 1 ? pairs(run)[0] : '"' + pairs(run).join(" ") + '"';
  }

  function kindWord(kind) {
    return "gk" + Array.from(kind).map(code).join("");
  }

  /* Page ids of each record kind: every page of a kind carries that kind's word (search.py). */
  var kindPages = null;
  function kinds(module) {
    if (!kindPages) {
      kindPages = Promise.all(KINDS.map(function (kind) {
        return module.search(kindWord(kind)).then(function (found) {
          return new Set(found.results.map(function (r) { return r.id; }));
        });
      }));
    }
    return kindPages;
  }

  /*
   * Every page that holds each run of the query, best first, with the number of
   * them in each record kind; `kind` keeps only that kind's pages.
   */
  function find(query, kind) {
    var wanted = runs(query);
    if (!wanted.length) return Promise.resolve({ results: [], total: 0, counts: {} });
    return pagefind().then(function (module) {
      var exact = Promise.all(wanted.map(function (run) { return module.search(term(run)); }));
      var ranked = module.search(wanted.map(function (run) { return pairs(run).join(" "); }).join(" "));
      return Promise.all([exact, ranked, kinds(module)]);
    }).then(function (answers) {
      var holding = null;
      answers[0].forEach(function (found) {
        var ids = new Set(found.results.map(function (r) { return r.id; }));
        holding = holding ? new Set(Array.from(holding).filter(function (id) { return ids.has(id); })) : ids;
      });
      var order = answers[1].results.concat(answers[0][0].results);
      var seen = new Set();
      var results = order.filter(function (r) {
        if (!holding.has(r.id) || seen.has(r.id)) return false;
        seen.add(r.id);
        return true;
      });
      var counts = {};
      KINDS.forEach(function (name, index) {
        counts[name] = results.filter(function (r) { return answers[2][index].has(r.id); }).length;
      });
      var total = results.length;
      if (kind) {
        var ofKind = answers[2][KINDS.indexOf(kind)] || new Set();
        results = results.filter(function (r) { return ofKind.has(r.id); });
      }
      return { results: results, total: total, counts: counts };
    });
  }

  window.gongshiSearch = { find: find, runs: runs };
  if (!box || !toggle) return;

  /* The text with spaces and zero-width spaces removed, NFKC, lower case, and where each of its code units came from. */
  function normalized(text) {
    var out = "";
    var from = [];
    var to = [];
    var index = 0;
    Array.from(text).forEach(function (char) {
      if (!/\s/.test(char)) {
        var n = char.normalize("NFKC").toLowerCase();
        for (var k = 0; k < n.length; k++) {
          out += n[k];
          from.push(index);
          to.push(index + char.length);
        }
      }
      index += char.length;
    });
    return { text: out, from: from, to: to };
  }

  /* Where a snippet may start, best first: after a sentence or block, a mark, a space. */
  var BREAKS = [/[。！？；\n]/, /[，、：:;,|｜（）()【】「」“”《》]/, /\s/];

  function isWordChar(char) {
    return /[\p{N}A-Za-z.,%]/u.test(char || "");
  }

  /* The earliest start between `from` and `limit` after the best break there, never inside a number. */
  function startAt(text, from, limit) {
    for (var tier = 0; tier < BREAKS.length; tier++) {
      for (var i = Math.max(from, 1); i <= limit; i++) {
        var inNumber = isWordChar(text[i - 1]) && isWordChar(text[i]);
        if (!inNumber && BREAKS[tier].test(text[i - 1])) return i;
      }
    }
    var start = from;
    while (start < limit && isWordChar(text[start]) && isWordChar(text[start - 1])) start++;
    return start;
  }

  function snippet(target, content, title, wanted) {
    var text = content.replace(/\u200b/g, "");
    if (title && text.indexOf(title) === 0) text = text.slice(title.length).replace(/^[.\s]+/, "");
    text = text.replace(/\.(\s|$)/g, "\n");
    var norm = normalized(text);
    var marks = [];
    wanted.forEach(function (run) {
      for (var at = norm.text.indexOf(run); at !== -1; at = norm.text.indexOf(run, at + run.length)) {
        marks.push([norm.from[at], norm.to[at + run.length - 1]]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var first = marks.length ? marks[0][0] : 0;
    var start = first > 0 ? startAt(text, Math.max(0, first - 24), first) : 0;
    var end = Math.min(text.length, start + 90);
    while (end < text.length && isWordChar(text[end]) && isWordChar(text[end - 1])) end++;
    if (start > 0) target.appendChild(document.createTextNode("…"));
    var at = start;
    marks.forEach(function (mark) {
      if (mark[0] < at || mark[1] > end) return;
      target.appendChild(document.createTextNode(text.slice(at, mark[0])));
      var element = document.createElement("mark");
      element.textContent = text.slice(mark[0], mark[1]);
      target.appendChild(element);
      at = mark[1];
    });
    target.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
  }

  var input = box.querySelector("input[name=query]");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var filters = box.querySelector("[data-gs-search-kinds]");
  var more = box.querySelector("[data-gs-search-more]");
  var initial = meta.textContent;
  var timer = null;
  var latest = 0;
  var current = null;

  function item(data, wanted) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h2");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var kind = data.meta && data.meta.kind;
    if (kind) {
      var label = document.createElement("span");
      label.className = "gs-search-kind";
      label.textContent = kind;
      title.prepend(label);
    }
    var text = document.createElement("p");
    snippet(text, data.content || "", data.meta && data.meta.title, wanted);
    article.appendChild(title);
    article.appendChild(text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function showMore() {
    var state = current;
    var next = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (state !== current) return;
      pages.forEach(function (data) { list.appendChild(item(data, state.wanted)); });
      var left = state.results.length - state.shown;
      more.hidden = left <= 0;
      more.textContent = "更多结果（还有 " + left + " 个）";
    });
  }

  function kindButtons(state) {
    filters.textContent = "";
    if (!state.total) return;
    [null].concat(KINDS).forEach(function (kind) {
      var count = kind ? state.counts[kind] : state.total;
      if (!count) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gs-search-filter";
      button.textContent = (kind || "全部") + " " + count;
      button.setAttribute("aria-pressed", String(kind === state.kind));
      button.addEventListener("click", function () { search(kind); });
      filters.appendChild(button);
    });
  }

  function search(kind) {
    var query = input.value.trim();
    var ticket = ++latest;
    more.hidden = true;
    if (!query) {
      meta.textContent = initial;
      list.textContent = "";
      filters.textContent = "";
      current = null;
      return;
    }
    meta.textContent = "正在搜索……";
    find(query, kind || null).then(function (found) {
      if (ticket !== latest) return;
      if (kind && !found.counts[kind]) return search(null);
      list.textContent = "";
      current = { results: found.results, total: found.total, counts: found.counts, kind: kind || null, shown: 0, wanted: runs(query) };
      kindButtons(current);
      if (!found.total) {
        meta.textContent = "没有找到含有“" + query + "”的页面";
        return;
      }
      meta.textContent = "找到 " + found.total + " 个含有“" + query + "”的页面" +
        (kind ? "，其中" + kind + " " + found.results.length + " 个" : "");
      return showMore();
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

  more.addEventListener("click", showMore);
  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    open();
    clearTimeout(timer);
    timer = setTimeout(function () { search(current && current.kind); }, 250);
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
    setTimeout(function () { search(null); input.focus(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) close();
  });
})();
