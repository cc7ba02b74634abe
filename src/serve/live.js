// Live reload for `carebook serve`: reloads the page after every good build (keeping the scroll
// position) and shows a build's errors over the page until the next good build.
"use strict";
(function () {
  var script = document.currentScript;
  var events = script.src.replace(/live\.js(\?.*)?$/, "events");
  var key = "carebook-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  function overlay(problems) {
    var box = document.getElementById("carebook-errors");
    if (!box) {
      box = document.createElement("div");
      box.id = "carebook-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:1000;" +
        "background:#fff;color:#000;border:4px solid #d5281b;padding:1rem 1.25rem;font:16px/1.4 system-ui,sans-serif;" +
        "box-shadow:0 4px 16px rgb(0 0 0/40%)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 .5rem;font-size:1.2rem";
    var total = problems.reduce(function (sum, p) {
      return sum + (p.hidden || 1 + (p.more_like_this || 0));
    }, 0);
    title.textContent = "The guide does not build: " + total + (total === 1 ? " problem" : " problems");
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      var where = p.file ? p.file + (p.line ? ":" + p.line + ":" + p.column : "") + " " : "";
      var kind = p.code ? p.level + "[" + p.code + "]: " : "";
      var more = p.more_like_this ? " (and " + p.more_like_this + " more like this)" : "";
      item.textContent = where + kind + p.message + (p.help ? " (" + p.help + ")" : "") + more;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  var source = new EventSource(events);
  source.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  source.addEventListener("errors", function (event) {
    overlay(JSON.parse(event.data));
  });
})();
