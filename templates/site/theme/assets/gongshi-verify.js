/*
 * Gongshi: the 核验 page, and what a record page says when a poster's QR code opened it.
 *
 * Every answer `gongshi verify` gives was written at build time into
 * verify/codes/<first two symbols>.json; verify/codes/index.json lists those files and
 * the code's alphabet, so a lookup downloads two small files, never the whole history,
 * and never asks for a file that does not exist. Typing is read as `gongshi verify`
 * reads it (checksum.normalize_code): any case, spaces, dashes, full-width characters,
 * and the letters people type for a printed symbol (S for 5, B for 8…).
 * Everything is built with DOM methods and textContent: no record text becomes HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URL) return;
  var root = new URL("../", script.src);
  var codes = new URL("verify/codes/", root);
  var about = null;
  var ICONS = { current: "✓", superseded: "⚠", removed: "✕" };

  function load(path) {
    return fetch(new URL(path, codes).href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  function index() {
    if (!about) about = load("index.json");
    return about;
  }

  function normalize(typed, info) {
    var text = String(typed || "");
    if (text.normalize) text = text.normalize("NFKC");
    text = text.toUpperCase();
    var pairs = {};
    for (var i = 0; i + 1 < info.lookalikes.length; i += 2) {
      pairs[info.lookalikes[i]] = info.lookalikes[i + 1];
    }
    var kept = "";
    Array.from(text).forEach(function (ch) {
      if (/[\p{L}\p{N}]/u.test(ch)) kept += pairs[ch] || ch;
    });
    if (kept.length !== 8) return null;
    for (var j = 0; j < kept.length; j++) {
      if (info.alphabet.indexOf(kept[j]) < 0) return null;
    }
    return kept.slice(0, 4) + "-" + kept.slice(4);
  }

  /* One symbol misread, or two neighbours swapped: codes of the same file only. */
  function near(code, known) {
    var plain = code.replace("-", "");
    return known.filter(function (other) {
      var candidate = other.replace("-", "");
      var differ = [];
      for (var i = 0; i < plain.length; i++) if (plain[i] !== candidate[i]) differ.push(i);
      if (differ.length === 1) return true;
      return differ.length === 2 && differ[1] === differ[0] + 1 &&
        plain[differ[0]] === candidate[differ[1]] && plain[differ[1]] === candidate[differ[0]];
    }).sort().slice(0, 5);
  }

  /* {info, code, answers, near} for what was typed; code null when it is not a code. */
  function lookup(typed) {
    return index().then(function (info) {
      var code = normalize(typed, info);
      if (!code) return { info: info, code: null, answers: [], near: [] };
      var shard = code.slice(0, 2);
      if (info.shards.indexOf(shard) < 0) return { info: info, code: code, answers: [], near: [] };
      return load(shard + ".json").then(function (found) {
        var answers = found[code] || [];
        return { info: info, code: code, answers: answers,
                 near: answers.length ? [] : near(code, Object.keys(found)) };
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(text, href) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function corrected(answer) {
    return answer.later.some(function (step) { return step.corrections.length > 0; });
  }

  function statusWords(answer) {
    var words = answer.status_words;
    if (answer.status === "superseded" && corrected(answer)) words += "（已更正）";
    return ICONS[answer.status] + " " + words;
  }

  function versionWords(version) {
    return version ? version.words : "尚未提交的内容（还没有公布，也不在公开日志里）";
  }

  function correctionItem(correction) {
    var li = el("li", "gs-correction");
    li.appendChild(el("span", "gs-correction__field", "更正 " + correction.field_words + "："));
    li.appendChild(el("span", "gs-correction__label", "原为 "));
    li.appendChild(el("del", "gs-correction__old", correction.old));
    li.appendChild(el("span", "gs-correction__label", "，改为 "));
    li.appendChild(el("ins", "gs-correction__new", correction.new));
    li.appendChild(el("span", "gs-correction__why", "（" + correction.date + "，" + correction.reason + "）"));
    return li;
  }

  function facts(rows) {
    var list = el("dl", "gs-answer__facts");
    rows.forEach(function (row) {
      list.appendChild(el("dt", null, row[0]));
      var dd = el("dd");
      (Array.isArray(row[1]) ? row[1] : [row[1]]).forEach(function (part) {
        dd.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      list.appendChild(dd);
    });
    return list;
  }

  function figuresTable(figures) {
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    head.appendChild(el("th", null, "项目"));
    head.appendChild(el("th", null, "这一版的内容"));
    var body = table.createTBody();
    figures.forEach(function (figure) {
      var row = body.insertRow();
      row.appendChild(el("th", null, figure[0])).setAttribute("scope", "row");
      row.appendChild(el("td", null, figure[1]));
    });
    return table;
  }

  function laterList(answer) {
    var list = el("ol", "gs-answer__later");
    answer.later.forEach(function (step) {
      var li = el("li");
      var now = step.code === answer.current_code ? "（现在的版本）" : "";
      li.appendChild(el("p", null, versionWords(step.version) + "，校验码 " + step.code + now));
      if (step.corrections.length) {
        var fixes = el("ul", "gs-answer__corrections");
        step.corrections.forEach(function (c) { fixes.appendChild(correctionItem(c)); });
        li.appendChild(fixes);
      } else {
        li.appendChild(el("p", "gs-answer__quiet", "这次修改没有登记更正（多为新增内容，如新的进程或新的收支）。"));
      }
      list.appendChild(li);
    });
    return list;
  }

  var LEADS = {
    current: "与网站现在公示的内容一致。",
    superseded: "是旧版本，后来改过，不是现在公示的内容。",
    removed: "属于一条已删除的记录，这条记录现在已不再公示。"
  };

  function answerCard(answer) {
    var card = el("section", "gs-answer gs-answer--" + answer.status);
    card.setAttribute("aria-label", "校验码 " + answer.code + "：" + answer.status_words);
    card.appendChild(el("p", "gs-answer__status", statusWords(answer)));
    card.appendChild(el("p", "gs-answer__lead", "校验码 " + answer.code + " " + LEADS[answer.status]));
    var record = [answer.kind_words + "「" + answer.title + "」"];
    if (answer.page) record.push(" ", link("打开这条记录", new URL(answer.page, root).href));
    var rows = [["记录", record], ["版本", versionWords(answer.version)]];
    if (answer.log_index !== null) {
      rows.push(["公开日志", "第 " + (answer.log_index + 1) + " 条"]);
    }
    if (answer.note) rows.push(["说明", answer.note]);
    card.appendChild(facts(rows));
    if (answer.figures.length) {
      card.appendChild(el("h3", null, "这一版的内容（请与海报对照）"));
      card.appendChild(figuresTable(answer.figures));
    }
    if (answer.later.length) {
      card.appendChild(el("h3", null, "之后的修改"));
      card.appendChild(laterList(answer));
    }
    if (answer.status === "superseded" && answer.current_code) {
      var now = el("p", "gs-answer__now", "现在的校验码是 " + answer.current_code + "，请以网站现在的内容为准。");
      if (answer.page) {
        now.appendChild(document.createTextNode(" "));
        now.appendChild(link("查看现在的内容", new URL(answer.page, root).href));
      }
      card.appendChild(now);
    }
    return card;
  }

  function notFound(result, typed) {
    var card = el("section", "gs-answer gs-answer--unknown");
    if (!result.code) {
      card.appendChild(el("p", "gs-answer__status", "✕ 这不是校验码"));
      card.appendChild(el("p", null, "「" + typed.trim().slice(0, 30) + "」不是校验码。校验码是海报上“校验码”后面的 8 个字符，如 K7QD-3M9X。"));
      return card;
    }
    card.appendChild(el("p", "gs-answer__status", "✕ 没有找到"));
    card.appendChild(el("p", "gs-answer__lead", "校验码 " + result.code + " 不属于本站任何一条记录的任何版本。"));
    if (result.near.length) {
      var p = el("p", null, "是不是抄错了一个字符？相近的校验码有：");
      result.near.forEach(function (code, i) {
        if (i) p.appendChild(document.createTextNode("、"));
        p.appendChild(link(code, "?code=" + encodeURIComponent(code)));
      });
      card.appendChild(p);
    }
    card.appendChild(el("p", null, "请逐个核对输入的字符（校验码里没有 0、1、O、I 这些容易看错的字符）。确认无误仍找不到，这张海报可能不是本小区发布的，请向业主委员会或监督委员会询问。"));
    if (!result.info.history) {
      card.appendChild(el("p", "gs-answer__quiet", "本站生成时没有版本历史，只能核对现在公示的内容。"));
    }
    return card;
  }

  function several(result) {
    var records = {};
    result.answers.forEach(function (a) { records[a.kind + "/" + a.id] = true; });
    if (Object.keys(records).length === 1) {
      return "校验码 " + result.code + " 对应同一条记录的 " + result.answers.length +
        " 个版本：这条记录后来又改回了同样的内容。逐个列出：";
    }
    return "校验码 " + result.code + " 对应 " + result.answers.length +
      " 个不同记录的版本（两份不同的内容碰巧算出同一个校验码，极少见）。逐个列出，请按记录名称和数字对照海报：";
  }

  function queryCode() {
    var match = /[?&]code=([^&#]*)/.exec(window.location.search);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (error) {
      return match[1];
    }
  }

  /* ------------------------------------------------------------------ the 核验 page */

  function verifyPage(box) {
    var form = box.querySelector("form");
    var input = box.querySelector("input");
    var output = box.querySelector("#gs-verify-answer");
    var latest = 0;

    /* After a tap on 核验 the phone's keyboard closes and the answer comes into view. */
    function reveal() {
      var top = output.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.6 && output.scrollIntoView) {
        output.scrollIntoView({ behavior: "smooth", block: "start" });
      }
    }

    function show(typed, tapped) {
      var ticket = ++latest;
      output.textContent = "";
      output.appendChild(el("p", "gs-verify__busy", "正在核验……"));
      lookup(typed).then(function (result) {
        if (ticket !== latest) return;
        output.textContent = "";
        if (result.answers.length > 1) output.appendChild(el("p", "gs-verify__several", several(result)));
        if (!result.answers.length) output.appendChild(notFound(result, typed));
        result.answers.forEach(function (answer) { output.appendChild(answerCard(answer)); });
        if (tapped) reveal();
        if (result.code && window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "?code=" + encodeURIComponent(result.code));
        }
      }).catch(function () {
        if (ticket !== latest) return;
        output.textContent = "";
        output.appendChild(el("p", "gs-verify__note", "暂时读不到核验数据，请检查网络后再试。"));
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) {
        input.blur();
        show(input.value, true);
      } else {
        input.focus();
      }
    });
    var typed = queryCode();
    if (typed) {
      input.value = typed;
      show(typed);
    }
    window.addEventListener("load", function () {
      if (window.GongshiLog && typeof window.GongshiLog.check === "function") window.GongshiLog.check();
    });
  }

  /* ------------------------------------------------- a record page opened from a QR code */

  function pagePath() {
    var path = decodeURIComponent(window.location.pathname);
    var base = decodeURIComponent(root.pathname);
    return path.indexOf(base) === 0 ? path.slice(base.length).replace(/index\.html$/, "") : path;
  }

  function banner(result, typed) {
    var here = pagePath();
    var details = new URL("verify/?code=" + encodeURIComponent(result.code || typed), root).href;
    var box = el("div", "gs-verify-banner");
    box.setAttribute("role", "status");
    var answer = result.answers.filter(function (a) { return a.page === here; })[0];
    if (!answer) {
      box.className += " gs-verify-banner--unknown";
      box.appendChild(el("p", "gs-verify-banner__title", "✕ 海报核验：校验码 " + (result.code || typed) +
        (result.answers.length ? " 不是这一页的记录" : " 没有找到")));
      var other = el("p", null, "请到核验页仔细核对。 ");
      other.appendChild(link("去核验页", details));
      box.appendChild(other);
      return box;
    }
    box.className += " gs-verify-banner--" + answer.status;
    box.appendChild(el("p", "gs-verify-banner__title", statusWords(answer).replace(" ", " 海报核验：")));
    if (answer.status === "current") {
      box.appendChild(el("p", null, "您扫描的海报（校验码 " + answer.code + "）与本页现在的内容一致。"));
      return box;
    }
    var when = answer.version ? answer.version.date + "的" : "";
    if (answer.status === "removed") {
      box.appendChild(el("p", null, "您扫描的海报（校验码 " + answer.code + "）印的是" + when + "版本，这条记录后来已删除，不再公示。"));
    } else {
      box.appendChild(el("p", null, "您扫描的海报（校验码 " + answer.code + "）印的是" + when + "旧版本，后来改过；本页是现在的内容（校验码 " + answer.current_code + "）。"));
    }
    var fixes = el("ul", "gs-answer__corrections");
    answer.later.forEach(function (step) {
      step.corrections.forEach(function (c) { fixes.appendChild(correctionItem(c)); });
    });
    if (fixes.childNodes.length) {
      box.appendChild(el("p", null, "登记的更正："));
      box.appendChild(fixes);
    }
    var more = el("p");
    more.appendChild(link("查看这张海报那一版的全部内容", details));
    box.appendChild(more);
    return box;
  }

  function recordPage(typed) {
    var article = document.querySelector(".md-content article") || document.querySelector("article");
    if (!article) return;
    lookup(typed).then(function (result) {
      var box = banner(result, typed);
      var heading = article.querySelector("h1");
      if (heading) heading.insertAdjacentElement("afterend", box);
      else article.insertBefore(box, article.firstChild);
    }).catch(function () { /* no answer is better than a wrong one */ });
  }

  var box = document.getElementById("gs-verify");
  if (box) {
    verifyPage(box);
  } else {
    var typed = queryCode();
    if (typed) recordPage(typed);
  }
})();
