// Search as you type, offline and from file://: the index is a script (search-index.js) loaded
// before this one. No dependencies. Without JavaScript the search box stays hidden.
// Keyboard: Down/Up move through results, Enter opens one, Escape closes the list.
"use strict";
(function () {
  var box = document.querySelector("[data-search]");
  var data = window.carebookSearch;
  if (!box || !data) return;
  box.hidden = false;
  var root = box.getAttribute("data-root") || "";
  var input = box.querySelector("input");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector("[role=status]");
  var results = [];
  var active = -1;
  var LIMIT = 10;

  function norm(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function terms(query) {
    return norm(query).split(/[^a-z0-9]+/).filter(function (t) { return t.length > 0; });
  }
  function starts(text, term) {
    var at = text.indexOf(term);
    while (at >= 0) {
      if (at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1))) return at;
      at = text.indexOf(term, at + 1);
    }
    return -1;
  }
  var sections = data.sections.map(function (s) {
    var page = data.pages[s.p];
    return { title: page.t, heading: s.h, url: page.u + (s.a ? "#" + s.a : ""), t: norm(page.t), h: norm(s.h), x: norm(s.x), text: s.x };
  });
  var flags = data.flags.map(function (f) {
    return { sign: f.s, doing: f.d, label: f.l, url: f.u, s: norm(f.s), w: norm(f.w.join(" ")) };
  });

  function search(query) {
    var ts = terms(query);
    if (ts.length === 0) return [];
    var found = [];
    flags.forEach(function (f) {
      var all = ts.every(function (t) { return starts(f.s, t) >= 0 || starts(f.w, t) >= 0; });
      if (all && f.url) found.push({ flag: f, score: 1000 });
    });
    sections.forEach(function (s) {
      var score = 0;
      var all = ts.every(function (t) {
        var hit = 0;
        if (starts(s.t, t) >= 0) hit += 10;
        if (starts(s.h, t) >= 0) hit += 6;
        if (starts(s.x, t) >= 0) hit += 1;
        score += hit;
        return hit > 0;
      });
      if (all) found.push({ section: s, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found.slice(0, LIMIT);
  }

  function snippet(s, ts) {
    var at = -1;
    ts.some(function (t) { at = starts(s.x, t); return at >= 0; });
    if (at < 0) return s.text.slice(0, 110);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "\u2026" : "") + s.text.slice(start, start + 120) + "\u2026";
  }

  function option(result, i, ts) {
    var li = document.createElement("li");
    li.id = "search-result-" + i;
    li.setAttribute("role", "option");
    li.className = "search__result" + (result.flag ? " search__result--flag" : "");
    var a = document.createElement("a");
    a.tabIndex = -1;
    var title = document.createElement("span");
    title.className = "search__title";
    var detail = document.createElement("span");
    detail.className = "search__detail";
    if (result.flag) {
      a.href = root + result.flag.url;
      title.textContent = result.flag.label + ": " + result.flag.doing;
      detail.textContent = result.flag.sign;
    } else {
      var s = result.section;
      a.href = root + s.url;
      title.textContent = s.heading ? s.title + ": " + s.heading : s.title;
      detail.textContent = snippet(s, ts);
    }
    a.appendChild(title);
    a.appendChild(detail);
    li.appendChild(a);
    li.addEventListener("mousedown", function (event) { event.preventDefault(); open(i); });
    return li;
  }

  function show() {
    var ts = terms(input.value);
    results = search(input.value);
    active = -1;
    list.textContent = "";
    results.forEach(function (r, i) { list.appendChild(option(r, i, ts)); });
    var visible = input.value.trim().length > 0;
    list.hidden = !visible || results.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    input.removeAttribute("aria-activedescendant");
    status.textContent = visible ? (results.length === 0 ? "No results" : results.length + (results.length === 1 ? " result" : " results")) : "";
  }

  function highlight(i) {
    var items = list.children;
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    for (var k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", String(k === active));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function open(i) {
    var item = list.children[i];
    if (item) window.location.href = item.querySelector("a").href;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) show(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Enter") { if (results.length) { event.preventDefault(); open(active >= 0 ? active : 0); } }
    else if (event.key === "Escape") { if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; show(); } }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  input.addEventListener("focus", function () { if (input.value) show(); });
})();
