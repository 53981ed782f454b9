// Serveline console, durations that tick: how long a call has lasted, a softphone has been in its state, a party has
// waited. The server sends when each began (an ISO instant); the browser counts from it once a second, so the board
// and the operator screen show a growing duration without any push or poll.
(function () {
  'use strict';
  const { data } = window.Serveline;

  /** Seconds as m:ss, or h:mm:ss from an hour on (never negative: a browser clock a little behind shows 0:00). */
  function format(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, '0');
    return h ? h + ':' + String(m).padStart(2, '0') + ':' + rest : m + ':' + rest;
  }

  function since(iso) {
    return format((Date.now() - new Date(iso).getTime()) / 1000);
  }

  /** A duration counted from {@code iso}, updated every second while it is in the page. */
  function ticking(iso, className) {
    const element = data('span', iso ? since(iso) : '', 'ticking' + (className ? ' ' + className : ''));
    if (iso) {
      element.dataset.since = iso;
      element.title = new Date(iso).toLocaleString(window.ServelineI18n.language);
    }
    return element;
  }

  setInterval(() => {
    for (const element of document.querySelectorAll('.ticking[data-since]')) {
      const shown = since(element.dataset.since);
      if (element.textContent !== shown) element.textContent = shown;
    }
  }, 1000);

  window.Serveline.durations = { format, since, ticking };
})();
