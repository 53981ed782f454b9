// Serveline console, file pickers in the console's language: the browser draws its own file input in the browser's
// language ("Choose Files / No file chosen"), so each one is kept (for the keyboard, screen readers and the form) but
// drawn over by a button and the chosen names from the bundle. Clicking anywhere on its label opens the picker.
(function () {
  'use strict';
  const i18n = window.ServelineI18n;
  const VALUE = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

  function enhance(input) {
    const button = document.createElement('span');
    button.className = 'file-button';
    button.textContent = i18n.t('file.choose');
    const chosen = document.createElement('span');
    chosen.className = 'file-chosen';
    const show = () => {
      const names = Array.from(input.files || []).map((f) => f.name);
      chosen.textContent = names.length === 0 ? i18n.t('file.none')
        : names.length === 1 ? names[0] : i18n.t('file.count', { count: names.length, names: names.join('、') });
      chosen.translate = names.length === 0; // file names are data, not labels
    };
    input.classList.add('file-input');
    input.after(button, chosen);
    input.addEventListener('change', show);
    // the screens clear a picker by assigning value = '' (no change event): redraw then too
    Object.defineProperty(input, 'value', {
      get() { return VALUE.get.call(this); },
      set(v) { VALUE.set.call(this, v); show(); }
    });
    show();
  }

  i18n.ready.then(() => document.querySelectorAll('input[type=file]').forEach(enhance));
})();
