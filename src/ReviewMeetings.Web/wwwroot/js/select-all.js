// "全选本页": a checkbox that ticks or clears every box of the list it names (data-select-all="list id"), and shows
// itself as partly ticked when only some are. Without script the box stays hidden; the page offers a server-side
// "add all matching" instead.
"use strict";

(function () {
    for (const all of document.querySelectorAll("[data-select-all]")) {
        const list = document.getElementById(all.dataset.selectAll);
        if (!list) {
            continue;
        }

        const boxes = () => Array.from(list.querySelectorAll("input[type=checkbox]"));
        const sync = () => {
            const ticked = boxes().filter(b => b.checked).length;
            all.checked = ticked > 0 && ticked === boxes().length;
            all.indeterminate = ticked > 0 && ticked < boxes().length;
        };
        all.addEventListener("change", () => {
            for (const box of boxes()) {
                box.checked = all.checked;
            }
        });
        list.addEventListener("change", sync);
        all.closest("[data-select-all-box]")?.removeAttribute("hidden");
        sync();
    }
})();
