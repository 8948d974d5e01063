// Downloads that take a while to render (PDF, ZIP): links and GET forms marked data-download fetch the file, show a
// busy button and a status message meanwhile, and ignore further clicks until it has arrived. Without script the plain
// link or form still downloads the file.
"use strict";

(function () {
    const busyText = "正在生成…";

    function statusFor(control) {
        const id = control.getAttribute("data-download-status");
        let status = id ? document.getElementById(id) : null;
        if (!status) {
            status = document.createElement("span");
            status.className = "download-status small ms-2";
            status.setAttribute("role", "status");
            status.id = "download-status-" + Math.random().toString(36).slice(2);
            control.setAttribute("data-download-status", status.id);
            control.insertAdjacentElement("afterend", status);
        }
        return status;
    }

    function setBusy(control, busy) {
        control.dataset.downloadBusy = busy ? "true" : "";
        control.setAttribute("aria-busy", busy ? "true" : "false");
        if (control.tagName === "BUTTON") {
            control.disabled = busy;
        } else {
            control.classList.toggle("disabled", busy);
            if (busy) {
                control.setAttribute("aria-disabled", "true");
            } else {
                control.removeAttribute("aria-disabled");
            }
        }
        // An aria-label must keep containing the visible text (label-content-name-mismatch): name the busy text too.
        if (busy && control.hasAttribute("aria-label")) {
            control.dataset.downloadAriaLabel = control.getAttribute("aria-label");
            control.setAttribute("aria-label", busyText + control.dataset.downloadAriaLabel);
        } else if (!busy && control.dataset.downloadAriaLabel !== undefined) {
            control.setAttribute("aria-label", control.dataset.downloadAriaLabel);
            delete control.dataset.downloadAriaLabel;
        }
        if (busy) {
            control.dataset.downloadLabel = control.innerHTML;
            control.innerHTML = "<span class=\"spinner-border spinner-border-sm me-1\" aria-hidden=\"true\"></span>" + busyText;
        } else if (control.dataset.downloadLabel !== undefined) {
            control.innerHTML = control.dataset.downloadLabel;
        }
    }

    function fileName(response) {
        const header = response.headers.get("Content-Disposition") || "";
        const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
        if (star) {
            return decodeURIComponent(star[1]);
        }
        const plain = /filename="?([^";]+)"?/i.exec(header);
        return plain ? plain[1] : "";
    }

    // post: { form, submitter, body } when the file comes from a POST (e.g. issuing ballot codes as a PDF), else null.
    // The body is read before the button turns busy: a disabled button's name and value would not be sent.
    async function download(control, url, post) {
        if (control.dataset.downloadBusy === "true") {
            return;
        }
        const status = statusFor(control);
        setBusy(control, true);
        status.textContent = "正在生成文件，请稍候，不要重复点击。";
        try {
            const response = post
                ? await fetch(url, { method: "POST", body: post.body, credentials: "same-origin" })
                : await fetch(url, { credentials: "same-origin" });
            const type = response.headers.get("Content-Type") || "";
            if (!response.ok || type.indexOf("text/html") === 0) {
                // Not a file: an error page or a message for the page; show it as a plain request would. A POST is
                // sent again by the browser itself, which is safe only because such forms are idempotent.
                if (post) {
                    setBusy(control, false);
                    post.form.dataset.downloadNative = "yes";
                    post.form.requestSubmit(post.submitter);
                } else {
                    window.location.href = response.url || url;
                }
                return;
            }
            const blob = await response.blob();
            const link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = fileName(response);
            link.hidden = true;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
            status.textContent = "文件已生成，开始下载。";
            if (post && post.form.hasAttribute("data-download-reload")) {
                // The page's counts changed and its form must not post the same request again: load it afresh.
                setTimeout(function () { window.location.reload(); }, 1500);
            }
        } catch (error) {
            status.textContent = "生成失败，请检查网络后重试。";
        } finally {
            setBusy(control, false);
        }
    }

    document.addEventListener("click", function (event) {
        const link = event.target.closest("a[data-download]");
        if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        download(link, link.href);
    });

    // A POST form whose submit button is marked data-download (idempotent forms only).
    document.addEventListener("submit", function (event) {
        const form = event.target;
        const submitter = event.submitter;
        if (!submitter || !submitter.hasAttribute("data-download") || event.defaultPrevented
            || (form.method || "get").toLowerCase() !== "post" || form.dataset.downloadNative === "yes") {
            return;
        }
        event.preventDefault();
        download(submitter, submitter.hasAttribute("formaction") ? submitter.formAction : form.action, { form: form, submitter: submitter, body: new FormData(form, submitter) });
    });

    document.addEventListener("submit", function (event) {
        const form = event.target.closest("form[data-download]");
        if (!form || event.defaultPrevented || (form.method || "get").toLowerCase() !== "get") {
            return;
        }
        event.preventDefault();
        const button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
        const url = new URL(form.action, window.location.href);
        const data = new FormData(form);
        if (event.submitter && event.submitter.name) {
            data.append(event.submitter.name, event.submitter.value);
        }
        url.search = new URLSearchParams(data).toString();
        download(button || form, url.toString());
    });
})();
