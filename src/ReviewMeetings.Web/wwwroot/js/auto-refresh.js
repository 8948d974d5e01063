// Reloads a progress page every few seconds while voting runs, unless the user is typing into a field.
(function () {
    const marker = document.querySelector("[data-refresh-seconds]");
    if (!marker) {
        return;
    }

    const seconds = Number(marker.dataset.refreshSeconds) || 15;
    setInterval(function () {
        const active = document.activeElement;
        const typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT") && active.value;
        if (!typing) {
            window.location.reload();
        }
    }, seconds * 1000);
})();
