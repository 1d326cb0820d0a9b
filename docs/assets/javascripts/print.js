// The "In" buttons: shown only when this script runs, they open the browser's print dialog.
// Before printing, every collapsed block is opened, and closed again afterwards.
(function () {
  "use strict";

  document.querySelectorAll("[data-hb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
