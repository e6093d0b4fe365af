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
      status.textContent = "Citation copied: " + text;
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

  function highlightTarget() {
    document.querySelectorAll(".is-highlighted").forEach(function (el) { el.classList.remove("is-highlighted"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) {
      target.classList.add("is-highlighted");
      target.scrollIntoView({ block: "start" });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".copy-citation").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyCitation(button); });
    });
    // On a narrow screen the text comes first: the editions and contents start folded.
    if (window.matchMedia("(max-width: 60rem)").matches) {
      document.querySelectorAll(".toc, .timeline-details").forEach(function (panel) { panel.open = false; });
    }
    highlightTarget();
    window.addEventListener("hashchange", highlightTarget);
  });
})();
