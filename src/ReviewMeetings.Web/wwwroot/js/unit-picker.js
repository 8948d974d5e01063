// The unit picker as a combobox (ARIA 1.2 pattern, list autocomplete): typing part of a name or a 党组织代码 asks the
// page's JSON handler for matching units; ArrowUp/ArrowDown move through them, Enter or a click chooses one and writes
// its id into the hidden field the form posts, Escape closes the list. Without script the page offers 查找 instead.
"use strict";

(function () {
    const delay = 250;
    let pickers = 0;

    for (const picker of document.querySelectorAll("[data-unit-picker]")) {
        setUp(picker, ++pickers);
    }

    function setUp(picker, number) {
        const input = picker.querySelector("[data-unit-picker-input]");
        const current = picker.querySelector("[data-unit-picker-current]");
        if (!input || !current) {
            return;
        }

        // The chosen unit travels in one hidden field; after a search without script it was a checked radio button.
        const checked = picker.querySelector("[data-unit-picker-results] input[type=radio]:checked");
        let value = picker.querySelector("[data-unit-picker-value]");
        if (!value) {
            value = document.createElement("input");
            value.type = "hidden";
            value.name = picker.dataset.field;
            value.value = checked ? checked.value : "";
            picker.append(value);
        }
        for (const element of picker.querySelectorAll("[data-unit-picker-results], [data-unit-picker-hint]")) {
            element.remove();
        }
        // Gone rather than hidden: a hidden 查找 would stay the form's default button, so Enter in any other field would search.
        picker.querySelector("[data-unit-picker-find]")?.remove();
        input.name = "";

        const list = document.createElement("ul");
        list.id = "unit-picker-list-" + number;
        list.className = "unit-picker-list list-group shadow-sm";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", (picker.querySelector("label")?.textContent ?? "") + "候选单位");
        list.hidden = true;
        const status = document.createElement("div");
        status.className = "form-text";
        status.setAttribute("role", "status");
        input.closest(".input-group").after(list, status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);
        if (!input.value && input.dataset.selectedName) {
            input.value = input.dataset.selectedName;
        }

        let units = [];
        let active = -1;
        let timer = 0;
        let request = null;

        function open() {
            list.hidden = units.length === 0;
            input.setAttribute("aria-expanded", String(!list.hidden));
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            const options = list.querySelectorAll("[role=option]");
            if (options.length === 0) {
                return;
            }
            active = (index + options.length) % options.length;
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", String(i === active));
                option.classList.toggle("active", i === active);
            });
            input.setAttribute("aria-activedescendant", options[active].id);
            options[active].scrollIntoView({ block: "nearest" });
        }

        function choose(index) {
            const unit = units[index];
            if (!unit) {
                return;
            }
            value.value = unit.id;
            value.dispatchEvent(new Event("change", { bubbles: true }));
            input.value = unit.name;
            input.dataset.selectedName = unit.name;
            current.textContent = "已选：" + describe(unit);
            status.textContent = "";
            close();
        }

        function describe(unit) {
            return unit.path + (unit.code ? "（" + unit.code + "）" : "");
        }

        function show(answer) {
            units = answer.units;
            list.replaceChildren();
            units.forEach(function (unit, i) {
                const option = document.createElement("li");
                option.id = list.id + "-" + i;
                option.className = "list-group-item list-group-item-action";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                if (unit.parent) {
                    const parent = document.createElement("span");
                    parent.className = "text-secondary";
                    parent.textContent = unit.parent + " / ";
                    option.append(parent);
                }
                option.append(unit.name + (unit.code ? "（" + unit.code + "）" : ""));
                // Keeps the focus in the field, so the click below still finds the list open.
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                });
                option.addEventListener("click", function () {
                    choose(i);
                });
                list.append(option);
            });
            status.textContent = answer.total === 0
                ? "没有找到匹配的单位，请换几个字。"
                : answer.more > 0
                    ? "找到" + answer.total + "个单位，还有 " + answer.more + " 个匹配，请输入更多字。"
                    : "找到" + answer.total + "个单位，用上下方向键选择，回车确定。";
            active = -1;
            input.removeAttribute("aria-activedescendant");
            open();
        }

        async function search() {
            request?.abort();
            request = new AbortController();
            const url = new URL(picker.dataset.source, location.href);
            const text = input.value.trim();
            // The chosen unit's own name in the field means nothing was typed yet: offer the top of the tree.
            url.searchParams.set("q", text === (input.dataset.selectedName ?? "") ? "" : text);
            try {
                const response = await fetch(url, { headers: { Accept: "application/json" }, signal: request.signal });
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                show(await response.json());
            } catch (error) {
                if (error.name !== "AbortError") {
                    units = [];
                    close();
                    status.textContent = "查找失败，请稍后再试。";
                }
            }
        }

        function searchSoon() {
            clearTimeout(timer);
            timer = setTimeout(search, delay);
        }

        // While an input method composes (pinyin), the letters are not yet the text: search when it is committed.
        input.addEventListener("input", function (event) {
            if (!event.isComposing) {
                searchSoon();
            }
        });
        input.addEventListener("compositionend", searchSoon);

        input.addEventListener("keydown", function (event) {
            if (event.isComposing) {
                return;
            }
            switch (event.key) {
                case "ArrowDown":
                case "ArrowUp":
                    event.preventDefault();
                    if (list.hidden) {
                        clearTimeout(timer);
                        search();
                    } else {
                        highlight(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
                    }
                    break;
                case "Enter":
                    // Never the outer form's submit: Enter here chooses, or searches at once.
                    event.preventDefault();
                    if (!list.hidden && active >= 0) {
                        choose(active);
                    } else {
                        clearTimeout(timer);
                        search();
                    }
                    break;
                case "Escape":
                    if (!list.hidden) {
                        event.preventDefault();
                        close();
                    } else if (input.value !== (input.dataset.selectedName ?? "")) {
                        event.preventDefault();
                        input.value = input.dataset.selectedName ?? "";
                    }
                    break;
                case "Tab":
                    close();
                    break;
            }
        });

        // Leaving the field shows the chosen unit again, so the text never suggests a choice that was not made.
        input.addEventListener("blur", function () {
            clearTimeout(timer);
            request?.abort();
            close();
            status.textContent = "";
            input.value = input.dataset.selectedName ?? "";
        });
    }
})();
