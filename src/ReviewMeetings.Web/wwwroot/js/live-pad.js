// Leader comment pad: follows the live meeting, autosaves the draft every few seconds and on leaving a field,
// keeps a local copy until the server confirms it, and lets the leader choose when another device saved first.
"use strict";

(function () {
    const strip = document.getElementById("pad-live");
    const form = document.getElementById("comment-form");
    const finalBlock = document.getElementById("comment-final");

    // The reporter list is folded on a phone, so the form comes first; beside the form on wide screens it is open.
    const reporters = document.querySelector("[data-pad-reporters]");
    if (reporters && window.matchMedia("(min-width: 768px)").matches) {
        reporters.open = true;
    }

    if (finalBlock) {
        localStorage.removeItem(finalBlock.dataset.storageKey);
    }

    if (strip && window.rmLive) {
        const live = window.rmLive.connect({
            meetingId: strip.dataset.meetingId,
            onState: function (state) {
                const current = state.current;
                strip.querySelector("[data-pad-current]").textContent = current ? current.unitName : "暂无";
                const go = strip.querySelector("[data-pad-go]");
                go.hidden = !current || current.id === strip.dataset.selected;
                if (current) {
                    go.href = "/Live/Pad/" + state.meetingId + "?reporter=" + current.id;
                }
            }
        });
        setInterval(function () {
            const state = live.state();
            const timer = strip.querySelector("[data-pad-timer]");
            if (state && state.current && state.timer.state !== "Idle") {
                timer.textContent = window.rmLive.countdown(live.elapsedMs(), state.timeLimitSeconds).text;
            } else {
                timer.textContent = "";
            }
        }, 500);
    }

    if (!form) {
        return;
    }

    const key = form.dataset.storageKey;
    const status = form.querySelector("[data-save-status]");
    const version = form.querySelector("[data-version]");
    const list = form.querySelector("[data-problems]");
    const conflict = form.querySelector("[data-conflict]");
    let dirty = false;
    let saving = false;
    let blocked = false;
    let finalizing = false;
    let inflight = Promise.resolve();
    let theirs = null;

    function read() {
        return {
            achievements: form.elements["Input.Achievements"].value,
            problems: Array.from(form.querySelectorAll("input[name='Input.Problems']")).map(function (i) { return i.value; }),
            expectations: form.elements["Input.Expectations"].value
        };
    }

    function problemItem(value) {
        const li = document.createElement("li");
        li.className = "mb-1";
        li.innerHTML = "<div class=\"d-flex gap-1\"><input class=\"form-control\" name=\"Input.Problems\" maxlength=\"500\" />" +
            "<button type=\"button\" class=\"btn btn-outline-secondary btn-sm text-nowrap flex-shrink-0\" data-remove-problem>删除</button></div>";
        li.querySelector("input").value = value || "";
        list.appendChild(li);
        label();
        return li.querySelector("input");
    }

    function label() {
        list.querySelectorAll("li").forEach(function (li, i) {
            li.querySelector("input").setAttribute("aria-label", "问题" + (i + 1));
            const remove = li.querySelector("[data-remove-problem]");
            remove.hidden = false;
            remove.setAttribute("aria-label", "删除问题" + (i + 1));
        });
    }

    function write(text) {
        form.elements["Input.Achievements"].value = text.achievements;
        form.elements["Input.Expectations"].value = text.expectations;
        list.innerHTML = "";
        const problems = text.problems.filter(function (p) { return p && p.trim(); });
        problems.concat([""]).forEach(problemItem);
    }

    function remember() {
        localStorage.setItem(key, JSON.stringify({ text: read(), version: version.value, at: Date.now() }));
    }

    function describe(text) {
        const problems = text.problems.filter(function (p) { return p && p.trim(); });
        return "肯定成绩：" + (text.achievements || "（空）") + "\n指出问题：" +
            (problems.length ? problems.map(function (p, i) { return (i + 1) + ". " + p; }).join("\n") : "（空）") +
            "\n提出希望：" + (text.expectations || "（空）");
    }

    function showConflict(server) {
        theirs = server;
        blocked = true;
        conflict.hidden = false;
        conflict.querySelector("[data-conflict-mine]").textContent = describe(read());
        conflict.querySelector("[data-conflict-theirs]").textContent = describe(server);
        conflict.querySelector("[data-conflict-time]").textContent = "保存于 " + server.savedAt;
        status.textContent = "有冲突，尚未保存";
        conflict.querySelector("[data-keep-mine]").focus();
    }

    function save() {
        if (dirty && !saving && !blocked && !finalizing) {
            inflight = send();
        }
        return inflight;
    }

    async function send() {
        saving = true;
        const sent = JSON.stringify(read());
        const action = form.getAttribute("action");
        try {
            const response = await fetch(action, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { "Accept": "application/json" }
            });
            const body = await response.json();
            if (response.status === 409 && body.conflict) {
                showConflict(body.conflict);
            } else if (!response.ok) {
                status.textContent = body.error || "保存失败";
            } else {
                version.value = body.version;
                if (JSON.stringify(read()) === sent) {
                    dirty = false;
                    localStorage.removeItem(key);
                    status.textContent = "已保存 " + body.savedAt;
                } else {
                    remember();
                    status.textContent = "未保存";
                }
            }
        } catch {
            status.textContent = "网络中断，内容已保留在本机，恢复后自动保存";
        } finally {
            saving = false;
        }
    }

    function changed() {
        dirty = true;
        remember();
        status.textContent = "未保存";
    }

    list.addEventListener("click", function (event) {
        const remove = event.target.closest("[data-remove-problem]");
        if (remove) {
            const li = remove.closest("li");
            const next = li.nextElementSibling || li.previousElementSibling;
            li.remove();
            if (!list.querySelector("li")) {
                problemItem("");
            }
            label();
            (next ? next.querySelector("input") : list.querySelector("input")).focus();
            changed();
        }
    });
    const add = form.querySelector("[data-add-problem]");
    add.hidden = false;
    add.addEventListener("click", function () { problemItem("").focus(); });
    label();

    form.addEventListener("input", changed);
    form.addEventListener("focusout", function () { save(); });
    form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target.name === "Input.Problems") {
            event.preventDefault();
            const li = event.target.closest("li");
            const nextInput = li.nextElementSibling ? li.nextElementSibling.querySelector("input") : problemItem("");
            nextInput.focus();
        }
    });
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (event.submitter && event.submitter.hasAttribute("data-finalize")) {
            finalize(event.submitter);
            return;
        }
        dirty = true;
        save();
    });

    // Clicking 提交点评 right after typing also fires the blur autosave. Both requests would start from the same
    // version and one would be refused as a conflict, so the submit waits for that autosave and uses its version.
    function finalize(button) {
        if (finalizing) {
            return;
        }
        finalizing = true;
        button.disabled = true;
        inflight.then(function () {
            if (blocked) {
                finalizing = false;
                button.disabled = false;
                return;
            }
            form.setAttribute("action", button.getAttribute("formaction"));
            form.submit();
        });
    }
    conflict.querySelector("[data-keep-mine]").addEventListener("click", function () {
        version.value = theirs.version;
        blocked = false;
        conflict.hidden = true;
        dirty = true;
        remember();
        save();
    });
    conflict.querySelector("[data-take-theirs]").addEventListener("click", function () {
        write(theirs);
        version.value = theirs.version;
        blocked = false;
        conflict.hidden = true;
        dirty = false;
        localStorage.removeItem(key);
        status.textContent = "已采用另一设备的内容（保存于 " + theirs.savedAt + "）";
    });
    window.addEventListener("online", save);
    setInterval(save, 3000);

    const stored = localStorage.getItem(key);
    if (stored) {
        const local = JSON.parse(stored);
        if (JSON.stringify(local.text) !== JSON.stringify(read())) {
            write(local.text);
            version.value = local.version;
            dirty = true;
            status.textContent = "已恢复本机未保存的内容，正在保存…";
            save();
        } else {
            localStorage.removeItem(key);
        }
    }
})();
