// The agenda's 添加一行 and 删除 work in the browser when script runs, without a round trip; without script they are
// ordinary submit buttons that re-render the form. Field names and labels are renumbered so the rows bind in order.
"use strict";

(function () {
    const body = document.getElementById("agenda-rows");
    const add = document.getElementById("add-row");
    if (!body || !add) {
        return;
    }

    function renumber() {
        body.querySelectorAll("tr.agenda-row").forEach(function (row, index) {
            row.querySelectorAll("input, select, button").forEach(function (field) {
                if (field.name && field.name.indexOf("Rows[") === 0) {
                    field.name = field.name.replace(/^Rows\[\d+\]/, "Rows[" + index + "]");
                    field.id = field.name.replace(/[\[\].]/g, "_");
                }

                const label = field.getAttribute("aria-label");
                if (label) {
                    field.setAttribute("aria-label", label.replace(/第\d+行/, "第" + (index + 1) + "行"));
                }

                if (field.tagName === "BUTTON") {
                    field.value = String(index);
                }
            });
        });
    }

    body.addEventListener("click", function (event) {
        const button = event.target.closest("button[name='row']");
        if (!button) {
            return;
        }

        event.preventDefault();
        const row = button.closest("tr");
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber();
        (next ? next.querySelector("select") : add).focus();
    });

    add.addEventListener("click", function (event) {
        const rows = body.querySelectorAll("tr.agenda-row");
        if (rows.length === 0) {
            return; // Nothing to copy: let the server add the row.
        }

        event.preventDefault();
        const copy = rows[rows.length - 1].cloneNode(true);
        copy.querySelectorAll("input").forEach(function (input) { input.value = ""; });
        copy.querySelectorAll("select").forEach(function (select) { select.selectedIndex = 0; });
        copy.querySelectorAll(".is-invalid").forEach(function (field) { field.classList.remove("is-invalid"); });
        body.appendChild(copy);
        renumber();
        copy.querySelector("input[name$='.Order']").value = String(body.querySelectorAll("tr.agenda-row").length);
        copy.querySelector("select").focus();
    });
})();
