// The annotation form in the admin: provision suggestions and a live preview. Without it, the form still works:
// the provision box takes an eid and the "Preview in a new tab" button renders the body on the server.
(function () {
  "use strict";
  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("live-preview");
    if (!panel) { return; }
    var csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
    var body = document.getElementById("id_body");
    var eid = document.getElementById("id_target_eid");
    var revision = document.getElementById("id_revision");
    var options = document.getElementById("id_target_eid-options");

    if (body) {
      var refresh = debounce(function () {
        var data = new FormData(body.form);  // the whole note: its kind, title, provision and quote as well
        fetch(panel.dataset.previewUrl, {
          method: "POST", body: data, headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" }
        }).then(function (r) { return r.json(); }).then(function (json) { panel.innerHTML = json.html; });
      }, 300);
      body.form.addEventListener("input", refresh);
      body.form.addEventListener("change", refresh);
      refresh();
    }
    if (eid && revision && options) {
      eid.setAttribute("list", options.id);
      var suggest = debounce(function () {
        if (!revision.value) { return; }
        var url = panel.dataset.provisionsUrl + "?revision=" + encodeURIComponent(revision.value) +
          "&q=" + encodeURIComponent(eid.value);
        fetch(url).then(function (r) { return r.json(); }).then(function (json) {
          options.innerHTML = "";
          json.results.forEach(function (result) {
            var option = document.createElement("option");
            option.value = result.eid;
            option.label = result.label;
            option.textContent = result.label;
            options.appendChild(option);
          });
        });
      }, 200);
      eid.addEventListener("input", suggest);
      revision.addEventListener("change", suggest);
    }
  });
})();
