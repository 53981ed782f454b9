// Serveline console, server pushes: a Server-Sent-Events stream (GET …/stream, text/event-stream) read with the
// tab's sign-in. While the console signs in with HTTP Basic credentials kept for the tab, the stream is read with
// fetch() (EventSource cannot send an Authorization header); once sign-in is a server session cookie (no credentials
// kept), EventSource with withCredentials reads it, and reconnects by itself. Either way a dropped stream is opened
// again after a pause, and the handlers see each event's name and JSON data (ADR 0020).
(function () {
  'use strict';
  const { session } = window.Serveline;
  const RETRY_MS = [1000, 2000, 5000, 10000, 15000];

  /** One event block of a stream ("event: name\ndata: {...}"), or null for a comment or an empty block. */
  function parse(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.substring(6).trim();
      else if (line.startsWith('data:')) data.push(line.substring(5).replace(/^ /, ''));
    }
    if (!data.length) return null;
    try {
      return { name, data: JSON.parse(data.join('\n')) };
    } catch (e) {
      return null;
    }
  }

  /**
   * Opens a stream; handlers.event(name, data) for each event, handlers.state('open' | 'retrying' | 'refused', status)
   * when the connection changes. Returns {close()}.
   */
  function open(path, handlers) {
    let closed = false;
    let failures = 0;
    let controller = null;
    let source = null;
    let timer = null;
    const state = (s, status) => { if (!closed && handlers.state) handlers.state(s, status); };
    const deliver = (event) => { if (!closed && event) handlers.event(event.name, event.data); };

    function retry() {
      if (closed) return;
      state('retrying');
      timer = setTimeout(connect, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
    }

    async function readWithFetch() {
      controller = new AbortController();
      const response = await fetch(path, { headers: { 'Authorization': 'Basic ' + session.credentials,
        'Accept': 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        state('refused', response.status);
        return false;
      }
      if (!response.ok || !response.body) return true;
      failures = 0;
      state('open');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop();
        blocks.forEach((block) => deliver(parse(block)));
      }
    }

    function readWithEventSource() {
      source = new EventSource(path, { withCredentials: true });
      source.onopen = () => { failures = 0; state('open'); };
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) {
          source = null;
          retry();
        } else {
          state('retrying');
        }
      };
      for (const name of handlers.names || []) {
        source.addEventListener(name, (e) => {
          try {
            deliver({ name, data: JSON.parse(e.data) });
          } catch (ignored) {
            // not JSON: nothing to show
          }
        });
      }
    }

    function connect() {
      if (closed) return;
      if (!session.credentials && window.EventSource) {
        readWithEventSource();
        return;
      }
      readWithFetch().then((again) => { if (again) retry(); }, () => retry());
    }

    connect();
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        if (controller) controller.abort();
        if (source) source.close();
      }
    };
  }

  window.Serveline.events = { open };
})();
