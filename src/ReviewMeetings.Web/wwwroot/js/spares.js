// Recording spare slips as 未发放 one by one: a USB scanner types the code and Enter, each code is posted at once,
// the count and the list update, the field is emptied and focused again for the next slip, and every outcome is
// announced in the live region. Without script the page's textarea takes a pasted list instead.
"use strict";

(function () {
    const scan = document.querySelector("[data-spares-scan]");
    const form = document.querySelector("[data-spares-form]");
    if (!scan || !form) {
        return;
    }

    const input = form.querySelector("input[name=code]");
    const status = scan.querySelector("[data-spares-status]");
    const list = scan.querySelector("[data-spares-list]");
    const count = scan.querySelector("[data-spares-count]");
    const total = document.getElementById("spares-recorded");
    scan.hidden = false;
    input.focus();
    let queue = Promise.resolve();

    function report(text, ok) {
        status.textContent = text;
        status.className = "mt-2 " + (ok ? "text-success" : "text-danger fw-bold");
    }

    async function record(code) {
        const body = new FormData(form);
        body.set("code", code);
        try {
            const response = await fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } });
            if (!response.ok) {
                report("登记失败（" + response.status + "），请刷新页面后重试：" + code, false);
                return;
            }

            const answer = await response.json();
            const item = document.createElement("li");
            item.textContent = (answer.code || code) + "：" + answer.message;
            list.prepend(item);
            count.textContent = String(list.children.length);
            total.textContent = String(answer.recorded);
            report((answer.code || code) + "：" + answer.message + "。已登记未发放 " + answer.recorded + " 个。", answer.ok);
        } catch {
            report("网络错误，未登记：" + code + "。请检查网络后重新扫描。", false);
        }
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const code = input.value.trim();
        input.value = "";
        input.focus();
        if (code) {
            // One request at a time, in scanning order, so the count never goes backwards.
            queue = queue.then(function () { return record(code); });
        }
    });
})();
