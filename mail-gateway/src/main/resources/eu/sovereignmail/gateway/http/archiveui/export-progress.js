// Sovereign Mail archive: keeps the progress of running exports current without reloading the page.
// Optional: without script, the page refreshes itself (a noscript refresh) and shows the same.
(function () {
  "use strict";
  var rows = document.querySelectorAll("[data-export-progress]");
  if (rows.length === 0) {
    return;
  }
  function poll(row) {
    fetch(row.getAttribute("data-export-progress"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (export_) {
        var bar = row.querySelector("progress");
        var text = row.querySelector(".export-progress-text");
        if (bar) {
          bar.value = export_.percent;
        }
        if (text) {
          text.textContent = export_.done + " of " + export_.total + " messages (" + export_.percent + "%)";
        }
        if (export_.status === "running") {
          window.setTimeout(function () { poll(row); }, 1500);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(row); }, 5000);
      });
  }
  rows.forEach(poll);
})();
