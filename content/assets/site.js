/*
 * The site's only script, self-hosted. Every feature is an enhancement: without
 * JavaScript the pages show the full lists, the register in date order, and the
 * search page says how to browse instead (assets/noscript.css hides the controls
 * that need this script).
 *
 * - comfort: text size and high-contrast mode, remembered across pages, folded
 *   behind one button on phones;
 * - language: switching language keeps the page's query (search, filters);
 * - print: links print with their full address;
 * - filters: the activities list by partner, kind and year (also from the URL),
 *   and the partners directory by kind;
 * - sorting: the decisions register by number or date;
 * - search: Pagefind, asking for `đ` wherever the reader typed `d`, every
 *   result reachable ten at a time, each with its kind and date;
 * - copy: a record's citation copied to the clipboard, and said so.
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

  /* A message's {name}s filled in one pass, each with its value as it is: a replacer function, as in a replacement
     string `$&`, `$1`, `$$`, `` $` `` and `$'` are patterns, and a value holding "{count}" is not filled again. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : slot;
    });
  }

  /* The message an element holds in `attribute`, filled in; when the count is 1, its `attribute-one` if it has one
     (English says "1 result", "1 activity"; Vietnamese has one form for every count). */
  function message(element, attribute, values) {
    var one = attribute + "-one";
    return fill(element.getAttribute(values.count === 1 && element.hasAttribute(one) ? one : attribute), values);
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
    var opener = group.querySelector(".comfort__toggle");
    function open(state) {
      group.classList.toggle("comfort--open", state);
      opener.setAttribute("aria-expanded", String(state));
    }
    opener.addEventListener("click", function () { open(!group.classList.contains("comfort--open")); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && group.classList.contains("comfort--open")) { open(false); opener.focus(); }
    });
    document.addEventListener("click", function (event) { if (!group.contains(event.target)) { open(false); } });
    group.querySelector(".comfort__panel").addEventListener("click", function (event) {
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

  /* Language: the other language's page, with this page's query (search terms, filters). Material's own
     switcher would look the page up in a sitemap and drop the query: the links already name the page. */
  function updateLanguageLinks() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var target = new URL(link.href);
      target.search = window.location.search;
      link.href = target.href;
    });
  }

  function setUpLanguage() {
    updateLanguageLinks();
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) { event.stopPropagation(); });
    });
  }

  function setQuery(params) {
    var url = new URL(window.location.href);
    Object.keys(params).forEach(function (name) {
      if (params[name]) { url.searchParams.set(name, params[name]); } else { url.searchParams.delete(name); }
    });
    window.history.replaceState(null, "", url);
    updateLanguageLinks();
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
  var FILTERS = ["partner", "kind", "year"];
  function setUpFilters() {
    var form = document.querySelector("form.filters");
    if (!form) { return; }
    var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-by-year .timeline__item"));
    var status = form.querySelector(".filters__count");
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      if (params.get(name)) { form.elements[name].value = params.get(name); }
    });

    function apply() {
      var chosen = {};
      FILTERS.forEach(function (name) { chosen[name] = form.elements[name].value; });
      var shown = 0;
      items.forEach(function (item) {
        var match = (!chosen.partner || (" " + item.getAttribute("data-partners") + " ").indexOf(" " + chosen.partner + " ") >= 0) &&
          (!chosen.kind || item.getAttribute("data-kind") === chosen.kind) &&
          (!chosen.year || item.getAttribute("data-year") === chosen.year);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      document.querySelectorAll(".timeline-by-year .timeline__year").forEach(function (section) {
        section.hidden = !section.querySelector(".timeline__item:not([hidden])");
        section.querySelectorAll(".timeline__context-heading").forEach(function (heading) {
          heading.hidden = !section.querySelector(".timeline__item--context:not([hidden])");
        });
      });
      /* The chosen partner's whole name is said, since a closed drop-down cuts a long one on a phone. */
      var partner = form.elements.partner;
      status.textContent = chosen.partner ?
        message(status, "data-template-partner", { count: shown, partner: partner.options[partner.selectedIndex].text }) :
        message(status, "data-template", { count: shown });
      setQuery(chosen);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  /* The partners directory, by kind of partner. */
  function setUpDirectory() {
    var form = document.querySelector("form.directory__filter");
    if (!form) { return; }
    form.addEventListener("change", function () {
      var kind = form.elements.kind.value;
      document.querySelectorAll(".directory__list > li").forEach(function (item) {
        item.hidden = Boolean(kind) && item.getAttribute("data-kind") !== kind;
      });
      document.querySelectorAll(".directory__country, .directory__region").forEach(function (group) {
        group.hidden = !group.querySelector(".directory__list > li:not([hidden])");
      });
    });
  }

  /* Sorting the decisions register. */
  function setUpSorting() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var body = table.tBodies[0];
      table.querySelectorAll("th[data-sort]").forEach(function (header) {
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

  /* Copy: a button names the element whose text it copies (`data-copy`, an id), and says in its paragraph's live
     region whether the clipboard took it. Emptied first, so that a second copy is announced again. A browser with
     no clipboard API (a page not served over HTTPS) gets no button: it could only fail. */
  function setUpCopy() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector("[role=status]");
      if (!navigator.clipboard) { button.hidden = true; return; }
      button.addEventListener("click", function () {
        status.textContent = "";
        navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(function () {
          status.textContent = button.getAttribute("data-copied");
        }, function () {
          status.textContent = button.getAttribute("data-copy-failed");
        });
      });
    });
  }

  /* Search. */
  var VARIANT_LIMIT = 16;
  var PAGE_SIZE = 10; // each result loads its page's fragment: ten at a time keep every step light
  var RANKING = { pageLength: 0.3 }; // short pages (contact) no longer outrank a title that matches

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

  /* Pagefind 1.6 gives meta.title as plain text, and the excerpt as HTML made from the page's plain text:
     `<` and `>` written &lt; and &gt; (nothing else, not even `&`), the words found wrapped in <mark>
     (pagefind_web_js: loadFragment, build_excerpt). So the excerpt is read back, not parsed: its <mark> tags
     become <mark> elements, the text between them text nodes with &lt; and &gt; turned back into < and >.
     Nothing in it ever becomes markup; only a text that itself says "&lt;" reads back as "<", which the
     excerpt cannot tell apart. */
  function excerptNodes(html) {
    var nodes = [], marked = false;
    html.split(/(<\/?mark>)/).forEach(function (piece) {
      if (piece === "<mark>" || piece === "</mark>") { marked = piece === "<mark>"; return; }
      if (!piece) { return; }
      var text = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (!marked) { nodes.push(text); return; }
      var mark = document.createElement("mark");
      mark.appendChild(text);
      nodes.push(mark);
    });
    return nodes;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    var about = document.createElement("p");
    about.className = "search-result__about";
    about.textContent = [data.meta.type, data.meta.date].filter(Boolean).join(" · ");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    excerptNodes(data.excerpt).forEach(function (node) { excerpt.appendChild(node); });
    item.appendChild(about);
    item.appendChild(heading);
    item.appendChild(excerpt);
    return item;
  }

  function setUpSearch() {
    var page = document.querySelector("[data-search-page]");
    if (!page) { return; }
    var form = page.querySelector("form");
    var input = form.elements.q;
    var status = page.querySelector(".search-status");
    var list = page.querySelector(".search-results");
    var more = page.querySelector(".search-more");
    var scope = window.__md_scope || new URL("/", window.location.href);
    // each language's search bundle sits beside its search page: /pagefind/, /en/pagefind/ (macros/files/search.py)
    var bundle = new URL("../pagefind/pagefind.js", window.location.href);
    var loading = import(bundle.href).then(function (pagefind) {
      return pagefind.options({ baseUrl: new URL(".", scope).pathname, ranking: RANKING }).then(function () {
        return pagefind;
      });
    });
    var results = [], query = "", run = 0;

    function say(template, values) {
      return message(page, template, values);
    }

    function showNext() {
      var mine = run, start = list.children.length;
      more.disabled = true;
      return Promise.all(results.slice(start, start + PAGE_SIZE).map(function (result) { return result.data(); }))
        .then(function (pages) {
          if (mine !== run) { return; }
          pages.forEach(function (data) { list.appendChild(resultItem(data)); });
          var shown = list.children.length;
          status.textContent = say(results.length ? "data-found" : "data-none", { count: results.length, query: query });
          if (results.length > PAGE_SIZE) {
            status.textContent += " " + say("data-shown", { shown: shown, count: results.length });
          }
          more.hidden = shown >= results.length;
          more.disabled = false;
          if (start > 0 && list.children[start]) { list.children[start].querySelector("a").focus(); }
        });
    }

    function search(terms) {
      run += 1;
      var mine = run;
      query = terms;
      list.textContent = "";
      more.hidden = true;
      results = [];
      if (!terms.trim()) { status.textContent = ""; return; }
      status.textContent = page.getAttribute("data-searching");
      loading.then(function (pagefind) {
        return Promise.all(variants(terms).map(function (form) { return pagefind.search(form); }));
      }).then(function (searches) {
        if (mine !== run) { return; }
        var best = {};
        searches.forEach(function (found) {
          found.results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) { best[result.id] = result; }
          });
        });
        results = Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score; });
        return showNext();
      }).catch(function () {
        status.textContent = page.getAttribute("data-failed");
      });
    }

    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    var header = document.getElementById("site-search-input");
    if (header) { header.value = initial; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      setQuery({ q: input.value });
      search(input.value);
    });
    more.addEventListener("click", showNext);
    search(initial);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpComfort();
    setUpLanguage();
    setUpPrint();
    setUpFilters();
    setUpDirectory();
    setUpSorting();
    setUpCopy();
    setUpSearch();
  });
}());
