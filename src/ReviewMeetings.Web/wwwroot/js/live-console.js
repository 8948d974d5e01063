// Organizer console: buttons post in the background; every pushed state re-renders the panel from the server,
// and the countdown ticks locally between pushes.
(function () {
    "use strict";
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

    async function refreshPanel() {
        const wanted = focusKey();
        const response = await fetch(panel.dataset.panelUrl, { credentials: "same-origin" });
        if (response.ok) {
            panel.innerHTML = await response.text();
            restoreFocus(wanted);
        }
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
        if (!form.hasAttribute("data-live-form")) {
            return;
        }
        event.preventDefault();
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        try {
            const response = await fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { "Accept": "application/json" }
            });
            const body = await response.json();
            show(body.error ? "danger" : "success", body.error || body.message);
            if (body.state) {
                live.apply(body.state);
            }
            await refreshing;
        } catch {
            // The background post failed (offline?): fall back to a normal submit, which reports the outcome itself.
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
