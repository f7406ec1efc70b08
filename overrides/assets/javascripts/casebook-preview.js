// Live preview only (mkdocs serve): while the content has errors the preview keeps the last good
// pages, and this banner lists the problems in the page's language (casebook-problems.json holds them
// in each: {"da": {"title": ..., "problems": [...]}, "en": ...}). Text only: never inserted as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var source = script && script.getAttribute("data-problems");
  if (!source) return;
  fetch(source, { cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : {};
  }).then(function (banners) {
    var shown = banners[document.documentElement.lang] || banners.da;
    if (!shown || !shown.problems.length) return;
    var banner = document.createElement("div");
    banner.id = "cb-preview-problems";
    banner.setAttribute("role", "alert");
    banner.style.cssText = "position:fixed;z-index:10;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;" +
      "background:#fff3f3;color:#5f0000;border-top:3px solid #b00020;padding:.6rem 1rem;font:14px/1.4 monospace";
    var title = document.createElement("strong");
    title.textContent = shown.title;
    banner.appendChild(title);
    shown.problems.forEach(function (line) {
      var item = document.createElement("div");
      item.textContent = line;
      banner.appendChild(item);
    });
    document.body.appendChild(banner);
  }).catch(function () {});
})();
