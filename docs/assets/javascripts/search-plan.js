/* Search results name the plan they come from ("Kế hoạch … năm 2022"): the handbook holds
 * every year's plan, and a section's title alone does not say which.
 *
 * The plans' titles come from the navigation already on the page (each plan's group starts with
 * a link to ke-hoach/<plan>/index.html), so nothing is fetched and no title is typed twice.
 */
(function () {
  "use strict";

  var PLAN_PAGE = /\/ke-hoach\/([^/]+)\//;

  function planTitles() {
    var titles = {};
    Array.prototype.forEach.call(document.querySelectorAll(".md-nav--primary a[href]"), function (link) {
      var match = PLAN_PAGE.exec(link.href);
      var nav = link.closest("nav.md-nav");
      var title = nav && nav.querySelector(".md-nav__title");
      if (match && title && !titles[match[1]] && /\/index\.html$/.test(link.href.split("#")[0])) {
        titles[match[1]] = title.textContent.replace(/\s+/g, " ").trim();
      }
    });
    return titles;
  }

  function label(list, titles) {
    Array.prototype.forEach.call(list.querySelectorAll("a.md-search-result__link"), function (link) {
      var match = PLAN_PAGE.exec(link.href);
      var article = link.querySelector("article");
      if (!match || !titles[match[1]] || !article || article.querySelector(".hb-result-plan")) return;
      var note = document.createElement("p");
      note.className = "hb-result-plan";
      note.textContent = titles[match[1]];
      article.appendChild(note);
    });
  }

  function start() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || typeof MutationObserver === "undefined") return;
    var titles = planTitles();
    new MutationObserver(function () { label(list, titles); }).observe(list, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
