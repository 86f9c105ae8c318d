// The live chat in the browser (progressive enhancement; src/chat/pages.tsx). Public page: hides the
// contact-form fallback, opens the chat through the API, keeps the id and token for this tab
// (sessionStorage), follows the chat's Server-Sent Events and re-reads the chat on each, appending only new
// messages to a role="log" list (announced politely), keeps the focus in the composer after sending, offers
// conversion. Agent page: appends the user's messages and shows typing, status changes as text.
(function () {
  'use strict';
  if (!window.fetch || !window.EventSource || !window.JSON) return;
  var textsEl = document.querySelector('[data-chat-texts]');
  if (!textsEl) return;
  var texts = JSON.parse(textsEl.textContent || '{}');
  var lang = document.documentElement.lang || 'fr';

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] === undefined ? '' : String(values[key]);
    });
  }
  function time(at) {
    try {
      return new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' });
    } catch (e) {
      return '';
    }
  }
  function messageItem(message) {
    var li = document.createElement('li');
    li.className = 'chat-message chat-message--' + message.from;
    var meta = document.createElement('span');
    meta.className = 'chat-message__meta';
    meta.textContent = ((texts.from && texts.from[message.from]) || message.from) + ', ';
    var when = document.createElement('time');
    when.setAttribute('datetime', message.at);
    when.textContent = time(message.at);
    meta.appendChild(when);
    var body = document.createElement('span');
    body.className = 'chat-message__text';
    body.textContent = message.text;
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  }
  function typingShower(el) {
    var timer = null;
    return function () {
      if (!el) return;
      el.textContent = texts.typing;
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () {
        el.textContent = '';
      }, 4000);
    };
  }
  function errorText(body) {
    var error = body && body.error;
    if (!error) return texts.error;
    var fields = (error.fields || []).map(function (f) {
      return f.message;
    });
    return fields.length ? fields.join(' ') : error.message;
  }
  function postJson(url, body, token) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(body || {}),
      credentials: 'same-origin',
    }).then(function (response) {
      return response.status === 204 || response.status === 202
        ? { ok: true, body: null }
        : response.json().then(function (json) {
            return { ok: response.ok, body: json };
          });
    });
  }

  // ---- agent page
  var agent = document.querySelector('[data-chat-agent]');
  if (agent) {
    var agentLog = agent.querySelector('[data-chat-log]');
    var agentStatus = agent.querySelector('[data-chat-status]');
    var showTyping = typingShower(agent.querySelector('[data-chat-typing]'));
    var stream = new EventSource(agent.getAttribute('data-events'));
    stream.addEventListener('chat.message', function (event) {
      var message = JSON.parse(event.data);
      if (message.from !== 'agent') agentLog.appendChild(messageItem(message));
    });
    stream.addEventListener('chat.typing', function (event) {
      if (JSON.parse(event.data).from === 'user') showTyping();
    });
    stream.addEventListener('chat.status', function (event) {
      var data = JSON.parse(event.data);
      agentStatus.textContent = data.status === 'converted' ? fill(texts.converted, data) : texts[data.status] || data.status;
    });
    var answer = agent.querySelector('textarea[name="text"]');
    var lastTyping = 0;
    if (answer) {
      answer.addEventListener('input', function () {
        if (Date.now() - lastTyping < 3000) return;
        lastTyping = Date.now();
        postJson(agent.getAttribute('data-typing'), {}).catch(function () {});
      });
    }
    return;
  }

  // ---- public page
  var app = document.querySelector('[data-chat-app]');
  if (!app) return;
  var fallback = document.querySelector('[data-chat-fallback]');
  if (fallback) fallback.hidden = true;
  app.hidden = false;
  var start = app.querySelector('[data-chat-start]');
  var startError = app.querySelector('[data-chat-start-error]');
  var conversation = app.querySelector('[data-chat-conversation]');
  var log = app.querySelector('[data-chat-log]');
  var status = app.querySelector('[data-chat-status]');
  var composer = app.querySelector('[data-chat-composer]');
  var text = composer.querySelector('textarea');
  var sendError = app.querySelector('[data-chat-error]');
  var convertBox = app.querySelector('[data-chat-convert-box]');
  var convertForm = app.querySelector('[data-chat-convert]');
  var convertError = app.querySelector('[data-chat-convert-error]');
  var showAgentTyping = typingShower(app.querySelector('[data-chat-typing]'));
  var transcriptForm = app.querySelector('[data-chat-transcript]');
  var transcriptDone = app.querySelector('[data-chat-transcript-done]');
  var transcriptError = app.querySelector('[data-chat-transcript-error]');
  var feedback = app.querySelector('[data-chat-feedback]');
  var KEY = 'irisdesk.chat';
  var chat = null;
  var shown = 0;
  var source = null;

  function statusText(view) {
    if (view.status === 'waiting') {
      var wait = view.wait || {};
      var estimate = !wait.agentsAvailable
        ? texts.nobody
        : wait.estimatedSeconds === 0
          ? texts.waitSoon
          : wait.estimatedSeconds
            ? fill(texts.waitMinutes, { minutes: Math.ceil(wait.estimatedSeconds / 60) })
            : texts.waitUnknown;
      return fill(texts.position, { position: view.position || 1 }) + ' ' + estimate;
    }
    if (view.status === 'converted') return fill(texts.converted, { reference: view.reference || '' });
    if (view.closedBecause === 'away') return texts.closedAway;
    if (view.closedBecause === 'idle') return texts.closedIdle;
    return texts[view.status] || view.status;
  }

  function refresh() {
    if (!chat) return Promise.resolve();
    return fetch('/api/v1/chats/' + chat.id + '?lang=' + lang, { headers: { authorization: 'Bearer ' + chat.token, accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 404 || response.status === 401) {
          forget();
          return null;
        }
        return response.json();
      })
      .then(function (view) {
        if (!view) return;
        for (; shown < view.messages.length; shown++) log.appendChild(messageItem(view.messages[shown]));
        var next = statusText(view);
        if (status.textContent !== next) status.textContent = next;
        var ended = view.status === 'closed' || view.status === 'converted';
        composer.querySelectorAll('textarea, button').forEach(function (el) {
          el.disabled = ended;
        });
        // a chat that left the queue while the user was away can still become a request: nothing written is lost
        var resumable = view.status === 'closed' && view.closedBecause === 'away';
        if (ended && convertBox) convertBox.hidden = !resumable;
        if (resumable && convertBox) convertBox.open = true;
        if (view.feedbackUrl && feedback && feedback.hidden) {
          feedback.querySelector('a').setAttribute('href', view.feedbackUrl);
          feedback.hidden = false;
        }
        if (view.status === 'waiting' && view.wait && !view.wait.agentsAvailable && convertBox) convertBox.open = true;
        if (ended && source) {
          source.close();
          source = null;
        }
      })
      .catch(function () {});
  }

  function forget() {
    chat = null;
    try {
      sessionStorage.removeItem(KEY);
    } catch (e) {
      /* private mode */
    }
    conversation.hidden = true;
    start.hidden = false;
  }

  function begin(opened) {
    chat = opened;
    try {
      sessionStorage.setItem(KEY, JSON.stringify(opened));
    } catch (e) {
      /* private mode */
    }
    start.hidden = true;
    conversation.hidden = false;
    text.focus();
    source = new EventSource('/api/v1/chats/' + chat.id + '/events?token=' + encodeURIComponent(chat.token));
    ['chat.message', 'chat.status', 'chat.queue', 'resync'].forEach(function (type) {
      source.addEventListener(type, refresh);
    });
    source.addEventListener('chat.typing', function (event) {
      if (JSON.parse(event.data).from === 'agent') showAgentTyping();
    });
    refresh();
  }

  start.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { language: lang };
    var service = app.getAttribute('data-service');
    if (service) body.serviceCode = service;
    var name = start.querySelector('[name="name"]').value.trim();
    var postalCode = start.querySelector('[name="postalCode"]').value.trim();
    if (name) body.name = name;
    if (postalCode) body.postalCode = postalCode;
    postJson('/api/v1/chats', body)
      .then(function (result) {
        if (!result.ok) {
          startError.textContent = errorText(result.body);
          return;
        }
        startError.textContent = '';
        begin(result.body);
      })
      .catch(function () {
        startError.textContent = texts.error;
      });
  });

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    var value = text.value.trim();
    if (!value || !chat) {
      text.focus();
      return;
    }
    postJson('/api/v1/chats/' + chat.id + '/messages', { text: value }, chat.token)
      .then(function (result) {
        if (!result.ok) {
          sendError.textContent = errorText(result.body);
          text.focus();
          return;
        }
        sendError.textContent = '';
        text.value = '';
        text.focus(); // the focus stays in the composer
        refresh();
      })
      .catch(function () {
        sendError.textContent = texts.error;
      });
  });

  var lastUserTyping = 0;
  text.addEventListener('input', function () {
    if (!chat || Date.now() - lastUserTyping < 3000) return;
    lastUserTyping = Date.now();
    postJson('/api/v1/chats/' + chat.id + '/typing', {}, chat.token).catch(function () {});
  });

  convertForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!chat) return;
    var body = {};
    var email = convertForm.querySelector('[name="email"]').value.trim();
    var phone = convertForm.querySelector('[name="phone"]').value.trim();
    if (email) body.email = email;
    if (phone) body.phone = phone;
    postJson('/api/v1/chats/' + chat.id + '/convert', body, chat.token)
      .then(function (result) {
        if (!result.ok) {
          convertError.textContent = errorText(result.body);
          return;
        }
        convertError.textContent = '';
        refresh().then(function () {
          status.focus();
        });
      })
      .catch(function () {
        convertError.textContent = texts.error;
      });
  });

  transcriptForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!chat) return;
    var email = transcriptForm.querySelector('[name="email"]').value.trim();
    postJson('/api/v1/chats/' + chat.id + '/transcript', { email: email }, chat.token)
      .then(function (result) {
        transcriptError.textContent = result.ok ? '' : errorText(result.body);
        transcriptDone.textContent = result.ok ? texts.transcriptSent : '';
      })
      .catch(function () {
        transcriptError.textContent = texts.error;
      });
  });

  var saved;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch (e) {
    saved = null;
  }
  if (saved && saved.id && saved.token) begin(saved);
})();
