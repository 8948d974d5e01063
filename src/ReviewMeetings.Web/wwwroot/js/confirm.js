// Irreversible steps: a button or form with data-confirm asks in a modal dialog before it posts. On 确定 the form is
// posted with confirmed=true; without script the server answers an unconfirmed post with a confirmation page instead.
// data-confirm-requires="field" names a field the step needs (e.g. a reason): while it is empty the form is posted
// without asking, so the server's message appears next to the field before anyone is asked to confirm.
"use strict";

(function () {
    let dialog = null;

    function build() {
        const d = document.createElement("dialog");
        d.className = "confirm-dialog";
        d.setAttribute("aria-labelledby", "confirm-dialog-title");
        d.setAttribute("aria-describedby", "confirm-dialog-text");
        d.innerHTML =
            '<form method="dialog">' +
            '<h2 class="h5" id="confirm-dialog-title"></h2>' +
            '<div class="alert alert-warning" role="alert" hidden></div>' +
            '<p id="confirm-dialog-text"></p>' +
            '<div class="d-flex flex-wrap gap-2 justify-content-end">' +
            '<button type="submit" value="cancel" class="btn btn-outline-secondary">取消</button>' +
            '<button type="submit" value="ok" class="btn btn-primary" data-confirm-accept></button>' +
            "</div></form>";
        document.body.appendChild(d);
        return d;
    }

    function ask(source, submitter) {
        dialog = dialog || build();
        dialog.querySelector("#confirm-dialog-title").textContent = source.dataset.confirmTitle || "确定继续？";
        dialog.querySelector("#confirm-dialog-text").textContent = source.dataset.confirm;
        const warning = dialog.querySelector(".alert");
        warning.hidden = !source.dataset.confirmWarning;
        warning.textContent = source.dataset.confirmWarning ? "请注意：" + source.dataset.confirmWarning : "";
        dialog.querySelector("[data-confirm-accept]").textContent =
            source.dataset.confirmOk || (submitter && submitter.textContent.trim()) || "确定";
        dialog.returnValue = "";
        return new Promise(function (resolve) {
            dialog.addEventListener("close", function () { resolve(dialog.returnValue === "ok"); }, { once: true });
            dialog.showModal();
        });
    }

    // Capture phase: runs before any script that posts the form in the background (e.g. the live console).
    document.addEventListener("submit", async function (event) {
        const form = event.target;
        const submitter = event.submitter;
        const source = submitter && submitter.hasAttribute("data-confirm") ? submitter
            : form.hasAttribute("data-confirm") ? form : null;
        if (!source || form.dataset.confirming === "yes") {
            return;
        }
        const required = source.getAttribute("data-confirm-requires");
        const field = required ? form.elements.namedItem(required) : null;
        if (field && typeof field.value === "string" && field.value.trim() === "") {
            return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        if (!(await ask(source, submitter))) {
            (submitter || form).focus();
            return;
        }
        let flag = form.querySelector("input[name=confirmed]");
        if (!flag) {
            flag = document.createElement("input");
            flag.type = "hidden";
            flag.name = "confirmed";
            form.appendChild(flag);
        }
        flag.value = "true";
        form.dataset.confirming = "yes";
        try {
            form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        } finally {
            delete form.dataset.confirming;
            // A form posted in the background stays on the page: its next use asks again.
            flag.remove();
        }
    }, true);
})();
