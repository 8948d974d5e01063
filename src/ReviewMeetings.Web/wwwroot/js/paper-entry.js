// Paper ballot entry: as the clerk types the digits of one ballot, names the grade each digit gives each reporter,
// so a slip of the finger shows before the ballot is saved. The server checks the same rules again.
"use strict";

(function () {
    const scale = document.getElementById("paper-scale");
    if (!scale) {
        return;
    }

    const reporters = JSON.parse(scale.dataset.reporters || "[]");
    const grades = JSON.parse(scale.dataset.grades || "[]");

    function digitsOf(text) {
        return Array.from(text.replace(/\s/g, "")).map(function (c) {
            const code = c.charCodeAt(0);
            return code >= 0xFF10 && code <= 0xFF19 ? String.fromCharCode(code - 0xFF10 + 48) : c;
        });
    }

    function gradeOf(digit) {
        if (digit === "0") {
            return { name: "弃权", ok: true };
        }

        const index = digit.charCodeAt(0) - 49;
        return index >= 0 && index < grades.length && digit.length === 1 && /[0-9]/.test(digit)
            ? { name: grades[index], ok: true }
            : { name: "“" + digit + "”无效", ok: false };
    }

    document.querySelectorAll("input[data-paper-digits]").forEach(function (input) {
        const preview = document.getElementById(input.dataset.preview);
        const count = document.getElementById("digits-count");
        function render() {
            const digits = digitsOf(input.value);
            preview.replaceChildren();
            reporters.forEach(function (name, i) {
                const item = document.createElement("li");
                const grade = i < digits.length ? gradeOf(digits[i]) : null;
                item.textContent = name + "：" + (grade ? grade.name : "—");
                if (grade && !grade.ok) {
                    item.className = "text-danger fw-bold";
                } else if (!grade) {
                    item.className = "text-secondary";
                }

                preview.appendChild(item);
            });
            digits.slice(reporters.length).forEach(function () {
                const item = document.createElement("li");
                item.className = "text-danger fw-bold";
                item.textContent = "多余的数字";
                preview.appendChild(item);
            });
            if (count) {
                count.textContent = digits.length === 0 ? "" : "已输入 " + digits.length + " / " + reporters.length + " 位";
            }
        }

        input.addEventListener("input", render);
        render();
    });
})();
