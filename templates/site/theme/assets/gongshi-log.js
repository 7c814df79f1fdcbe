/*
 * Gongshi: the resident's browser as a witness of the public log (log/, C2SP tlog-tiles).
 *
 * Each visit fetches log/checkpoint (a few lines: origin, size, root hash) and compares
 * it with the one this browser saw last (localStorage). When the log grew, the RFC 9162
 * consistency proof from the old size to the new one is computed here, from the log's
 * hash tiles, and verified against both roots: only then is the new checkpoint kept.
 * When the root changed at the same size, the log shrank, or the proof fails, the
 * published history was rewritten, and the page says so in plain Chinese: in the
 * element with id gongshi-log-status when the page has one (the 核验 page), otherwise
 * in a banner at the top. The old checkpoint is then kept, so the warning stays.
 *
 * SHA-256 comes from Web Crypto; a site served over plain http has no Web Crypto, so a
 * small SHA-256 is included for that case. Nothing is fetched from any other host.
 *
 * window.GongshiLog.check() resolves to {status, size, root, previous}, status one of
 * 'first' | 'same' | 'extended' | 'rewritten' | 'unavailable' (one check per page load);
 * window.GongshiLog.entries() resolves to every log entry, parsed from the entry bundles.
 * window.GongshiLog.witness(size, prefix) resolves to {status: 'contained' | 'different' |
 * 'beyond' | 'invalid' | 'unavailable', …}: does today's log hold the state a poster printed?
 * On the 核验 page it answers the form #gs-witness-form (and `?log=SIZE-PREFIX`).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var siteRoot = new URL("../", script.src);
  var logRoot = new URL("log/", siteRoot);
  var STORE = "gongshi-log:";
  var WIDTH = 256;
  var running = null;

  // ---------------------------------------------------------------- hashing
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function sha256Plain(bytes) {
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (i = 16; i < 64; i++) {
        var a0 = w[i - 15], a1 = w[i - 2];
        var s0 = ((a0 >>> 7) | (a0 << 25)) ^ ((a0 >>> 18) | (a0 << 14)) ^ (a0 >>> 3);
        var s1 = ((a1 >>> 17) | (a1 << 15)) ^ ((a1 >>> 19) | (a1 << 13)) ^ (a1 >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = new Uint8Array(32);
    var outView = new DataView(out.buffer);
    for (i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
    return out;
  }

  var subtle = window.crypto && window.crypto.subtle;

  function sha256(bytes) {
    if (!subtle) return Promise.resolve(sha256Plain(bytes));
    return subtle.digest("SHA-256", bytes).then(function (digest) { return new Uint8Array(digest); });
  }

  function join(prefix, left, right) {
    var joined = new Uint8Array(1 + left.length + (right ? right.length : 0));
    joined[0] = prefix;
    joined.set(left, 1);
    if (right) joined.set(right, 1 + left.length);
    return joined;
  }

  function nodeHash(left, right) { return sha256(join(1, left, right)); }
  function leafHash(data) { return sha256(join(0, data)); }

  function equal(one, other) {
    if (!one || !other || one.length !== other.length) return false;
    for (var i = 0; i < one.length; i++) if (one[i] !== other[i]) return false;
    return true;
  }

  function fromBase64(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // ---------------------------------------------------------------- the log's files
  function indexPath(index) {
    var groups = [String(index % 1000).padStart(3, "0")];
    index = Math.floor(index / 1000);
    while (index > 0) {
      groups.unshift("x" + String(index % 1000).padStart(3, "0"));
      index = Math.floor(index / 1000);
    }
    return groups.join("/");
  }

  function tilePath(level, index, width) {
    return "tile/" + level + "/" + indexPath(index) + (width === WIDTH ? "" : ".p/" + width);
  }

  function fetchBytes(path) {
    return fetch(new URL(path, logRoot).href, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("missing " + path);
      return response.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  }

  function parseCheckpoint(text) {
    var body = text.split("\n\n")[0].split("\n");
    if (body.length < 3 || !/^(0|[1-9][0-9]*)$/.test(body[1])) throw new Error("not a checkpoint");
    var root = fromBase64(body[2]);
    if (root.length !== 32) throw new Error("not a checkpoint");
    return { origin: body[0], size: Number(body[1]), root: body[2], rootBytes: root };
  }

  function Tree(size) {
    this.size = size;
    this.tiles = new Map();
  }

  // The hashes of tile `index` at `level`, as wide as the tree of `size` makes it.
  Tree.prototype.tile = function (level, index) {
    var count = Math.floor(this.size / Math.pow(WIDTH, level));
    var width = Math.min(WIDTH, count - index * WIDTH);
    var path = tilePath(level, index, width);
    if (!this.tiles.has(path)) {
      this.tiles.set(path, fetchBytes(path).then(function (bytes) {
        if (bytes.length !== width * 32) throw new Error("bad tile " + path);
        return bytes;
      }));
    }
    return this.tiles.get(path);
  };

  // MTH of the perfect subtree of height `height` numbered `index` (leaves index·2^h …).
  Tree.prototype.node = function (height, index) {
    var level = Math.floor(height / 8);
    var rest = height - level * 8;
    var first = index * Math.pow(2, rest);
    var count = Math.pow(2, rest);
    return this.tile(level, Math.floor(first / WIDTH)).then(function (bytes) {
      var start = first % WIDTH;
      var hashes = [];
      for (var i = 0; i < count; i++) hashes.push(bytes.slice((start + i) * 32, (start + i + 1) * 32));
      return reduce(hashes);
    });
  };

  function reduce(hashes) {
    if (hashes.length === 1) return Promise.resolve(hashes[0]);
    var next = [];
    for (var i = 0; i < hashes.length; i += 2) next.push(nodeHash(hashes[i], hashes[i + 1]));
    return Promise.all(next).then(reduce);
  }

  function largestPowerBelow(n) {
    var k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  // MTH(D[start:end]) from the tiles (RFC 9162 §2.1.1), for ranges the tree's own splits give.
  Tree.prototype.hash = function (start, end) {
    var width = end - start;
    if (width === 0) return sha256(new Uint8Array(0));
    if ((width & (width - 1)) === 0 && start % width === 0) {
      return this.node(Math.round(Math.log2(width)), start / width);
    }
    var k = largestPowerBelow(width);
    return Promise.all([this.hash(start, start + k), this.hash(start + k, end)])
      .then(function (pair) { return nodeHash(pair[0], pair[1]); });
  };

  // PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1.
  Tree.prototype.consistencyProof = function (m) {
    var self = this;
    function subproof(m, start, end, complete) {
      if (m === end - start) return complete ? Promise.resolve([]) : self.hash(start, end).then(function (h) { return [h]; });
      var k = largestPowerBelow(end - start);
      if (m <= k) {
        return Promise.all([subproof(m, start, start + k, complete), self.hash(start + k, end)])
          .then(function (parts) { return parts[0].concat([parts[1]]); });
      }
      return Promise.all([subproof(m - k, start + k, end, false), self.hash(start, start + k)])
        .then(function (parts) { return parts[0].concat([parts[1]]); });
    }
    return subproof(m, 0, this.size, true);
  };

  // RFC 9162 §2.1.4.2: verify a consistency proof from (m, oldRoot) to (n, newRoot).
  function verifyConsistency(m, n, oldRoot, newRoot, proof) {
    if (m === n) return Promise.resolve(proof.length === 0 && equal(oldRoot, newRoot));
    if (m === 0) return Promise.resolve(proof.length === 0);
    if (m > n || proof.length === 0) return Promise.resolve(false);
    var path = proof.slice();
    if ((m & (m - 1)) === 0) path.unshift(oldRoot);
    var fn = m - 1, sn = n - 1;
    while (fn & 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    var fr = path[0], sr = path[0];
    var step = Promise.resolve();
    var failed = false;
    path.slice(1).forEach(function (c) {
      step = step.then(function () {
        if (failed) return;
        if (sn === 0) { failed = true; return; }
        if ((fn & 1) || fn === sn) {
          return Promise.all([nodeHash(c, fr), nodeHash(c, sr)]).then(function (pair) {
            fr = pair[0]; sr = pair[1];
            if (!(fn & 1)) {
              while (fn !== 0 && !(fn & 1)) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
            }
            fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
          });
        }
        return nodeHash(sr, c).then(function (h) {
          sr = h;
          fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
        });
      });
    });
    return step.then(function () {
      return !failed && sn === 0 && equal(fr, oldRoot) && equal(sr, newRoot);
    });
  }

  // ---------------------------------------------------------------- remembering
  function remembered(origin) {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE + origin) || "null");
      return value && typeof value.size === "number" && typeof value.root === "string" ? value : null;
    } catch (error) {
      return null;
    }
  }

  function remember(origin, checkpoint) {
    try {
      window.localStorage.setItem(STORE + origin, JSON.stringify({
        size: checkpoint.size, root: checkpoint.root, seen: new Date().toISOString().slice(0, 10)
      }));
    } catch (error) { /* private browsing: nothing is kept, every visit is a first one */ }
  }

  function compare(current) {
    var previous = remembered(current.origin);
    function result(status) {
      return { status: status, size: current.size, root: current.root, previous: previous };
    }
    if (!previous) {
      remember(current.origin, current);
      return Promise.resolve(result("first"));
    }
    if (previous.size === current.size) {
      return Promise.resolve(result(previous.root === current.root ? "same" : "rewritten"));
    }
    if (previous.size > current.size) return Promise.resolve(result("rewritten"));
    var tree = new Tree(current.size);
    var oldRoot;
    try { oldRoot = fromBase64(previous.root); } catch (error) { oldRoot = new Uint8Array(0); }
    return tree.consistencyProof(previous.size).then(function (proof) {
      return verifyConsistency(previous.size, current.size, oldRoot, current.rootBytes, proof);
    }).then(function (consistent) {
      if (!consistent) return result("rewritten");
      remember(current.origin, current);
      return result("extended");
    });
  }

  function check() {
    if (!running) {
      running = fetch(new URL("checkpoint", logRoot).href, { cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("no checkpoint");
          return response.text();
        })
        .then(function (text) {
          var current = parseCheckpoint(text);
          return compare(current).catch(function () {
            // A tile missing or malformed: the log's files do not give its own checkpoint.
            return { status: "unavailable", size: current.size, root: current.root, previous: remembered(current.origin) };
          });
        })
        .catch(function () {
          return { status: "unavailable", size: null, root: null, previous: null };
        });
    }
    return running;
  }

  function entries() {
    return fetch(new URL("checkpoint", logRoot).href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var size = parseCheckpoint(text).size;
        var bundles = [];
        for (var start = 0; start < size; start += WIDTH) {
          bundles.push(fetchBytes(tilePath("entries", start / WIDTH, Math.min(WIDTH, size - start))));
        }
        return Promise.all(bundles);
      })
      .then(function (bundles) {
        var decoder = new TextDecoder("utf-8");
        var found = [];
        bundles.forEach(function (bytes) {
          var position = 0;
          while (position + 2 <= bytes.length) {
            var length = (bytes[position] << 8) | bytes[position + 1];
            var data = bytes.slice(position + 2, position + 2 + length);
            found.push(JSON.parse(decoder.decode(data)));
            position += 2 + length;
          }
        });
        return found;
      });
  }

  // ---------------------------------------------------------------- telling the resident
  function message(outcome) {
    var previous = outcome.previous;
    switch (outcome.status) {
      case "first":
        return "本站的公示日志现有 " + outcome.size + " 个记录版本。这台手机（电脑）的浏览器已记下它，" +
          "以后再打开本站时，会自动核对已经公示的内容有没有被改动。";
      case "same":
        return "公示日志与您上次看到的一致（" + outcome.size + " 个记录版本）。";
      case "extended":
        return "公示日志比您上次看到的多了 " + (outcome.size - previous.size) + " 个记录版本，" +
          "原有的 " + previous.size + " 个一个没变（已核对）。";
      case "rewritten":
        return "警告：本站的公示记录与您上次看到的不一致。您上次" +
          (previous && previous.seen ? "（" + previous.seen + "）" : "") + "看到公示日志有 " +
          (previous ? previous.size : "") + " 个记录版本，现在的日志已不包含当时的内容，" +
          "可能有人改写了已经公示的记录。请截屏保存本页，并向监督委员会或社区居委会反映。";
      default:
        return "暂时无法读取公示日志，请稍后再试。";
    }
  }

  function show(outcome) {
    var status = document.getElementById("gongshi-log-status");
    if (status) {
      status.textContent = message(outcome);
      status.setAttribute("data-status", outcome.status);
      if (outcome.status === "rewritten") status.setAttribute("role", "alert");
      return;
    }
    if (outcome.status !== "rewritten") return;
    var banner = document.createElement("div");
    banner.id = "gongshi-log-warning";
    banner.setAttribute("role", "alert");
    banner.setAttribute("data-status", outcome.status);
    banner.textContent = message(outcome);
    banner.style.cssText = "margin:0;padding:0.8em 1em;font-size:1.125rem;line-height:1.6;" +
      "background:#fff4e5;color:#7a1b00;border-bottom:3px solid #b42318;font-weight:bold;";
    document.body.insertBefore(banner, document.body.firstChild);
  }

  // ---------------------------------------------------------------- a poster as a witness

  function hex(bytes) {
    return Array.from(bytes).map(function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  // Does today's log contain the state a poster printed (its size and root prefix)? The first
  // `size` leaves are hashed from today's tiles, and today's whole tree must hash to today's
  // checkpoint, so a match means today's log extends what the poster saw.
  function witness(size, prefix) {
    var wanted = String(prefix || "").toLowerCase().replace(/[\s\-_·.]/g, "")
      .replace(/o/g, "0").replace(/[il]/g, "1");
    size = Number(size);
    if (!/^[0-9a-f]{8,64}$/.test(wanted) || !Number.isInteger(size) || size < 0) {
      return Promise.resolve({ status: "invalid", size: size, prefix: wanted });
    }
    return fetch(new URL("checkpoint", logRoot).href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var current = parseCheckpoint(text);
        if (size > current.size) return { status: "beyond", size: size, prefix: wanted, today: current.size };
        var tree = new Tree(current.size);
        var whole = current.size ? tree.hash(0, current.size) : sha256(new Uint8Array(0));
        var part = size ? tree.hash(0, size) : sha256(new Uint8Array(0));
        return Promise.all([whole, part]).then(function (roots) {
          if (!equal(roots[0], current.rootBytes)) return { status: "unavailable", size: size, prefix: wanted };
          var status = hex(roots[1]).indexOf(wanted) === 0 ? "contained" : "different";
          return { status: status, size: size, prefix: wanted, today: current.size };
        });
      })
      .catch(function () { return { status: "unavailable", size: size, prefix: wanted }; });
  }

  function witnessWords(outcome) {
    switch (outcome.status) {
      case "contained":
        return "相符：今天的公示日志完整包含这张海报印制时的全部 " + outcome.size + " 条公示，" +
          "此后只有新增（现有 " + outcome.today + " 条），没有改写。";
      case "different":
        return "警告：今天的公示日志与这张海报印制时的不一致：前 " + outcome.size + " 条的指纹不是 " +
          outcome.prefix + "。可能有人改写了已经公示的记录，也可能是抄错了。请再核对一遍；" +
          "确认无误，请截屏保存本页，并向监督委员会或社区居委会反映。";
      case "beyond":
        return "警告：海报上写公示日志有 " + outcome.size + " 条，今天的日志只有 " + outcome.today +
          " 条。日志只会增加，不会减少：要么抄错了条数，要么已公示的记录被删去了。";
      case "invalid":
        return "请照海报抄写两项：条数是一个数，指纹是 8 位，由 0–9 和 a–f 组成。";
      default:
        return "暂时无法读取公示日志，请稍后再试。";
    }
  }

  function witnessForm() {
    var form = document.getElementById("gs-witness-form");
    var answer = document.getElementById("gs-witness-answer");
    if (!form || !answer) return;
    function run(size, prefix) {
      answer.textContent = "正在核对……";
      witness(size, prefix).then(function (outcome) {
        answer.textContent = witnessWords(outcome);
        answer.setAttribute("data-status", outcome.status);
        if (outcome.status === "different" || outcome.status === "beyond") answer.setAttribute("role", "alert");
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(form.elements["log-size"].value, form.elements["log-root"].value);
    });
    var given = new URLSearchParams(window.location.search).get("log");
    if (given && given.indexOf("-") > 0) {
      var parts = given.split("-");
      form.elements["log-size"].value = parts[0];
      form.elements["log-root"].value = parts.slice(1).join("");
      run(parts[0], parts.slice(1).join(""));
    }
  }

  window.GongshiLog = { check: check, entries: entries, witness: witness };
  check().then(show);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", witnessForm);
  else witnessForm();
})();
