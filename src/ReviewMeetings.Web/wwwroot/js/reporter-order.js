// Drag-and-drop ordering of on-site reporters: after a drop the new order is written into the
// reorder form and saved at once. The 上移/下移 buttons remain the keyboard alternative.
(function () {
    const list = document.getElementById("onsite-list");
    const form = document.getElementById("reorder-form");
    if (!list || !form || typeof Sortable === "undefined") {
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
            list.querySelectorAll(".onsite-item").forEach(function (item) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = "order";
                input.value = item.dataset.id;
                form.appendChild(input);
            });
            form.requestSubmit();
        }
    });
})();
