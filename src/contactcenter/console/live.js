// Live updates of the agent console (progressive enhancement: without JavaScript the page has a refresh
// link). Listens to /api/v1/console/events (Server-Sent Events); on a relevant event it fetches the page
// again and swaps the regions marked data-live-region (unless the user is typing in one), then says so in
// the page's aria-live region.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!window.EventSource || !window.fetch || !window.DOMParser || !script) return;
  var status = document.getElementById('cc-live-status');
  var requestEl = document.querySelector('[data-request-id].cc-request');
  var requestId = requestEl ? requestEl.getAttribute('data-request-id') : null;
  var timer = null;
  var busy = false;
  var again = false;

  function relevant(type, data) {
    if (type === 'resync') return true;
    if (requestId) return data && data.id === requestId;
    return /^(request|task)\./.test(type);
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'x-live-refresh': '1' } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html');
        var changed = false;
        document.querySelectorAll('[data-live-region]').forEach(function (region) {
          if (!region.id) return;
          if (region.contains(document.activeElement) && document.activeElement !== document.body) return;
          var fresh = next.getElementById(region.id);
          if (fresh && fresh.innerHTML !== region.innerHTML) {
            region.innerHTML = fresh.innerHTML;
            changed = true;
          }
        });
        if (changed && status) {
          var now = new Date();
          status.textContent = (status.getAttribute('data-live-message') || '') + ' ' + now.toLocaleTimeString(document.documentElement.lang);
        }
      })
      .catch(function () {
        /* the refresh link still works */
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  var source = new EventSource(script.getAttribute('data-events'));
  ['request.created', 'request.assigned', 'request.message', 'request.status', 'request.task_answered', 'request.sla', 'task.created', 'resync'].forEach(
    function (type) {
      source.addEventListener(type, function (event) {
        var data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          data = null;
        }
        if (relevant(type, data)) schedule();
      });
    },
  );
  source.onmessage = function () {
    schedule();
  };
})();
