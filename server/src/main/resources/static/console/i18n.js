// Serveline console, language: every label, button, message and error text comes from a message bundle
// (console/i18n/<language>.json). Simplified Chinese by default; English when chosen, remembered in localStorage
// (a language choice, nothing secret). Elements name their text with data-i18n (text), data-i18n-placeholder,
// data-i18n-title; scripts call t('key', {name: value}). A key missing from the bundle shows as the key itself.
(function () {
  'use strict';
  const LANGUAGES = ['zh-CN', 'en'];
  const STORE = 'serveline.language';
  const stored = localStorage.getItem(STORE);
  const language = LANGUAGES.includes(stored) ? stored : LANGUAGES[0];
  let messages = {};

  /** The message of a key, its {placeholders} filled from params. */
  function t(key, params) {
    const message = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (all, name) => (params[name] == null ? '' : String(params[name])));
  }

  /** A code's label (a state, an outcome, an audit action) when the bundle has one, else the code itself. */
  function label(prefix, code) {
    if (code == null || code === '') return '';
    const key = prefix + '.' + code;
    return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : String(code);
  }

  /** Fills every data-i18n element under root from the bundle. */
  function apply(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  }

  /** Remembers the choice and reloads: every screen is drawn again in that language. */
  function choose(next) {
    if (!LANGUAGES.includes(next) || next === language) return;
    localStorage.setItem(STORE, next);
    location.reload();
  }

  const ready = fetch('/console/i18n/' + language + '.json', { cache: 'no-cache' })
    .then((response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then((bundle) => {
      messages = bundle;
      document.documentElement.lang = language;
      document.title = t('app.title');
      apply(document);
    });

  window.ServelineI18n = { language, languages: LANGUAGES, t, label, apply, choose, ready };
})();
