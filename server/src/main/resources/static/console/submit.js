// Serveline console, the clerk's submission screen: the documents are uploaded first (POST /api/v1/documents, one
// request per file), then the task is submitted with their ids (POST /api/v1/tasks). Optional fields left empty are
// sent as null: no hearing date, no e-mail, a single phone are all valid. Errors show their problem detail and keep
// everything typed; documents already uploaded are reused when the clerk submits again.
(function () {
  'use strict';
  const { api, $, showError, whileBusy, t } = window.Serveline;
  const uploaded = new Map(); // file (name, size, last modified) → document id, so a retry uploads nothing twice

  function value(id) {
    const v = $(id).value.trim();
    return v === '' ? null : v;
  }

  /** One number a line (commas and 、 also separate); the server checks and normalises each. */
  function phones() {
    return $('sub-phones').value.split(/[\n,，、;；]+/).map((p) => p.trim()).filter(Boolean);
  }

  async function upload(file, index, count) {
    const key = [file.name, file.size, file.lastModified].join('|');
    if (uploaded.has(key)) return uploaded.get(key);
    $('sub-progress').textContent = t('submit.uploading', { n: index + 1, count, name: file.name });
    const form = new FormData();
    form.append('file', file, file.name);
    const document = await api('/api/v1/documents', { method: 'POST', body: form });
    uploaded.set(key, document.id);
    return document.id;
  }

  async function submit(event) {
    event.preventDefault();
    showError($('sub-error'), null);
    $('sub-progress').textContent = '';
    const files = Array.from($('sub-documents').files);
    if (!files.length) {
      $('sub-error').textContent = t('submit.documents.required');
      return;
    }
    try {
      await whileBusy($('sub-submit'), async () => {
        const documents = [];
        for (const [index, file] of files.entries()) documents.push(await upload(file, index, files.length));
        $('sub-progress').textContent = t('submit.sending');
        const task = await api('/api/v1/tasks', { method: 'POST', json: {
          court: value('sub-court'), caseNumber: value('sub-case'), cause: value('sub-cause'),
          party: { role: $('sub-role').value, name: value('sub-name'), idNumber: value('sub-id-number'),
            phones: phones(), email: value('sub-email'), address: value('sub-address') },
          documents, priority: $('sub-priority').value,
          hearingDate: value('sub-hearing-date'), hearingTime: value('sub-hearing-time') } });
        $('sub-progress').textContent = t('submit.done', { id: task.id, caseNumber: task.caseNumber });
        $('submit-form').reset();
        $('sub-court').value = task.court || $('sub-court').defaultValue;
        uploaded.clear();
        await window.Serveline.openTask(task.id);
      });
    } catch (e) {
      $('sub-progress').textContent = '';
      showError($('sub-error'), e);
    }
  }

  $('submit-form').addEventListener('submit', submit);
  window.Serveline.screens.submit = { show() {} };
})();
