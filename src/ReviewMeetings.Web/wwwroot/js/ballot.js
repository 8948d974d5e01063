// The phone ballot with script: the review step is built here from the form as it stands, and 确认提交 sends the
// whole ballot in one request (/v/ballot). The server checks everything again; its message comes back to the ballot
// with every choice kept. Without script the page's own review and submit steps do the same in three requests.
"use strict";

(function () {
    const form = document.querySelector("form[data-ballot]");
    const items = form && form.querySelector("[data-ballot-items]");
    if (!items) {
        return;
    }

    const review = form.querySelector("[data-ballot-review]");
    const list = form.querySelector("[data-ballot-review-list]");
    const error = form.querySelector("[data-ballot-error]");
    const confirm = form.querySelector("[data-ballot-confirm]");
    const done = form.querySelector("template[data-ballot-done]");
    const blankQuestion = form.querySelector("[data-ballot-blank]");
    const blankConfirm = form.querySelector("[data-ballot-blank-confirm]");
    let sending = false;

    function chosenName(fieldset) {
        const radio = fieldset.querySelector("input[type=radio]:checked");
        if (!radio || radio.value === "") {
            return "弃权";
        }

        const label = fieldset.querySelector("label[for='" + radio.id + "']");
        return label ? label.textContent.trim() : radio.value;
    }

    function showError(message) {
        error.textContent = message;
        error.hidden = false;
        error.focus();
    }

    function showBallot(message) {
        review.hidden = true;
        items.hidden = false;
        if (message) {
            showError(message);
        }
    }

    function showReview() {
        error.hidden = true;
        list.replaceChildren();
        form.querySelectorAll("fieldset.ballot-item").forEach(function (fieldset) {
            const item = document.createElement("li");
            item.className = "list-group-item d-flex align-items-start gap-2";
            const who = document.createElement("span");
            who.className = "me-auto";
            who.append(fieldset.dataset.unit + " ");
            const secretary = document.createElement("span");
            secretary.className = "small text-secondary";
            secretary.textContent = fieldset.dataset.secretary;
            who.append(secretary);
            const grade = document.createElement("strong");
            grade.className = "text-nowrap";
            grade.textContent = chosenName(fieldset);
            item.append(who, grade);
            list.append(item);
        });
        // Nothing chosen: a blank ballot is void (废票), so the review step asks before it is handed in.
        const blank = !form.querySelector("fieldset.ballot-item input[type=radio]:checked:not([value=''])");
        blankQuestion.hidden = !blank;
        blankConfirm.disabled = !blank;
        items.hidden = true;
        review.hidden = false;
        window.scrollTo(0, 0);
        review.querySelector("h2").focus();
    }

    // A used or voided code cannot be helped by changing the ballot: the voter is sent to type a code again.
    function showCodeRefused(message) {
        items.remove();
        review.remove();
        showError(message);
        const again = document.createElement("a");
        again.href = "/v";
        again.className = "btn btn-outline-primary btn-lg w-100";
        again.textContent = "重新输入测评码";
        error.after(again);
    }

    async function send() {
        sending = true;
        confirm.disabled = true;
        let response;
        try {
            response = await fetch(confirm.getAttribute("formaction"), {
                method: "POST",
                body: new URLSearchParams(new FormData(form)),
                headers: { "Accept": "application/json" },
                credentials: "same-origin",
            });
        } catch {
            showError("网络连接失败，您的选择仍然保留。请检查网络后再次点击“确认提交”。");
            return;
        } finally {
            sending = false;
            confirm.disabled = false;
        }

        if (response.ok) {
            const ballot = form.closest(".ballot");
            ballot.replaceChildren(done.content.cloneNode(true));
            ballot.querySelector("h1").focus();
            return;
        }

        const answer = await response.json().catch(function () { return null; });
        if (!answer || !answer.error) {
            showError("提交没有成功，您的选择仍然保留。请稍后再次点击“确认提交”。");
        } else if (answer.field === "Code") {
            showCodeRefused(answer.error);
        } else {
            showBallot(answer.error);
        }
    }

    // The step decides what a submission means, not the button: only one of the two submit buttons is shown at a time,
    // and older browsers do not tell which button submitted.
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (review.hidden) {
            showReview();
        } else if (!sending) {
            send();
        }
    });

    form.querySelector("[data-ballot-back]").addEventListener("click", function () {
        showBallot(null);
        const first = items.querySelector("fieldset input:checked") || items.querySelector("fieldset input");
        if (first) {
            first.focus();
        }
    });
})();
