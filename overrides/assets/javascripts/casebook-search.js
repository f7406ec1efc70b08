// Casebook "find inspiration" page: full-text search and facets on Pagefind's index of this
// page's language (Pagefind picks it from <html lang>). The state lives in the URL
// (?q=mentor&theme=integration&size=small), so a filtered view can be shared, survives a reload
// and works with the back button. Within one facet values are combined with OR, across facets
// with AND; each facet's counts say how many results choosing that value would give.
// Browsing by facets without words needs no search index: the search page's facet file (facets.json
// beside the page, with the cards of the results in cards/<n>.json; casebook/publish/facetfile.py)
// answers it. Pagefind is loaded once words are typed.
// Without JavaScript (or if the index cannot load) the page keeps its plain list of every idea and case.
(function () {
  "use strict";

  var root = document.getElementById("cb-finder");
  if (!root) return;
  var PAGE_SIZE = parseInt(root.getAttribute("data-cb-page-size"), 10);
  var controls = document.getElementById("cb-finder-controls");
  var browse = document.getElementById("cb-browse");
  var input = document.getElementById("cb-search-input");
  var facetsForm = document.getElementById("cb-facets");
  var list = document.getElementById("cb-results");
  var status = document.getElementById("cb-results-status");
  var more = document.getElementById("cb-more");
  var strings = JSON.parse(document.getElementById("cb-search-strings").textContent);
  var facetIds = Array.prototype.map.call(document.querySelectorAll("[data-cb-facet]"), function (el) {
    return el.getAttribute("data-cb-facet");
  });
  var typeValues = Array.prototype.map.call(
    document.querySelectorAll("#cb-facet-type input"), function (el) { return el.value; });

  var pagefind = null; // loaded with the first search by words (loadPagefind)
  var facetFile = null; // a promise of the facet file's pages, loaded with the first browsing by facets
  var filtersLoaded = null; // Pagefind's filter index, loaded with the first search (for the counts)
  var generation = 0; // a newer search makes an older one's results stale
  var results = [];
  var shown = 0;
  // Browsing without words or filters is built into the page (first results, counts over the whole
  // site): opening the page loads no index. Kept here to show again when the visitor comes back to it.
  var initialCards = Array.prototype.slice.call(list.children);
  initialCards.forEach(function (item) { // the same form of address as Pagefind's results
    item.setAttribute("data-cb-result-url", new URL(item.getAttribute("data-cb-result-url"), document.baseURI).pathname);
  });
  var initialCounts = {};
  facetsForm.querySelectorAll("[data-cb-value]").forEach(function (label) {
    initialCounts[label.closest("[data-cb-facet]").getAttribute("data-cb-facet") + ":"
      + label.getAttribute("data-cb-value")] = label.querySelector("[data-cb-count]").textContent;
  });
  var browsing = false; // the built-in first page is shown; "show more" searches the index

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", filters: {} };
    facetIds.forEach(function (facet) { state.filters[facet] = params.getAll(facet); });
    return state;
  }

  function readControls() {
    var state = { q: input.value.trim(), filters: {} };
    facetIds.forEach(function (facet) {
      state.filters[facet] = Array.prototype.map.call(
        facetsForm.querySelectorAll('input[name="' + facet + '"]:checked'), function (el) { return el.value; });
    });
    return state;
  }

  function writeUrl(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facetIds.forEach(function (facet) {
      state.filters[facet].forEach(function (value) { params.append(facet, value); });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function showState(state) {
    input.value = state.q;
    facetIds.forEach(function (facet) {
      var chosen = state.filters[facet];
      facetsForm.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
        box.checked = chosen.indexOf(box.value) !== -1;
      });
      var details = document.getElementById("cb-facet-" + facet);
      if (chosen.length) details.open = true;
      details.querySelector("[data-cb-selected]").textContent = chosen.length ? "(" + chosen.length + ")" : "";
    });
    var active = facetIds.reduce(function (n, facet) { return n + state.filters[facet].length; }, 0);
    document.getElementById("cb-filters-active").textContent =
      active ? (active === 1 ? strings.active_one : strings.active_other.replace("{n}", active)) : "";
  }

  // Pagefind filters for the state, leaving out one facet (for that facet's own counts).
  function pagefindFilters(state, except) {
    var filters = {};
    facetIds.forEach(function (facet) {
      if (facet !== except && state.filters[facet].length) filters[facet] = { any: state.filters[facet] };
    });
    // Browsing with neither words nor filters (if the facet file is missing): every indexed page has a type.
    if (!state.q && !Object.keys(filters).length) filters.type = { any: typeValues };
    return filters;
  }

  function search(state, except) {
    return pagefind.search(state.q || null, { filters: pagefindFilters(state, except) });
  }

  var pagefindLoaded = null;
  function loadPagefind() {
    pagefindLoaded = pagefindLoaded || import(bundle.href + "pagefind.js")
      .then(function (module) {
        pagefind = module;
        // Result URLs relative to where the site is published, also below a sub-path. Searching in this
        // page's thread spares the download of Pagefind's worker script.
        return pagefind.options({ baseUrl: site.pathname, noWorker: true });
      });
    return pagefindLoaded;
  }

  // --- browsing by facets without words, from the facet file ---

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // The facet file's pages, in browsing order, each with its values per facet ({theme: ["integration"]}).
  function loadFacetFile() {
    facetFile = facetFile || fetch(new URL("facets.json", document.baseURI).href)
      .then(function (response) {
        if (!response.ok) throw new Error("facets.json: " + response.status);
        return response.json();
      })
      .then(function (file) {
        var pages = [];
        for (var p = 0; p < file.pages; p++) pages.push({ index: p, values: {} });
        file.facets.forEach(function (facet) {
          var id = facet[0], values = facet[1], bits = facet[2], width = Math.ceil(values.length / 6);
          pages.forEach(function (page) {
            var chosen = [];
            for (var c = 0; c < width; c++) {
              var digit = ALPHABET.indexOf(bits.charAt(page.index * width + c));
              for (var b = 0; b < 6; b++) if (digit & (1 << b)) chosen.push(values[c * 6 + b]);
            }
            if (chosen.length) page.values[id] = chosen;
          });
        });
        return { pages: pages, perFile: file.cards, cards: {} };
      });
    return facetFile;
  }

  // Does ``page`` have one of the chosen values of every facet (but ``except``)?
  function matches(page, state, except) {
    return facetIds.every(function (facet) {
      var chosen = state.filters[facet];
      if (facet === except || !chosen.length) return true;
      var has = page.values[facet] || [];
      return chosen.some(function (value) { return has.indexOf(value) !== -1; });
    });
  }

  // What a Pagefind search without words gives: the results in browsing order, each with data() (the
  // same form as Pagefind's), and each facet's counts with that facet's own choice left out.
  function browseFacetFile(file, state) {
    var counts = {};
    var found = [];
    facetIds.forEach(function (facet) { counts[facet] = {}; });
    file.pages.forEach(function (page) {
      if (matches(page, state, null)) found.push(page);
      facetIds.forEach(function (facet) {
        if (!page.values[facet] || !matches(page, state, facet)) return;
        page.values[facet].forEach(function (value) { counts[facet][value] = (counts[facet][value] || 0) + 1; });
      });
    });
    var results = found.map(function (page) {
      return { data: function () { return cardOf(file, page.index); } };
    });
    return { results: results, counts: counts };
  }

  function cardOf(file, index) {
    var n = Math.floor(index / file.perFile);
    file.cards[n] = file.cards[n] || fetch(new URL("cards/" + n + ".json", document.baseURI).href)
      .then(function (response) {
        if (!response.ok) throw new Error("cards/" + n + ".json: " + response.status);
        return response.json();
      });
    return file.cards[n].then(function (cards) {
      var c = cards[index % file.perFile];
      return { url: new URL(c[0], site).pathname,
               meta: { title: c[1], type: c[2], partners: c[3], summary: c[4], figure: c[5] } };
    });
  }

  function showCounts(counts, state) {
    facetIds.forEach(function (facet) {
      facetsForm.querySelectorAll('[data-cb-facet="' + facet + '"] [data-cb-value]').forEach(function (label) {
        var value = label.getAttribute("data-cb-value");
        var count = (counts[facet] && counts[facet][value]) || 0;
        var box = label.querySelector("input");
        label.querySelector("[data-cb-count]").textContent = count;
        var empty = count === 0 && !box.checked;
        label.classList.toggle("cb-facet__value--empty", empty);
        box.disabled = empty;
      });
    });
  }

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }

  function card(data) {
    var meta = data.meta || {};
    var item = document.createElement("li");
    item.className = "cb-card cb-card--result";
    item.setAttribute("data-cb-result-url", data.url);
    item.appendChild(text("p", "cb-card__type", meta.type || ""));
    var title = document.createElement("h3");
    title.className = "cb-card__title";
    var link = text("a", "", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    if (meta.partners) item.appendChild(text("p", "cb-card__meta", meta.partners));
    if (meta.summary) item.appendChild(text("p", "cb-card__summary", meta.summary));
    if (meta.figure) item.appendChild(text("p", "cb-card__figure", meta.figure));
    return item;
  }

  // A result's card: for a search by words, from the card file Casebook writes beside Pagefind's
  // fragment of the page (a few hundred bytes; the fragment holds all of the page's text), with the
  // address made as Pagefind makes it; else, or if there is none, Pagefind's own data().
  var cardFiles = true;
  function resultData(r) {
    if (!r.id || !cardFiles) return r.data();
    return fetch(bundle.href + "casebook-cards/" + r.id + ".json").then(function (response) {
      if (!response.ok) throw new Error("casebook-cards/" + r.id + ".json: " + response.status);
      return response.json();
    }).then(function (c) {
      return { url: (site.pathname + "/" + c.url).replace(/\/+/g, "/"), meta: c.meta || {} };
    }, function () {
      cardFiles = false;
      return r.data();
    });
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(resultData)).then(function (pages) {
      if (mine !== generation) return;
      pages.forEach(function (page) { list.appendChild(card(page)); });
      more.hidden = shown >= results.length;
    });
  }

  function resultsText(n) {
    return n === 0 ? strings.no_results : (n === 1 ? strings.results_one : strings.results_other.replace("{n}", n));
  }

  function isEmpty(state) {
    return !state.q && facetIds.every(function (facet) { return !state.filters[facet].length; });
  }

  function showBrowsing() {
    ++generation;
    browsing = true;
    list.replaceChildren.apply(list, initialCards);
    facetsForm.querySelectorAll("[data-cb-value]").forEach(function (label) {
      var key = label.closest("[data-cb-facet]").getAttribute("data-cb-facet") + ":" + label.getAttribute("data-cb-value");
      label.querySelector("[data-cb-count]").textContent = initialCounts[key];
      label.classList.remove("cb-facet__value--empty");
      label.querySelector("input").disabled = false;
    });
    var total = parseInt(status.getAttribute("data-cb-total"), 10);
    more.hidden = total <= initialCards.length;
    status.textContent = resultsText(total);
    list.setAttribute("data-cb-complete", "");
    return Promise.resolve();
  }

  // While a search runs, #cb-results has no data-cb-complete; it gets it once every card is shown.
  function run(state) {
    if (isEmpty(state)) return showBrowsing();
    browsing = false;
    return search_(state);
  }

  function search_(state) {
    var mine = ++generation;
    list.removeAttribute("data-cb-complete");
    status.textContent = strings.loading;
    if (state.q) return loadPagefind().then(function () { return searchPagefind(state, mine); }, unavailable);
    // Without words: the facet file, or Pagefind if the file cannot be read.
    return loadFacetFile().then(function (file) {
      if (mine !== generation) return;
      var found = browseFacetFile(file, state);
      showCounts(found.counts, state);
      return showResults(found.results, mine);
    }, function (error) {
      if (window.console) window.console.warn("Casebook search: no facet file:", error);
      return loadPagefind().then(function () { return searchPagefind(state, mine); }, unavailable);
    });
  }

  function searchPagefind(state, mine) {
    var selected = facetIds.filter(function (facet) { return state.filters[facet].length; });
    // Pagefind returns counts once its filter index is loaded; it grows with the site, so it is
    // loaded only when counts can be seen: a facet is open or a value is chosen.
    var counting = selected.length > 0 || facetsForm.querySelector("details.cb-facet[open]") !== null;
    if (counting) filtersLoaded = filtersLoaded || pagefind.filters();
    return (filtersLoaded || Promise.resolve()).then(function () {
      return Promise.all([search(state)].concat(selected.map(function (facet) { return search(state, facet); })));
    })
      .then(function (searches) {
        if (mine !== generation) return;
        var main = searches[0];
        var counts = {};
        facetIds.forEach(function (facet) { counts[facet] = main.filters[facet]; });
        selected.forEach(function (facet, i) { counts[facet] = searches[i + 1].filters[facet]; });
        if (filtersLoaded) showCounts(counts, state);
        return showResults(main.results, mine);
      });
  }

  function showResults(found, mine) {
    results = found;
    shown = 0;
    list.replaceChildren();
    return showMore(mine).then(function () {
      if (mine !== generation) return;
      status.textContent = resultsText(found.length);
      list.setAttribute("data-cb-complete", "");
    });
  }

  // Pagefind could not be loaded: the plain list stays; the page is still useful.
  function unavailable(error) {
    if (window.console) window.console.warn("Casebook search is unavailable:", error);
    controls.hidden = true;
    browse.hidden = false;
    root.removeAttribute("data-cb-ready");
  }

  function fromControls(push) {
    var state = readControls();
    writeUrl(state, push);
    showState(state);
    return run(state);
  }

  var typing = null;
  function start() {
    controls.hidden = false;
    browse.hidden = true;
    root.setAttribute("data-cb-ready", "true");
    var state = readUrl();
    showState(state);
    run(state).then(function () { root.setAttribute("data-cb-loaded", "true"); });

    // The filters beside the results on a wide screen; on a phone behind their button, below the results.
    var wide = window.matchMedia("(min-width: 60em)");
    document.getElementById("cb-filters").open = wide.matches;
    document.getElementById("cb-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      input.blur(); // closes a phone's keyboard, which would hide the results
      fromControls(true).then(function () {
        if (!wide.matches) status.scrollIntoView({ block: "start" });
      });
    });
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { fromControls(false); }, 300);
    });
    facetsForm.addEventListener("change", function () { fromControls(true); });
    // Opening a facet after a search by words: load the counts and show them for those results.
    facetsForm.querySelectorAll("details.cb-facet").forEach(function (details) {
      details.addEventListener("toggle", function () {
        if (details.open && !filtersLoaded && !browsing && readUrl().q) run(readUrl());
      });
    });
    facetsForm.addEventListener("submit", function (event) { event.preventDefault(); });
    // Keyboard: Enter ticks or unticks a filter, as Space does, instead of submitting the form.
    facetsForm.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type === "checkbox") {
        event.preventDefault();
        event.target.click();
      }
    });
    document.getElementById("cb-clear").addEventListener("click", function () {
      facetsForm.querySelectorAll("input:checked").forEach(function (box) { box.checked = false; });
      fromControls(true);
    });
    more.addEventListener("click", function () {
      if (!browsing) { showMore(generation); return; }
      // Beyond the built-in first page: search the index for everything, then show the next page.
      browsing = false;
      search_(readUrl()).then(function () { return showMore(generation); });
    });
    window.addEventListener("popstate", function () {
      var state = readUrl();
      showState(state);
      run(state);
    });
  }

  var site = new URL(root.getAttribute("data-cb-site"), document.baseURI);
  var bundle = new URL(root.getAttribute("data-cb-bundle"), document.baseURI); // Pagefind's folder
  start();
})();
