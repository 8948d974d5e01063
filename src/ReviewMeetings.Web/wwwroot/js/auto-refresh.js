// While voting runs, refreshes the counts in place (no page reload, so focus and typed input stay put).
// It stops for good once a form on the page is submitted, and skips a tick while a field in the region has focus or
// has been changed, so an action in progress is never interrupted and nothing typed is lost.
"use strict";

(function () {
    const marker = document.querySelector("[data-refresh-seconds]");
    const region = document.getElementById("live-counts");
    if (!marker || !region) {
        return;
    }

    let stopped = false;
    document.addEventListener("submit", function () { stopped = true; }, true);
    const seconds = Number(marker.dataset.refreshSeconds) || 15;
    function editing() {
        return region.contains(document.activeElement) && document.activeElement !== region
            || Array.from(region.querySelectorAll("input, textarea")).some(function (field) { return field.value !== field.defaultValue; });
    }

    const timer = setInterval(async function () {
        if (stopped) {
            clearInterval(timer);
            return;
        }

        if (editing()) {
            return;
        }

        try {
            const response = await fetch(window.location.href, { headers: { "X-Requested-With": "refresh" }, credentials: "same-origin" });
            if (!response.ok || stopped) {
                return;
            }

            const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("live-counts");
            if (fresh && !stopped && !editing()) {
                region.innerHTML = fresh.innerHTML;
            }
        } catch {
            // Offline for a moment: the next tick tries again.
        }
    }, seconds * 1000);
})();
