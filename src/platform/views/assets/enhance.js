// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();

// The signed-in staff member's own stream (/api/v1/events/me), opened once per back-office page and shared by
// the blocks below (safety alerts, the menu's live counts): one connection, not one per feature.
var irisdeskStaffEvents = (function () {
  'use strict';
  var stream = null;
  return function () {
    if (stream) return stream;
    var opened = new EventSource('/api/v1/events/me');
    stream = opened;
    window.addEventListener('pagehide', function () {
      opened.close();
    });
    return opened;
  };
})();

// Safety alerts (src/safety): on back-office pages, staff hear at once when a colleague of their contact point
// reports an incident or calls for help. One assertive live region, filled when a "safety.alert" event arrives
// on the signed-in member's stream (/api/v1/events/me). Texts come with the event, in the three languages.
(function () {
  'use strict';
  var main = document.getElementById('main');
  if (!main || !document.querySelector('.irisdesk-side-nav') || typeof window.EventSource !== 'function') return;
  var lang = document.documentElement.lang || 'fr';
  var region = document.createElement('div');
  region.id = 'irisdesk-safety-alerts';
  region.setAttribute('aria-live', 'assertive');
  region.setAttribute('aria-relevant', 'additions');
  main.insertBefore(region, main.firstChild);
  var stream = irisdeskStaffEvents();
  stream.addEventListener('safety.alert', function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!data || !data.message) return;
    var box = document.createElement('div');
    box.className = 'utrecht-alert utrecht-alert--error irisdesk-safety-alert';
    box.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.className = 'utrecht-paragraph';
    text.textContent = data.message[lang] || data.message.fr;
    box.appendChild(text);
    if (data.detailPath && data.labels) {
      var link = document.createElement('a');
      link.className = 'utrecht-link';
      link.href = '/' + lang + data.detailPath;
      link.textContent = data.labels.open[lang] || data.labels.open.fr;
      box.appendChild(link);
      box.appendChild(document.createTextNode(' '));
    }
    if (data.labels) {
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'utrecht-button utrecht-button--subtle';
      close.textContent = data.labels.dismiss[lang] || data.labels.dismiss.fr;
      close.addEventListener('click', function () {
        region.removeChild(box);
        main.focus();
      });
      box.appendChild(close);
    }
    region.appendChild(box);
  });
})();

// Live counts in the back-office menu (menu.ts `count`, decision 0063): read once the page is loaded, and again
// on each event of the person's stream that changes them (a message published to them, one read in another tab),
// which reaches every instance through LISTEN/NOTIFY. Without JavaScript the menu shows no count.
(function () {
  'use strict';
  var counts = Array.prototype.slice.call(document.querySelectorAll('.irisdesk-side-nav [data-nav-count]'));
  if (!counts.length || typeof window.fetch !== 'function') return;
  function show(el, n) {
    var text = (n === 1 ? el.getAttribute('data-one') : el.getAttribute('data-other')) || '#';
    el.textContent = n ? text.replace('#', String(n)) : '';
    el.hidden = !n;
  }
  function refresh() {
    var bySource = {};
    counts.forEach(function (el) {
      var source = el.getAttribute('data-source');
      if (source) (bySource[source] = bySource[source] || []).push(el);
    });
    Object.keys(bySource).forEach(function (source) {
      fetch(source, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (body) {
          if (!body) return;
          bySource[source].forEach(function (el) {
            show(el, Number(body[el.getAttribute('data-nav-count')]) || 0);
          });
        })
        .catch(function () {
          /* the count is read again at the next page */
        });
    });
  }
  var timer = null;
  function soon() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  }
  refresh();
  if (typeof window.EventSource !== 'function') return;
  var stream = irisdeskStaffEvents();
  var types = { resync: true };
  counts.forEach(function (el) {
    (el.getAttribute('data-events') || '').split(' ').forEach(function (type) {
      if (type) types[type] = true;
    });
  });
  Object.keys(types).forEach(function (type) {
    stream.addEventListener(type, soon);
  });
})();

// Knowledge panel (src/knowledge/pages.tsx, KnowledgePanel): search without leaving the page. The GET form works
// alone (it reloads the host page); here only the results are fetched from the panel endpoint and replaced in
// their live region. On any failure the form is submitted the plain way.
(function () {
  'use strict';
  if (typeof window.fetch !== 'function' || typeof window.DOMParser !== 'function') return;
  Array.prototype.forEach.call(document.querySelectorAll('form[data-knowledge-panel]'), function (form) {
    form.addEventListener('submit', function (event) {
      var target = document.getElementById(form.getAttribute('data-knowledge-target'));
      if (!target) return;
      event.preventDefault();
      var params = new URLSearchParams();
      ['kq', 'kservice'].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field) params.set(name, field.value);
      });
      fetch(form.getAttribute('data-knowledge-panel') + '?' + params.toString(), { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var holder = new DOMParser().parseFromString('<div>' + html + '</div>', 'text/html').body.firstChild;
          target.replaceChildren.apply(target, Array.prototype.slice.call(holder.childNodes));
        })
        .catch(function () {
          form.submit();
        });
    });
  });
})();
