// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";

  function copyCitation(button) {
    var text = button.getAttribute("data-citation");
    var done = function () {
      var status = button.parentNode.querySelector(".copied");
      if (!status) {
        status = document.createElement("span");
        status.className = "copied";
        status.setAttribute("role", "status");
        button.parentNode.appendChild(status);
      }
      status.textContent = button.getAttribute("data-copied") + " " + text;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the citation stays visible in the status line */ }
    document.body.removeChild(area);
  }

  // Wide screens: the notes stand in the margin beside their provision, as sidenotes. Each goes at its provision's
  // top, or just below the notes before it, and never starts below its own provision's block: notes open where
  // they leave room for the ones after them, and the rest stay folded to their one-line count, beside their text.
  var WIDE = "(min-width: 75rem)";
  var GAP = 8;
  function arrangeNotes() {
    var panels = Array.prototype.slice.call(document.querySelectorAll(".law-text .provision-notes"));
    if (!window.matchMedia(WIDE).matches) {  // narrow: folded after their provision, as the page has them
      panels.forEach(function (panel) { panel.style.top = ""; });
      return;
    }
    var items = panels.map(function (panel) {
      // Beside the provision it annotates (a lead-in paragraph's notes stand at the end of its parent's block).
      var owner = document.getElementById(panel.getAttribute("data-for")) || panel.parentElement;
      var block = owner.getBoundingClientRect();
      panel.open = true;
      var full = panel.getBoundingClientRect().height;
      panel.open = false;
      return { panel: panel, top: block.top + window.scrollY, bottom: block.bottom + window.scrollY, full: full,
               line: panel.getBoundingClientRect().height, open: false };
    });
    items.sort(function (a, b) { return a.top - b.top; });
    // Where each note starts, from the i-th on, given the cursor left by those before: -1 if one cannot start
    // beside its provision.
    function place(from, cursor, tops) {
      for (var j = from; j < items.length; j++) {
        var top = Math.max(items[j].top, cursor + GAP);
        if (top + items[j].line > items[j].bottom && j > from) { return -1; }
        tops[j] = top;
        cursor = top + (items[j].open ? items[j].full : items[j].line);
      }
      return cursor;
    }
    var tops = [];
    var cursor = -Infinity;
    items.forEach(function (item, i) {
      item.open = true;
      if (place(i, cursor, tops.slice()) < 0) { item.open = false; }
      tops[i] = Math.max(item.top, cursor + GAP);
      cursor = tops[i] + (item.open ? item.full : item.line);
    });
    items.forEach(function (item, i) {
      item.panel.open = item.open;
      var base = item.panel.offsetParent.getBoundingClientRect().top + window.scrollY;
      item.panel.style.top = (tops[i] - base) + "px";
    });
  }

  function highlightTarget() {
    document.querySelectorAll(".is-highlighted").forEach(function (el) { el.classList.remove("is-highlighted"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var folded = target && target.closest("details:not([open])");
    if (folded) { folded.open = true; }  // a note linked to (from its quote, a search) opens where it stands
    if (target) {
      target.classList.add("is-highlighted");
      target.scrollIntoView({ block: "start" });
    }
  }

  // Words a search found, marked in the provision the result led to (?hl=…#eid).
  function highlightSearchWords() {
    var words = (new URLSearchParams(window.location.search).get("hl") || "").toLowerCase().split(/\s+/).filter(Boolean);
    var id = decodeURIComponent(window.location.hash.slice(1));
    var scope = (id && document.getElementById(id)) || document.querySelector(".law-text");
    if (!words.length || !scope) { return; }
    // Match a word by its first letters, so "bodies" finds "body" the way the search's stemming did.
    var stems = words.map(function (w) { return w.length > 5 ? w.slice(0, w.length - 2) : w; });
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { if (!walker.currentNode.parentNode.closest(".note, .provision-tools")) { nodes.push(walker.currentNode); } }
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])((?:" + stems.map(function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")[\\p{L}\\p{N}-]*)", "giu");
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      if (!pattern.test(text)) { return; }
      pattern.lastIndex = 0;
      var fragment = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (match, before, word, offset) {
        var start = offset + before.length;
        fragment.appendChild(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = word;
        fragment.appendChild(mark);
        last = start + word.length;
        return match;
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  // A defined term's definition, shown beside it while the term has focus or the pointer (the WAI-ARIA tooltip
  // pattern): screen readers already hear it as the link's description; Escape puts it away.
  function definitionPopovers() {
    var popover = document.createElement("div");
    popover.className = "definition-popover";
    popover.setAttribute("aria-hidden", "true");
    popover.hidden = true;
    document.body.appendChild(popover);
    var shownFor = null;
    function show(term) {
      var definition = document.getElementById(term.getAttribute("aria-describedby"));
      if (!definition) { return; }
      popover.textContent = definition.textContent;
      popover.hidden = false;  // shown first, so its width is known when it is kept inside the window
      var box = term.getBoundingClientRect();
      var rightmost = document.documentElement.clientWidth - popover.offsetWidth - 8;
      popover.style.top = (window.scrollY + box.bottom + 6) + "px";
      popover.style.left = (window.scrollX + Math.max(8, Math.min(box.left, rightmost))) + "px";
      shownFor = term;
    }
    function hide() { popover.hidden = true; shownFor = null; }
    document.querySelectorAll("a.defined-term").forEach(function (term) {
      term.addEventListener("focus", function () { show(term); });
      term.addEventListener("mouseenter", function () { show(term); });
      term.addEventListener("blur", hide);
      term.addEventListener("mouseleave", function () { if (document.activeElement !== term) { hide(); } });
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape" && shownFor) { hide(); } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlightSearchWords();
    definitionPopovers();
    document.querySelectorAll(".print-page").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".copy-citation").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyCitation(button); });
    });
    // On a narrow screen the text comes first: the editions and contents start folded.
    if (window.matchMedia("(max-width: 60rem)").matches) {
      document.querySelectorAll(".sidebar .toc, .sidebar .timeline-details").forEach(function (panel) { panel.open = false; });
    }
    arrangeNotes();
    highlightTarget();
    window.addEventListener("hashchange", highlightTarget);
    var resized;
    window.addEventListener("resize", function () { clearTimeout(resized); resized = setTimeout(arrangeNotes, 200); });
    // A printed page has no margin column and nothing to click: every note is printed after its provision.
    var folded = [];
    window.addEventListener("beforeprint", function () {
      folded = Array.prototype.slice.call(document.querySelectorAll(".provision-notes:not([open])"));
      folded.forEach(function (panel) { panel.open = true; });
    });
    window.addEventListener("afterprint", function () { folded.forEach(function (panel) { panel.open = false; }); });
  });
})();
