// Serveline console, shared parts: API calls over the signed-in session (its cookie; unsafe requests echo the CSRF
// cookie in X-XSRF-TOKEN; nothing secret is kept in browser storage) that turn RFC 9457 problem details into errors,
// and small DOM helpers (text only: data never goes through innerHTML). Texts come from i18n.js.
(function () {
  'use strict';
  const { t, label } = window.ServelineI18n;

  const session = {
    user: null,
    roles: [], // from GET /api/v1/me after each sign-in and page load
    onUnauthorized: null // set by console.js: a 401 (session ended) shows the sign-in form again
  };

  /** The CSRF token the server keeps in the XSRF-TOKEN cookie, for the X-XSRF-TOKEN header of unsafe requests. */
  function csrfToken() {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
  }

  /** Whether the signed-in person has any of these roles (what each role may call is the server's rule). */
  function hasRole(...roles) {
    return roles.some((role) => session.roles.includes(role));
  }

  /** A failed API call: the HTTP status and the problem detail's title, detail and field errors. */
  class ApiError extends Error {
    constructor(status, problem, statusText) {
      super(problem && problem.detail ? problem.detail : statusText || ('HTTP ' + status));
      this.status = status;
      // the problem's title as the bundle says it for this status; the server says the detail in the console's
      // language (each request's Accept-Language, ADR 0026)
      const title = label('problem', status);
      this.title = title !== String(status) ? title : problem && problem.title ? problem.title : '';
      this.errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
    }
  }

  async function send(path, options) {
    // the server says problem details (and Bean Validation messages) in the language the console shows
    const headers = Object.assign({ 'Accept-Language': window.ServelineI18n.language }, options.headers || {});
    const method = (options.method || 'GET').toUpperCase();
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) headers['X-XSRF-TOKEN'] = csrfToken();
    const init = Object.assign({ credentials: 'same-origin' }, options, { headers });
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.json);
      delete init.json;
    }
    delete init.signIn;
    const response = await fetch(path, init);
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      if (response.status === 401 && !options.signIn && session.onUnauthorized) session.onUnauthorized();
      const error = new ApiError(response.status, problem, response.statusText);
      error.retryAfter = Number(response.headers.get('Retry-After')) || null;
      throw error;
    }
    return response;
  }

  /** JSON in, JSON out; null for an empty answer (204). Options as fetch's, plus {json: body}. */
  async function api(path, options = {}) {
    const response = await send(path, options);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** The answer's bytes (audio), as a Blob. */
  async function apiBlob(path, options = {}) {
    return (await send(path, options)).blob();
  }

  function $(id) {
    return document.getElementById(id);
  }

  function text(tag, value, className) {
    const el = document.createElement(tag);
    el.textContent = value == null ? '' : String(value);
    if (className) el.className = className;
    return el;
  }

  /** An element holding a data value (a name, a number, a code): marked translate="no", never a label. */
  function data(tag, value, className) {
    const el = text(tag, value, className);
    el.translate = false;
    return el;
  }

  /** A table row; each cell is a value (shown as text), an element to put in a cell, or a ready td. */
  function row(...cells) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      if (cell instanceof HTMLTableCellElement) {
        tr.append(cell);
      } else if (cell instanceof Node) {
        const td = document.createElement('td');
        td.append(cell);
        tr.append(td);
      } else {
        tr.append(data('td', cell));
      }
    }
    return tr;
  }

  /**
   * A violation's field as the console labels it: "parties[1].phones[0]" → "当事人（第 2 项） · 电话号码（第 1 项）" from the
   * fieldName.* keys; a field the bundle has no label for keeps its name.
   */
  function fieldLabel(path) {
    if (!path) return '';
    const parts = String(path).split('.');
    return parts.map((part) => {
      const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
      if (!m) return part;
      const name = label('fieldName', m[1]);
      const index = /\[(\d+)\]$/.exec(m[2]);
      return index ? t('fieldName.nth', { field: name, n: Number(index[1]) + 1 }) : name;
    }).join(' · ');
  }

  /** One field error as said to a person: the field's label, then what is wrong with it. */
  function violation(e) {
    return (e.field ? t('fieldName.said', { field: fieldLabel(e.field), message: e.message }) : e.message);
  }

  /** What an error says to a person: the problem's title and detail, then each field at fault. */
  function describe(error) {
    const head = error.title && error.title !== error.message ? t('problem.head', { title: error.title, detail: error.message })
      : error.message;
    const errors = error.errors || [];
    if (errors.length === 1 && errors[0].message === error.message && error.title) {
      // the detail is the one field's message: said once, with the field's label
      return t('problem.head', { title: error.title, detail: violation(errors[0]) });
    }
    return [head].concat(errors.map(violation)).join(' · ');
  }

  function showError(element, error) {
    element.textContent = error ? describe(error) : '';
  }

  /** Runs an action with its button disabled, so a double click cannot send the request twice. */
  async function whileBusy(button, action) {
    if (button.disabled) return undefined;
    button.disabled = true;
    try {
      return await action();
    } finally {
      button.disabled = false;
    }
  }

  /** A time as the browser's locale shows it, with the ISO text kept in the title. */
  function time(iso) {
    const el = data('time', iso ? new Date(iso).toLocaleString(window.ServelineI18n.language) : '');
    if (iso) el.dateTime = iso;
    return el;
  }

  /** Milliseconds as m:ss.s (offsets into a recording). */
  function offset(ms) {
    const seconds = Math.max(0, Number(ms) || 0) / 1000;
    const minutes = Math.floor(seconds / 60);
    return minutes + ':' + (seconds - minutes * 60).toFixed(1).padStart(4, '0');
  }

  /** A datetime-local field's value (the browser's time zone) as an ISO instant; null when empty. */
  function instant(localValue) {
    if (!localValue) return null;
    const date = new Date(localValue);
    return isNaN(date.getTime()) ? null : date.toISOString();
  }

  window.Serveline = { session, hasRole, ApiError, api, apiBlob, csrfToken, $, text, data, row, describe, fieldLabel,
    violation, showError, whileBusy, time, offset, instant, t, label, screens: {} };
})();
