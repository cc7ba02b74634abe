// Print buttons for step cards. Without JavaScript the buttons stay hidden and the browser's
// own print command does the same job.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var target = button.getAttribute("data-print");
    if (target) {
      window.open(target + "#print", "_blank", "noopener");
    } else {
      window.print();
    }
  });
});
if (location.hash === "#print") {
  window.addEventListener("load", function () { window.print(); });
}
