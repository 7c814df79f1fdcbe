/* Gongshi: status that is true on the day the page is read.
 *
 * A matter's status, its publicity line and its 询异期 line carry the dates they turn
 * on (data-publicity-start/-end, data-objection-start/-end, data-status). This script
 * says 公示中 / 还有 N 天 / 已结束 from the reader's own date in China (UTC+8, date
 * only), so a site built last week is still right today; the words written at build
 * time stay as they are without JavaScript. On the matters index and the year pages
 * it moves each row into the group that is true today and hides groups left empty;
 * on the home page it drops what is no longer open. The rules are the ones of
 * generator/site/pages/matters.py (matter_state), which writes the build day's words.
 *
 * It runs on every page load and, with mkdocs-material's instant navigation, after
 * each navigation (document$).
 */
(function () {
  "use strict";

  var DAY = 86400000;
  var OPEN = { publicized: 1, objection: 1, voting: 1, upcoming: 1 };
  var NAMES = {
    proposed: "提议中", publicized: "公示中", voting: "表决中", approved: "已通过",
    rejected: "未通过", implementing: "实施中", completed: "已完成", withdrawn: "已撤回"
  };

  /* Today in China as a day number: China has kept UTC+8 without daylight saving since 1991. */
  function today() {
    return Math.floor((Date.now() + 8 * 3600000) / DAY);
  }

  function day(text) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return parts ? Math.floor(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) / DAY) : null;
  }

  /* Days left counting today, as generator/publicity.py days_left. */
  function left(last, now) {
    return Math.max(last - now + 1, 0);
  }

  function data(el, name) {
    return day(el.getAttribute("data-" + name));
  }

  /* [state, words] of a matter's status element: matters.py matter_state. */
  function matterState(el, now) {
    var status = el.getAttribute("data-status");
    var opened = data(el, "objection-start"), last = data(el, "objection-end");
    var start = data(el, "publicity-start"), end = data(el, "publicity-end");
    if (opened !== null && last !== null && opened <= now && now <= last) {
      return ["objection", "询异期中，还有 " + left(last, now) + " 天"];
    }
    if (start !== null && end !== null && (status === "proposed" || status === "publicized")) {
      if (now < start) return ["upcoming", "即将公示"];
      if (now <= end) return ["publicized", "公示中，还有 " + left(end, now) + " 天"];
      return ["publicity_ended", "公示期已结束"];
    }
    if (last !== null && now > last) return [status, "询异期已结束，等待公布最终结果"];
    return [status, NAMES[status] || el.textContent];
  }

  function publicityWords(el, now) {
    var start = data(el, "publicity-start"), end = data(el, "publicity-end");
    if (now < start) return "尚未开始";
    if (now <= end) return "公示中，还有 " + left(end, now) + " 天";
    return "公示期已结束";
  }

  function objectionWords(el, now) {
    var opened = data(el, "objection-start"), last = data(el, "objection-end");
    if (now < opened) return "初步结果尚未张贴";
    if (now <= last) return "询异期中，还有 " + left(last, now) + " 天";
    if (el.getAttribute("data-stage") === "preliminary") return "询异期已结束，等待公布最终结果";
    return "询异期已结束";
  }

  function each(selector, root, action) {
    var found = root.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) action(found[i]);
  }

  function closest(el, tag) {
    while (el && el.tagName !== tag) el = el.parentElement;
    return el;
  }

  function show(el, yes) {
    el.hidden = !yes;
    el.style.display = yes ? "" : "none";
  }

  /* The table that follows a group's heading (the theme wraps it in a div or two). */
  function tableAfter(heading) {
    var next = heading.nextElementSibling;
    if (!next || next.tagName === "H2") return null;
    return next.tagName === "TABLE" ? next : next.querySelector("table");
  }

  function tableFor(heading, template) {
    var found = tableAfter(heading);
    if (found) return found;
    var made = document.createElement("table");
    made.appendChild(template.tHead.cloneNode(true));
    made.appendChild(document.createElement("tbody"));
    heading.parentNode.insertBefore(made, heading.nextSibling);
    return made;
  }

  function regroup(root) {
    var headings = {};
    each("h2[data-group]", root, function (h) { headings[h.getAttribute("data-group")] = h; });
    each(".gs-when:not(.gs-pinned)", root, function (el) {
      var row = closest(el, "TR"), table = closest(row, "TABLE");
      var state = el.getAttribute("data-state");
      var heading = headings[state === "upcoming" ? "proposed" : state];
      if (!row || !table || !heading || tableAfter(heading) === table) return;
      tableFor(heading, table).tBodies[0].appendChild(row);
    });
    for (var key in headings) {
      var heading = headings[key], table = tableAfter(heading);
      var full = !!(table && table.querySelector(".gs-when"));
      show(heading, full);
      if (table) show(heading.nextElementSibling, full);
      if (heading.id) {
        each('a[href="#' + heading.id + '"]', document, function (link) {
          var item = closest(link, "LI");
          if (item) show(item, full);
        });
      }
    }
  }

  function run() {
    var root = document.querySelector("article") || document.body;
    var now = today();
    each(".gs-when", root, function (el) {
      var found = matterState(el, now);
      el.setAttribute("data-state", found[0]);
      el.textContent = found[1];
      if (el.className.indexOf("gs-open") >= 0) {
        var item = closest(el, "LI");
        if (item) show(item, !!OPEN[found[0]]);
      }
    });
    each(".gs-publicity", root, function (el) { el.textContent = publicityWords(el, now); });
    each(".gs-objection", root, function (el) { el.textContent = objectionWords(el, now); });
    each(".gs-objection-open", root, function (el) {
      var item = closest(el, "LI");
      if (item) show(item, now <= data(el, "objection-end"));
    });
    var none = root.querySelector(".gs-none-open");
    if (none) {
      var shown = false;
      each(".gs-open", root, function (el) { shown = shown || !closest(el, "LI").hidden; });
      show(none, !shown);
    }
    regroup(root);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
