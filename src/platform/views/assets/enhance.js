// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // Move focus to the error summary so screen-reader and keyboard users hear what to fix first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
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
  var stream = new EventSource('/api/v1/events/me');
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
  window.addEventListener('pagehide', function () {
    stream.close();
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
