"use strict";

document.getElementById("print-notice")?.addEventListener("click", function () { window.print(); });
