// The band minimum labels name the chosen scale's grades: when the scale changes, the labels follow at once, and the
// second minimum is hidden (and not posted) for a scale without an 80-point grade. Without script the server renders
// the labels of the scale last posted.
"use strict";

(function () {
    const select = document.querySelector("[data-band-scale]");
    if (!select) {
        return;
    }

    const second = document.querySelector("[data-band-second]");
    const note = document.querySelector("[data-band-second-note]");

    function relabel() {
        const option = select.selectedOptions[0];
        if (!option) {
            return;
        }

        document.querySelectorAll("[data-band-name]").forEach(function (name) {
            const grade = option.dataset[name.dataset.bandName];
            if (grade) {
                name.textContent = grade;
            }
        });
        const hasSecond = Boolean(option.dataset.second);
        second.hidden = !hasSecond;
        second.querySelector("input").disabled = !hasSecond;
        note.hidden = hasSecond;
    }

    select.addEventListener("change", relabel);
})();
