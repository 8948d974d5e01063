// Organizer console: buttons post in the background; every pushed state re-renders the panel from the server,
// and the countdown ticks locally between pushes.
"use strict";

(function () {
    const panel = document.getElementById("console-panel");
    const messages = document.getElementById("live-message");
    if (!panel || !window.rmLive) {
        return;
    }

    let lastKey = null;
    let refreshing = Promise.resolve();

    function key(state) {
        const copy = Object.assign({}, state, { serverNow: 0, timer: { state: state.timer.state, elapsedMs: state.timer.state === "Running" ? 0 : state.timer.elapsedMs } });
        return JSON.stringify(copy);
    }

    function focusKey() {
        const el = document.activeElement;
        if (!el || !panel.contains(el)) {
            return null;
        }
        const form = el.closest("form");
        return form ? form.getAttribute("action") + "|" + (form.querySelector("input[type=hidden]:not([name=__RequestVerificationToken])") || {}).value : null;
    }

    function restoreFocus(wanted) {
        if (!wanted) {
            return;
        }
        const match = Array.from(panel.querySelectorAll("form")).find(function (form) {
            return form.getAttribute("action") + "|" + (form.querySelector("input[type=hidden]:not([name=__RequestVerificationToken])") || {}).value === wanted;
        });
        const button = match && match.querySelector("button:not([disabled])");
        (button || panel.querySelector("button:not([disabled])") || panel).focus();
    }

    // While confirm.js asks about a step, the panel is left as it is: replacing it would detach the form the dialog
    // is about to post.
    function dialogClosed() {
        const open = document.querySelector("dialog[open]");
        return open ? new Promise(function (resolve) { open.addEventListener("close", resolve, { once: true }); }) : Promise.resolve();
    }

    async function refreshPanel() {
        await dialogClosed();
        const response = await fetch(panel.dataset.panelUrl, { credentials: "same-origin" });
        if (response.ok) {
            const html = await response.text();
            await dialogClosed();
            const wanted = focusKey();
            panel.innerHTML = html;
            restoreFocus(wanted);
        }
    }

    // A step that must be confirmed (data-confirm) is posted in the background only with confirmed=true, which
    // confirm.js adds on 确定. Without it the browser posts the form itself and the server answers with its
    // confirmation page, so the background post never gets an HTML page where it expects JSON.
    function unconfirmed(form, submitter) {
        const asks = (submitter && submitter.hasAttribute("data-confirm")) || form.hasAttribute("data-confirm");
        const flag = form.querySelector("input[name=confirmed]");
        return asks && !(flag && flag.value === "true");
    }

    function show(kind, text) {
        messages.innerHTML = "";
        if (text) {
            const div = document.createElement("div");
            div.className = "alert py-2 alert-" + kind;
            div.textContent = text;
            messages.appendChild(div);
        }
    }

    const live = window.rmLive.connect({
        meetingId: panel.dataset.meetingId,
        onState: function (state) {
            const k = key(state);
            if (lastKey !== null && k !== lastKey) {
                refreshing = refreshing.then(refreshPanel, refreshPanel);
            }
            lastKey = k;
        }
    });

    panel.addEventListener("submit", async function (event) {
        const form = event.target;
        if (!form.hasAttribute("data-live-form") || unconfirmed(form, event.submitter)) {
            return;
        }
        event.preventDefault();
        const body = new FormData(form);
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        try {
            const response = await fetch(form.action, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                headers: { "Accept": "application/json" }
            });
            const answer = await response.json();
            show(answer.error ? "danger" : "success", answer.error || answer.message);
            if (answer.state) {
                live.apply(answer.state);
            }
            await refreshing;
        } catch {
            // The background post failed (offline?): fall back to a normal submit, which reports the outcome itself and
            // carries the confirmation the user already gave.
            if (body.get("confirmed") === "true" && !form.querySelector("input[name=confirmed]")) {
                const flag = document.createElement("input");
                flag.type = "hidden";
                flag.name = "confirmed";
                flag.value = "true";
                form.appendChild(flag);
            }
            form.submit();
        }
    });

    setInterval(function () {
        const state = live.state();
        const timer = panel.querySelector("[data-live-timer]");
        if (!state || !timer) {
            return;
        }
        const c = window.rmLive.countdown(live.elapsedMs(), state.timeLimitSeconds);
        timer.textContent = c.text;
        timer.className = "console-timer timer-" + c.phase;
    }, 250);
})();
