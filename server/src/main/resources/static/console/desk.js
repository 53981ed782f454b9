// Serveline console, shared by the clerk's and reviewer's desk screens (clerk-task.js, case.js, review.js, evidence.js):
// RFC 9457 field errors shown beside the field they concern, a task's documents by name and SHA-256, optional form values.
(function () {
  'use strict';
  const { api, data, text, t, label } = window.Serveline;

  /** A field's trimmed value; null when left empty (optional fields are sent as null, never as ""). */
  function optional(element) {
    const v = element.value.trim();
    return v === '' ? null : v;
  }

  /** One number a line (commas and 、 also separate); the server checks and normalises each. */
  function phoneList(element) {
    return element.value.split(/[\n,，、;；]+/).map((p) => p.trim()).filter(Boolean);
  }

  function clearFieldErrors(form) {
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  /**
   * Puts each of the problem's field errors beside the element whose data-field is the longest prefix of the error's
   * field ("parties[1].phones[0]" → the element of "parties[1].phones"); returns the errors that found no field.
   */
  function showFieldErrors(form, error) {
    clearFieldErrors(form);
    const fields = Array.from(form.querySelectorAll('[data-field]'));
    const left = [];
    for (const e of (error && error.errors) || []) {
      const name = e.field || '';
      const target = fields.filter((f) => name === f.dataset.field || name.startsWith(f.dataset.field + '.')
        || name.startsWith(f.dataset.field + '['))
        .sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
      if (!target) {
        left.push(e);
        continue;
      }
      target.setAttribute('aria-invalid', 'true');
      const note = text('span', e.message, 'field-error');
      note.dataset.for = name;
      note.setAttribute('role', 'alert');
      target.closest('label') ? target.closest('label').append(note) : target.after(note);
    }
    return left;
  }

  /** The error said above the form: its title and detail, plus any field error no field took. */
  function formError(element, form, error) {
    const left = showFieldErrors(form, error);
    const head = error.title && error.title !== error.message
      ? t('problem.head', { title: error.title, detail: error.message }) : error.message;
    element.textContent = [head].concat(left.map(window.Serveline.violation)).join(' · ');
  }

  /** Lists documents by file name, size and SHA-256 (read from GET /api/v1/documents/{id}). */
  async function showDocuments(list, ids) {
    list.replaceChildren();
    for (const id of ids || []) {
      const item = document.createElement('li');
      item.dataset.id = id;
      try {
        const doc = await api('/api/v1/documents/' + encodeURIComponent(id));
        const open = data('a', doc.fileName);
        open.href = '/api/v1/documents/' + encodeURIComponent(doc.id) + '/content'; // the session cookie signs it
        open.download = doc.fileName;
        item.append(open, text('span', ' · SHA-256 '), data('code', doc.sha256));
      } catch (e) {
        item.append(data('code', id), text('span', ' ' + t('desk.document.missing')));
      }
      list.append(item);
    }
  }

  /**
   * A task's state, party, numbers, addresses and hearing into a definition list (optional values only when given);
   * answers the list's add(key, value, isData) for what each screen shows after them.
   */
  function taskFacts(dl, task) {
    dl.replaceChildren();
    const add = (key, value, isData = true) => dl.append(text('dt', t(key)), (isData ? data : text)('dd', value));
    add('task.state', label('state', task.state), false);
    add('task.party', task.party.name);
    dl.lastChild.append(text('span', ' (' + label('role', task.party.role) + ')'));
    if (task.party.idNumber) add('desk.idNumber', task.party.idNumber);
    add('task.phones', task.phones.map((p) => p.e164).join(', '));
    if (task.party.email) add('task.email', task.party.email);
    if (task.party.address) add('task.address', task.party.address);
    if (task.electronicAddress) add('desk.electronicAddress', task.electronicAddress);
    add('task.hearing', task.hearingDate ? [task.hearingDate, task.hearingTime].filter(Boolean).join(' ') : t('task.hearing.none'),
      Boolean(task.hearingDate));
    return add;
  }

  /** Uploads files one by one (POST /api/v1/documents), reusing ids already uploaded for the same file. */
  async function uploadAll(files, cache, progress) {
    const ids = [];
    for (const [index, file] of files.entries()) {
      const key = [file.name, file.size, file.lastModified].join('|');
      if (!cache.has(key)) {
        progress.textContent = t('submit.uploading', { n: index + 1, count: files.length, name: file.name });
        const form = new FormData();
        form.append('file', file, file.name);
        cache.set(key, (await api('/api/v1/documents', { method: 'POST', body: form })).id);
      }
      ids.push(cache.get(key));
    }
    return ids;
  }

  window.Serveline.desk = { optional, phoneList, clearFieldErrors, showFieldErrors, formError, showDocuments, uploadAll, taskFacts };
})();
