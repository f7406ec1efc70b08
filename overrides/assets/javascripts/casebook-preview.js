// Live preview only (mkdocs serve): while the content has errors the preview keeps the last good
// pages, and this banner lists the problems. Text only: problems are never inserted as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var source = script && script.getAttribute("data-problems");
  if (!source) return;
  fetch(source, { cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : [];
  }).then(function (problems) {
    if (!problems.length) return;
    var banner = document.createElement("div");
    banner.id = "cb-preview-problems";
    banner.setAttribute("role", "alert");
    banner.style.cssText = "position:fixed;z-index:10;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;" +
      "background:#fff3f3;color:#5f0000;border-top:3px solid #b00020;padding:.6rem 1rem;font:14px/1.4 monospace";
    var title = document.createElement("strong");
    title.textContent = problems.length + " problem(s): the preview shows the last good version.";
    banner.appendChild(title);
    problems.forEach(function (line) {
      var item = document.createElement("div");
      item.textContent = line;
      banner.appendChild(item);
    });
    document.body.appendChild(banner);
  }).catch(function () {});
})();
