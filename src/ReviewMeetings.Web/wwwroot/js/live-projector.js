// Projector view: big current reporter, countdown and ballot progress, all driven by pushed state.
"use strict";

(function () {
    const root = document.querySelector(".projector");
    if (!root || !window.rmLive) {
        return;
    }

    function text(selector, value) {
        const el = root.querySelector(selector);
        if (el) {
            el.textContent = value;
        }
    }

    function view(name) {
        root.querySelectorAll("[data-view]").forEach(function (section) { section.hidden = section.dataset.view !== name; });
    }

    function render(state) {
        const current = state.current;
        const agenda = state.agenda.find(function (a) { return a.id === state.currentAgendaItemId; });
        if (state.currentAgendaKind === "Evaluation") {
            view("ballots");
            text("[data-p-returned]", state.ballots.returned);
            text("[data-p-issued]", state.ballots.issued);
            const share = state.ballots.issued > 0 ? Math.min(100, 100 * state.ballots.returned / state.ballots.issued) : 0;
            root.querySelector("[data-p-bar]").style.width = share.toFixed(1) + "%";
        } else if (current) {
            view("report");
            text("[data-p-order]", "第" + current.order + "位 / 共" + state.onSiteCount + "位");
            text("[data-p-unit]", current.unitName);
            text("[data-p-secretary]", ((current.secretaryTitle || "") + " " + current.secretaryName).trim());
        } else {
            view("idle");
            text("[data-p-agenda]", agenda ? agenda.title : "会议即将开始");
        }
    }

    const live = window.rmLive.connect({
        meetingId: root.dataset.meetingId || null,
        token: root.dataset.token || null,
        onState: render,
        onRevoked: function () {
            view("idle");
            text("[data-p-agenda]", "大屏链接已被收回");
        }
    });

    setInterval(function () {
        const state = live.state();
        const timer = root.querySelector("[data-p-timer]");
        if (!state || !timer) {
            return;
        }
        const c = window.rmLive.countdown(live.elapsedMs(), state.timeLimitSeconds);
        timer.textContent = c.text;
        timer.className = "projector-timer timer-" + c.phase;
    }, 250);

    root.querySelector("[data-fullscreen]").addEventListener("click", function () {
        if (document.fullscreenElement) {
            document.exitFullscreen();
        } else {
            document.documentElement.requestFullscreen();
        }
    });
})();
