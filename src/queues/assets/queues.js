// The kiosk goes back to its start screen (data-kiosk-return) after data-kiosk-seconds without a touch, so that
// the next person finds it clean and cannot follow someone else's ticket. data-kiosk-warn-seconds before, a
// warning with a button to stay shows (and is announced). On the start screen the count only begins once
// someone has touched it (data-kiosk-arm="interaction"); every touch starts it again.
(function () {
  'use strict';
  var box = document.querySelector('[data-kiosk-return]');
  if (!box) return;
  var total = Number(box.getAttribute('data-kiosk-seconds')) * 1000;
  var warn = Number(box.getAttribute('data-kiosk-warn-seconds')) * 1000;
  var message = box.querySelector('[data-kiosk-warning]');
  var stay = box.querySelector('[data-kiosk-stay]');
  var warnTimer, returnTimer;
  function start() {
    if (message.textContent) message.textContent = '';
    stay.hidden = true;
    clearTimeout(warnTimer);
    clearTimeout(returnTimer);
    warnTimer = setTimeout(function () {
      message.textContent = message.getAttribute('data-kiosk-warning');
      stay.hidden = false;
    }, total - warn);
    returnTimer = setTimeout(function () {
      window.location.assign(box.getAttribute('data-kiosk-return'));
    }, total);
  }
  ['pointerdown', 'keydown', 'input'].forEach(function (type) {
    document.addEventListener(type, start, { passive: true });
  });
  stay.addEventListener('click', start);
  if (box.getAttribute('data-kiosk-arm') !== 'interaction') start();
})();

// Live queue screens (progressive enhancement: every screen works and is complete without it).
// A page marked [data-queue-live] listens to its contact point's Server-Sent Events; on an event it
// re-reads the page and swaps its [data-live-part] regions, so every text stays server-rendered and in the
// page's language. Calls are announced in the aria-live region and, once the sound is switched on (browsers
// play sound only after a touch), with a short tone and, where the contact point asks for it
// (data-spoken-calls), a spoken call in the language the visitor took the ticket in (Web Speech API).
(function () {
  'use strict';
  var root = document.querySelector('[data-queue-live]');
  if (!root || !window.EventSource) return;
  var announcer = document.querySelector('[data-queue-announcer]');
  var template = root.getAttribute('data-call-template') || '{number} {counter}';
  var myNumber = root.getAttribute('data-ticket-number');
  var chimeOn = false;
  var spoken = root.getAttribute('data-spoken-calls') === 'true' && 'speechSynthesis' in window;
  var speechLanguages = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
  var chimeButton = document.querySelector('[data-queue-chime]');
  if (chimeButton) {
    chimeButton.hidden = false;
    chimeButton.addEventListener('click', function () {
      chimeOn = !chimeOn;
      chimeButton.setAttribute('aria-pressed', chimeOn ? 'true' : 'false');
      if (chimeOn) chime();
    });
  }
  // "A007" is said "A 7"; the counter as it is named.
  function speak(data) {
    var language = speechLanguages[data.language] ? data.language : document.documentElement.lang;
    var template = root.getAttribute('data-spoken-' + language);
    if (!template) return;
    var number = String(data.number || '').replace(/^([A-Z]+)0*(\d)/, '$1 $2');
    var utterance = new SpeechSynthesisUtterance(template.replace('{number}', number).replace('{counter}', data.counter || ''));
    utterance.lang = speechLanguages[language];
    var voices = window.speechSynthesis.getVoices();
    var prefix = utterance.lang.slice(0, 2);
    utterance.voice =
      voices.find(function (voice) {
        return voice.lang.replace('_', '-') === utterance.lang;
      }) ||
      voices.find(function (voice) {
        return voice.lang.slice(0, 2) === prefix;
      }) ||
      null;
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
  var audio;
  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach(function (frequency, index) {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        gain.connect(audio.destination);
        var start = audio.currentTime + index * 0.35;
        gain.gain.setValueAtTime(0.2, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + 0.3);
        oscillator.start(start);
        oscillator.stop(start + 0.32);
      });
    } catch (e) {
      /* no sound available */
    }
  }
  var timer;
  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (response) {
          return response.ok ? response.text() : '';
        })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, 'text/html');
          document.querySelectorAll('[data-live-part]').forEach(function (part) {
            var next = fresh.querySelector('[data-live-part="' + part.getAttribute('data-live-part') + '"]');
            if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML;
          });
        })
        .catch(function () {
          /* the next event tries again */
        });
    }, 150);
  }
  var source = new EventSource(root.getAttribute('data-events-url'));
  source.addEventListener('ticket.called', function (event) {
    var data = {};
    try {
      data = JSON.parse(event.data) || {};
    } catch (e) {
      /* ignore */
    }
    var mine = !myNumber || data.number === myNumber;
    if (announcer && mine) announcer.textContent = template.replace('{number}', data.number || '').replace('{counter}', data.counter || '');
    if (chimeOn && mine) chime();
    if (chimeOn && spoken && !myNumber) {
      // After the chime; a call made again is said again.
      setTimeout(function () {
        speak(data);
      }, 800);
    }
    if (myNumber && data.number === myNumber && navigator.vibrate) navigator.vibrate([300, 150, 300]);
    refresh();
  });
  source.addEventListener('queue.changed', refresh);
  source.addEventListener('resync', refresh);
})();
