// Casebook search page: Pagefind's UI, searching the index of this page's language
// (Pagefind picks it from <html lang>). A ?q= from the header form starts the search.
(function () {
  "use strict";
  var root = document.getElementById("cb-search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#cb-search",
    bundlePath: root.getAttribute("data-cb-bundle"),
    showImages: false,
    showSubResults: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
