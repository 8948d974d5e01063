// The live-meeting connection shared by the console, the projector and the comment pads.
// Each state carries the server time it was taken at; the countdown is extrapolated from the moment it arrived,
// so every screen shows the same time whatever its own clock says.
"use strict";

(function () {
    function countdown(elapsedMs, limitSeconds) {
        const remainingMs = limitSeconds * 1000 - elapsedMs;
        const seconds = Math.ceil(Math.abs(remainingMs) / 1000 - 0.0005);
        const text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
        const phase = remainingMs < 0 ? "over" : remainingMs <= 60000 ? "lastminute" : "normal";
        return { text: remainingMs < 0 && seconds > 0 ? "-" + text : text, phase: phase };
    }

    function connect(options) {
        let state = null;
        let receivedAt = 0;
        const connection = new signalR.HubConnectionBuilder()
            .withUrl("/hubs/live")
            .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function (context) { return Math.min(1000 * (context.previousRetryCount + 1), 5000); } })
            .build();

        function status(text) {
            document.querySelectorAll("[data-connection-text]").forEach(function (el) { el.textContent = text; });
        }

        function apply(next) {
            if (!next) {
                return;
            }
            state = next;
            receivedAt = Date.now();
            options.onState(next);
        }

        function join() {
            return options.token
                ? connection.invoke("JoinProjector", options.token)
                : connection.invoke("JoinMeeting", options.meetingId);
        }

        async function start() {
            try {
                await connection.start();
                apply(await join());
                status("已连接");
            } catch (error) {
                if (error && String(error.message || "").indexOf("HubException") >= 0) {
                    status(String(error.message).replace(/^.*HubException: /, ""));
                    return;
                }
                status("连接中断，正在重试…");
                setTimeout(start, 2000);
            }
        }

        connection.on("state", apply);
        connection.on("revoked", function () {
            status("大屏链接已被收回。");
            connection.stop();
            if (options.onRevoked) {
                options.onRevoked();
            }
        });
        connection.onreconnecting(function () { status("连接中断，正在重连…"); });
        connection.onreconnected(async function () {
            try {
                apply(await join());
                status("已连接");
            } catch {
                status("连接异常，请刷新页面。");
            }
        });
        connection.onclose(function (error) {
            if (error) {
                status("连接中断，正在重试…");
                setTimeout(start, 2000);
            }
        });

        const initial = document.getElementById("live-initial");
        if (initial) {
            apply(JSON.parse(initial.textContent));
        }
        start();

        return {
            state: function () { return state; },
            apply: apply,
            elapsedMs: function () {
                if (!state) {
                    return 0;
                }
                const grown = state.timer.state === "Running" ? Date.now() - receivedAt : 0;
                return state.timer.elapsedMs + grown;
            }
        };
    }

    window.rmLive = { connect: connect, countdown: countdown };
})();
