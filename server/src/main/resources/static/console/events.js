// Serveline console, server pushes: a Server-Sent-Events stream (GET …/stream, text/event-stream) read with
// EventSource over the signed-in session's cookie (ADR 0020). The browser reconnects a dropped stream by itself; a
// stream the server refuses (EventSource cannot see the status) makes this file ask GET /api/v1/me whether the
// session still holds: a 401 there shows the sign-in form (common.js) and the stream waits for the next sign-in to
// open again; otherwise it is opened again after a pause. The server ends a session's streams when the session ends.
(function () {
  'use strict';
  const { session, api } = window.Serveline;
  const RETRY_MS = [1000, 2000, 5000, 10000, 15000];

  /** Calls back once the sign-in form is hidden again with someone signed in (console.js's start()). */
  function whenSignedInAgain(callback) {
    const login = document.getElementById('login');
    const observer = new MutationObserver(() => {
      if (login.hidden && session.user) {
        observer.disconnect();
        callback();
      }
    });
    observer.observe(login, { attributes: true, attributeFilter: ['hidden'] });
    return observer;
  }

  /**
   * Opens a stream; handlers.event(name, data) for each event named in handlers.names, handlers.state('open' |
   * 'retrying' | 'refused', status) when the connection changes. Returns {close()}.
   */
  function open(path, handlers) {
    let closed = false;
    let failures = 0;
    let source = null;
    let timer = null;
    let waiting = null;
    const state = (s, status) => { if (!closed && handlers.state) handlers.state(s, status); };
    const deliver = (name, data) => { if (!closed) handlers.event(name, data); };

    function retry() {
      if (closed) return;
      state('retrying');
      timer = setTimeout(connect, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
    }

    /** The stream was refused or could not be opened: is the session still there? */
    async function checkSession() {
      try {
        await api('/api/v1/me'); // a 401 here shows the sign-in form (session.onUnauthorized)
      } catch (e) {
        if (e.status === 401) {
          state('refused', 401);
          waiting = whenSignedInAgain(() => { waiting = null; failures = 0; connect(); });
          return;
        }
      }
      retry();
    }

    function connect() {
      if (closed) return;
      source = new EventSource(path, { withCredentials: true });
      source.onopen = () => { failures = 0; state('open'); };
      source.onerror = () => {
        if (source && source.readyState === EventSource.CLOSED) {
          source = null;
          checkSession();
        } else {
          state('retrying');
        }
      };
      for (const name of handlers.names || []) {
        source.addEventListener(name, (e) => {
          let data;
          try {
            data = JSON.parse(e.data);
          } catch (ignored) {
            return; // not JSON: nothing to show
          }
          deliver(name, data);
        });
      }
    }

    connect();
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        if (waiting) waiting.disconnect();
        if (source) source.close();
      }
    };
  }

  window.Serveline.events = { open };
})();
