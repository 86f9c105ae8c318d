// Live calls page (progressive enhancement: without JavaScript the page has a refresh link). Listens to the
// page's event stream; on a call event it fetches the page again, swaps the regions marked data-live-region
// (unless focus is in one: a half-typed reference is never lost) and says what changed in the polite live region.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!window.EventSource || !window.fetch || !window.DOMParser || !script) return;
  var status = document.getElementById('calls-live-status');
  var busy = false;
  var again = false;

  function refresh(message) {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-live-region]').forEach(function (region) {
          if (!region.id || region.contains(document.activeElement)) return;
          var fresh = next.getElementById(region.id);
          if (fresh && fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
        });
        if (status && message) status.textContent = message;
      })
      .catch(function () {
        /* the refresh link still works */
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh(null);
        }
      });
  }

  var source = new EventSource(script.getAttribute('data-events'));
  ['call.ringing', 'call.answered', 'call.ended', 'call.missed', 'call.called_back', 'resync'].forEach(function (type) {
    source.addEventListener(type, function () {
      refresh(script.getAttribute('data-message-' + type.replace('call.', '').replace('_', '-')));
    });
  });
})();
