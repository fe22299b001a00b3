// Intake: while the agent types the account or phone, list the customer's open orders and
// repeat contacts within 30 days (the server decides what to show; this only asks and draws).
(function () {
  var panel = document.getElementById("repeat-contacts");
  var list = document.getElementById("repeat-contacts-list");
  var account = document.getElementById("customerAccount");
  var phone = document.getElementById("customerPhone");
  if (!panel || !list || !account || !phone) { return; }
  var timer = null;
  function draw(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.number;
      li.appendChild(a);
      if (item.outage) {
        li.className = "known-outage";
      } else {
        li.appendChild(document.createTextNode(" " + item.type + " · " + item.state + " · " + item.acceptedAt));
        if (item.open) { li.className = "open"; }
      }
      list.appendChild(li);
    });
    panel.hidden = items.length === 0;
  }
  function ask() {
    var query = "?account=" + encodeURIComponent(account.value.trim()) + "&phone=" + encodeURIComponent(phone.value.trim());
    fetch(panel.getAttribute("data-lookup") + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(draw)
      .catch(function () { draw([]); });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  }
  account.addEventListener("input", later);
  phone.addEventListener("input", later);
  if (account.value || phone.value) { ask(); }
})();
