// claimdex serve: the page's only script. Copy buttons: a <button
// data-copy="ID"> copies the text of the element with that id. The buttons
// are hidden in the HTML and shown here, so a page without JavaScript has
// no dead buttons (the text stays selectable, and downloads are links).
(function () {
  "use strict";

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (err) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!copyWithSelection(text)) {
          throw new Error("copy refused");
        }
      });
    }
    return copyWithSelection(text)
      ? Promise.resolve()
      : Promise.reject(new Error("copy refused"));
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) {
        return;
      }
      copyText(source.textContent).then(
        function () {
          button.textContent = "Copied";
          button.setAttribute("data-copied", "true");
          window.setTimeout(function () {
            button.textContent = label;
          }, 2000);
        },
        function () {
          selectContents(source);
          button.textContent = "Press Ctrl+C to copy";
        }
      );
    });
  });
})();
