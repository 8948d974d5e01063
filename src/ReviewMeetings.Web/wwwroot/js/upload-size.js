// Refuses a file over the limit before it is sent, so a large upload gets a message instead of a long wait.
"use strict";

document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
        const max = Number(input.dataset.maxBytes);
        const error = document.getElementById(input.id + "-error");
        const tooLarge = input.files.length > 0 && input.files[0].size > max;
        input.setCustomValidity(tooLarge ? "文件大小超过" + Math.floor(max / 1048576) + "MB的限制，请压缩后再上传。" : "");
        if (error) {
            error.textContent = input.validationMessage;
        }
        if (tooLarge) {
            input.value = "";
        }
    });
});
