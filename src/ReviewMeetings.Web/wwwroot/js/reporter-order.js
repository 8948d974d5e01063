// Drag-and-drop ordering of each part of the schedule (on site, written): after a drop the new order is written into
// the list's reorder form (data-reorder-form) and saved at once. The 上移/下移 buttons remain the keyboard alternative.
"use strict";

(function () {
    if (typeof Sortable === "undefined") {
        return;
    }

    document.querySelectorAll("ol.reporter-order[data-reorder-form]").forEach(function (list) {
        const form = document.getElementById(list.dataset.reorderForm);
        if (!form) {
            return;
        }

        Sortable.create(list, {
            handle: ".drag-handle",
            animation: 150,
            onEnd: function (event) {
                if (event.oldIndex === event.newIndex) {
                    return;
                }

                form.querySelectorAll("input[name='order']").forEach(function (input) { input.remove(); });
                list.querySelectorAll(".order-item").forEach(function (item) {
                    const input = document.createElement("input");
                    input.type = "hidden";
                    input.name = "order";
                    input.value = item.dataset.id;
                    form.appendChild(input);
                });
                form.requestSubmit();
            }
        });
    });
})();
