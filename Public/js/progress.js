// Shows a form's progress indicator while a long upload (roster import) is being processed.
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var bar = document.getElementById(form.getAttribute("data-progress"));
    if (bar) { bar.hidden = false; }
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });
});
