// Live updates of the agent console (progressive enhancement: without JavaScript the page has a refresh
// link), unread counts, presence on a request, templates inserted at the cursor and keyboard shortcuts. Listens to /api/v1/console/events (Server-Sent Events); on a relevant event it fetches the page
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

  // ---- unread counts of the console's links (issue 17 item 2): read again after every event of the streams.
  var unreadUrl = script.getAttribute('data-unread');
  var countsTimer = null;
  function showCounts(counts) {
    document.querySelectorAll('[data-unread-count]').forEach(function (el) {
      var n = counts[el.getAttribute('data-unread-count')] || 0;
      var text = (n === 1 ? el.getAttribute('data-one') : el.getAttribute('data-other')) || '#';
      el.textContent = n ? text.replace('#', String(n)) : '';
      el.hidden = !n;
    });
  }
  function refreshCounts() {
    if (!unreadUrl) return;
    if (countsTimer) clearTimeout(countsTimer);
    countsTimer = setTimeout(function () {
      fetch(unreadUrl, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (counts) {
          if (counts) showCounts(counts);
        })
        .catch(function () {
          /* the counts are refreshed with the page */
        });
    }, 150);
  }
  refreshCounts();

  // ---- who else is viewing or replying to this request (presence through the request's stream)
  var me = script.getAttribute('data-me');
  var presenceUrl = script.getAttribute('data-presence');
  var presenceEl = document.getElementById('cc-presence');
  var others = {};
  var myState = 'viewing';
  var lastSent = 0;
  function say(state) {
    if (!presenceUrl) return;
    myState = state;
    lastSent = Date.now();
    fetch(presenceUrl, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: state === 'left',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: state }),
    }).catch(function () {
      /* presence is a courtesy */
    });
  }
  function showPresence() {
    if (!presenceEl) return;
    var now = Date.now();
    var lines = [];
    Object.keys(others).forEach(function (id) {
      var other = others[id];
      if (other.until < now) {
        delete others[id];
        return;
      }
      var template = script.getAttribute(other.state === 'replying' ? 'data-presence-replying' : 'data-presence-viewing') || '';
      lines.push(template.replace('{name}', other.name));
    });
    var text = lines.join(' ');
    if (presenceEl.textContent !== text) presenceEl.textContent = text;
  }
  if (presenceUrl) {
    say('viewing');
    setInterval(function () {
      if (Date.now() - lastSent > 25000) say(myState === 'replying' && Date.now() - typedAt > 60000 ? 'viewing' : myState);
      showPresence();
    }, 5000);
    window.addEventListener('pagehide', function () {
      say('left');
    });
  }
  var typedAt = 0;
  document.addEventListener('input', function (event) {
    var target = event.target;
    if (!presenceUrl || !target || (target.name !== 'body' && target.name !== 'note')) return;
    typedAt = Date.now();
    if (myState !== 'replying' || Date.now() - lastSent > 20000) say('replying');
  });

  // ---- templates and macros inserted at the cursor without reloading (issue 17 item 3); without JavaScript
  // the button posts the typed text to /compose, which answers the page with the template added.
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-template-body]') : null;
    if (!button || !button.form) return;
    var area = button.form.querySelector('textarea[name="body"]');
    if (!area) return;
    event.preventDefault();
    var typed = area.value;
    var at = typeof area.selectionStart === 'number' && document.activeElement === area ? area.selectionStart : lastCursor(area);
    var before = typed.slice(0, at);
    var after = typed.slice(at);
    var body = button.getAttribute('data-template-body') || '';
    var lead = before.trim() === '' ? '' : /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var trail = after.trim() === '' ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    var head = (before.trim() === '' ? '' : before) + lead + body;
    area.value = head + trail + (after.trim() === '' ? '' : after);
    area.focus();
    area.setSelectionRange(head.length, head.length);
    var macro = button.getAttribute('data-template-macro');
    var field = button.form.querySelector('[data-macro-field]');
    var chosen = button.form.querySelector('[data-macro-chosen]');
    if (macro && field) {
      field.value = macro;
      if (chosen) chosen.textContent = button.getAttribute('data-template-chosen') || '';
    }
    if (status) status.textContent = script.getAttribute('data-inserted') || '';
  });
  // Where the cursor was when the text area lost focus (a click on a template button takes the focus away).
  var cursors = new WeakMap();
  document.addEventListener(
    'focusout',
    function (event) {
      var target = event.target;
      if (target && target.tagName === 'TEXTAREA') cursors.set(target, target.selectionStart);
    },
    true,
  );
  function lastCursor(area) {
    var at = cursors.get(area);
    return typeof at === 'number' ? at : area.value.length;
  }

  // ---- keyboard shortcuts (issue 17 item 1): Alt+Shift+letter, never while typing, with an off switch (WCAG 2.1.4)
  var OFF_KEY = 'irisdesk.console.shortcuts.off';
  var off = false;
  try {
    off = window.localStorage.getItem(OFF_KEY) === '1';
  } catch (e) {
    off = false;
  }
  var offBox = document.getElementById('cc-shortcuts-off');
  document.querySelectorAll('[data-shortcuts-switch]').forEach(function (el) {
    el.hidden = false;
  });
  document.querySelectorAll('[data-shortcuts-nojs]').forEach(function (el) {
    el.hidden = true;
  });
  if (offBox) {
    offBox.checked = off;
    offBox.addEventListener('change', function () {
      off = offBox.checked;
      try {
        window.localStorage.setItem(OFF_KEY, off ? '1' : '0');
      } catch (e) {
        /* private mode: for this page only */
      }
    });
  }
  function focusField(selector) {
    var el = document.querySelector(selector);
    if (!el) return false;
    el.scrollIntoView({ block: 'center' });
    el.focus();
    return true;
  }
  var ACTIONS = {
    KeyJ: function () {
      var link = document.querySelector('a[data-shortcut="next"]');
      if (link) window.location.href = link.href;
    },
    KeyK: function () {
      var link = document.querySelector('a[data-shortcut="previous"]');
      if (link) window.location.href = link.href;
    },
    KeyR: function () {
      focusField('textarea[name="body"]');
    },
    KeyN: function () {
      focusField('textarea[name="note"]');
    },
    KeyM: function () {
      var form = document.querySelector('form[data-shortcut="assignToMe"]');
      if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
    },
    KeyC: function () {
      focusField('.cc-close select[name="outcome"]');
    },
    KeyH: function () {
      var help = document.getElementById('cc-shortcuts');
      if (!help) return;
      help.open = !help.open;
      if (help.open) help.querySelector('summary').focus();
    },
  };
  document.addEventListener('keydown', function (event) {
    if (off || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    var action = ACTIONS[event.code];
    if (!action) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    // While typing, only the help and moving between fields act (nothing that changes or leaves the page).
    if (typing && !/^Key(H|R|N|C)$/.test(event.code)) return;
    event.preventDefault();
    action();
  });

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
        refreshCounts();
      });
    },
  );
  source.addEventListener('notification.created', refreshCounts);
  source.addEventListener('request.presence', function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!data || data.accountId === me || data.id !== requestId) return;
    var known = !!others[data.accountId];
    if (data.state === 'left') delete others[data.accountId];
    else others[data.accountId] = { name: data.name, state: data.state, until: Date.now() + 60000 };
    showPresence();
    // Someone new: tell them we are here too (they only hear of us at our next heartbeat otherwise).
    if (!known && data.state !== 'left' && Date.now() - lastSent > 2000) say(myState);
  });
  source.onmessage = function () {
    schedule();
  };
})();
