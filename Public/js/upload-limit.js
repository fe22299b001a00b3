// Checks a chosen file against its form's limit before anything is sent: a file that is too
// large is refused beside its field at once, and the rest of the form stays as it was typed.
// The server checks the same limit and answers a larger body with a page that names it.
(function () {
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var max = Number(input.getAttribute("data-max-bytes"));
    var message = document.createElement("p");
    message.className = "field-error upload-too-large";
    message.id = (input.id || input.name) + "-too-large";
    message.setAttribute("role", "alert");
    message.textContent = input.getAttribute("data-too-large");
    message.hidden = true;
    input.insertAdjacentElement("afterend", message);
    function check() {
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) { return file.size > max; });
      message.hidden = !tooLarge;
      input.setCustomValidity(tooLarge ? message.textContent : "");
      return !tooLarge;
    }
    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (!check()) { event.preventDefault(); event.stopImmediatePropagation(); }
      }, true);
    }
  });
})();
