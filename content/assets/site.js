/*
 * The site's only script, self-hosted. Every feature is an enhancement: without
 * JavaScript the pages show the full lists, the register in date order, and the
 * search page says how to browse instead.
 *
 * - comfort: text size and high-contrast mode, remembered across pages;
 * - print: links print with their full address;
 * - filters: the activities list by partner, kind and year (also from the URL);
 * - sorting: the decisions register by number or date;
 * - search: Pagefind, asking for `đ` wherever the reader typed `d`.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var store = window.localStorage;

  function remembered(key) {
    try { return store.getItem("site." + key); } catch (error) { return null; }
  }

  function remember(key, value) {
    try { store.setItem("site." + key, value); } catch (error) { /* private mode: not remembered */ }
  }

  /* Comfort: applied at once, so that pages do not flash at the default size. */
  var MAX_SIZE = 2;
  function applyComfort() {
    var size = Number(remembered("textSize") || 0);
    if (size > 0) { root.setAttribute("data-text-size", String(size)); } else { root.removeAttribute("data-text-size"); }
    var high = remembered("contrast") === "high";
    if (high) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
    var toggle = document.querySelector(".comfort [data-contrast]");
    if (toggle) { toggle.setAttribute("aria-pressed", String(high)); }
  }
  applyComfort();

  function setUpComfort() {
    var group = document.querySelector(".comfort");
    if (!group) { return; }
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.hasAttribute("data-text-size")) {
        var size = Number(remembered("textSize") || 0) + Number(button.getAttribute("data-text-size"));
        remember("textSize", String(Math.max(0, Math.min(MAX_SIZE, size))));
      } else {
        remember("contrast", remembered("contrast") === "high" ? "normal" : "high");
      }
      applyComfort();
    });
    applyComfort();
  }

  /* Print: the stylesheet prints data-print-href after each link. */
  function setUpPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll(".md-typeset a[href]").forEach(function (link) {
        link.setAttribute("data-print-href", link.href);
      });
    });
  }

  /* Filters on the activities list. */
  function setUpFilters() {
    var form = document.querySelector("form.filters");
    if (!form) { return; }
    var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-by-year .timeline__item"));
    var status = form.querySelector(".filters__count");
    var params = new URLSearchParams(window.location.search);
    ["partner", "kind", "year"].forEach(function (name) {
      if (params.get(name)) { form.elements[name].value = params.get(name); }
    });

    function apply() {
      var partner = form.elements.partner.value, kind = form.elements.kind.value, year = form.elements.year.value;
      var shown = 0;
      items.forEach(function (item) {
        var match = (!partner || (" " + item.getAttribute("data-partners") + " ").indexOf(" " + partner + " ") >= 0) &&
          (!kind || item.getAttribute("data-kind") === kind) && (!year || item.getAttribute("data-year") === year);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      document.querySelectorAll(".timeline-by-year .timeline__year").forEach(function (section) {
        section.hidden = !section.querySelector(".timeline__item:not([hidden])");
      });
      status.textContent = status.getAttribute("data-template").replace("{count}", shown);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  /* Sorting the decisions register. */
  function setUpSorting() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var body = table.tBodies[0];
      table.querySelectorAll("th[data-sort]").forEach(function (header, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        button.textContent = header.textContent;
        header.textContent = "";
        header.appendChild(button);
        button.addEventListener("click", function () {
          var ascending = header.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
          header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var index = Array.prototype.indexOf.call(header.parentNode.children, header);
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[index].getAttribute("data-sort-value"), y = b.cells[index].getAttribute("data-sort-value");
            return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  /* Search. */
  var VARIANT_LIMIT = 16;
  var RESULTS_SHOWN = 10; // each result loads its page's fragment: ten keep a first search light

  function variants(query) {
    var words = query.trim().split(/\s+/).filter(Boolean);
    var results = [""];
    words.forEach(function (word) {
      var forms = [word];
      if (/[dD]/.test(word)) { forms.push(word.replace(/d/g, "đ").replace(/D/g, "Đ")); }
      var next = [];
      results.forEach(function (start) {
        forms.forEach(function (form) { next.push(start ? start + " " + form : form); });
      });
      results = next.slice(0, VARIANT_LIMIT);
    });
    return results.filter(Boolean);
  }

  function escapeKeepingMarks(html) {
    var text = html.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return text.replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
  }

  function setUpSearch() {
    var page = document.querySelector("[data-search-page]");
    if (!page) { return; }
    var form = page.querySelector("form");
    var input = form.elements.q;
    var status = page.querySelector(".search-status");
    var list = page.querySelector(".search-results");
    var scope = window.__md_scope || new URL("/", window.location.href);
    var loading = import(new URL("pagefind/pagefind.js", scope).href).then(function (pagefind) {
      pagefind.options({ baseUrl: new URL(".", scope).pathname });
      return pagefind;
    });

    function say(template, values) {
      return page.getAttribute(template).replace("{count}", values.count).replace("{query}", values.query);
    }

    function run(query) {
      list.textContent = "";
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = page.getAttribute("data-searching");
      var found = 0;
      loading.then(function (pagefind) {
        return Promise.all(variants(query).map(function (form) { return pagefind.search(form); }));
      }).then(function (searches) {
        var best = {};
        searches.forEach(function (search) {
          search.results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) { best[result.id] = result; }
          });
        });
        var results = Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score; });
        found = results.length;
        results = results.slice(0, RESULTS_SHOWN);
        return Promise.all(results.map(function (result) { return result.data(); }));
      }).then(function (pages) {
        status.textContent = say(found ? "data-found" : "data-none", { count: found, query: query });
        if (found > pages.length) {
          status.textContent += " " + page.getAttribute("data-shown").replace("{count}", pages.length);
        }
        pages.forEach(function (data) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = data.url;
          link.textContent = data.meta.title;
          var heading = document.createElement("h2");
          heading.appendChild(link);
          var excerpt = document.createElement("p");
          excerpt.innerHTML = escapeKeepingMarks(data.excerpt);
          item.appendChild(heading);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
      }).catch(function () {
        status.textContent = page.getAttribute("data-failed");
      });
    }

    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    var header = document.getElementById("site-search-input");
    if (header) { header.value = query; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value);
    });
    document.querySelectorAll(".search-needs-script").forEach(function (note) { note.hidden = true; });
    form.hidden = false;
    run(query);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpComfort();
    setUpPrint();
    setUpFilters();
    setUpSorting();
    setUpSearch();
  });
}());
