// Serveline console, the field agent's screen (phone-sized): the agent's open assignments, the photos or videos
// taken at the address (uploaded as soon as they are chosen; the server keeps them by SHA-256 with their EXIF time
// and place) and the outcome, sent with an Idempotency-Key kept until it is recorded, so a retry or a double tap
// records it once. Over /api/v1/field/assignments; see README "In person".
(function () {
  'use strict';
  const { api, $, text, data, showError, whileBusy, t, label } = window.Serveline;
  const BASE = '/api/v1/field/assignments';
  let selected = null; // {assignment, uploads}
  let idempotencyKey = null;

  function newKey() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + '-' + Math.random().toString(36).substring(2);
  }

  async function loadList() {
    showError($('fd-list-error'), null);
    try {
      const assignments = await api(BASE);
      $('fd-total').textContent = assignments.length ? t('field.total', { count: assignments.length }) : t('field.none');
      $('fd-list').replaceChildren(...assignments.map((a) => {
        const item = document.createElement('li');
        item.dataset.id = a.id;
        item.tabIndex = 0;
        item.classList.toggle('selected', selected !== null && selected.assignment.id === a.id);
        item.append(data('strong', a.caseNumber), data('span', a.partyName), data('span', a.address || ''),
          text('span', t('task.documents.count', { count: a.documents.length }), 'hint'));
        item.addEventListener('click', () => open(a.id));
        return item;
      }));
    } catch (e) {
      showError($('fd-list-error'), e);
    }
  }

  async function open(id) {
    showError($('fd-list-error'), null);
    try {
      const view = await api(BASE + '/' + id);
      if (!selected || selected.assignment.id !== id) {
        idempotencyKey = newKey();
        $('fd-outcome-form').reset();
        showFor();
        showError($('fd-error'), null);
        showError($('fd-upload-error'), null);
      }
      selected = view;
      render();
    } catch (e) {
      showError($('fd-list-error'), e);
    }
  }

  function render() {
    const a = selected.assignment;
    $('fd-detail').hidden = false;
    $('fd-title').textContent = t('field.assignment', { id: a.id, caseNumber: a.caseNumber });
    const facts = $('fd-facts');
    facts.replaceChildren();
    const add = (k, v) => facts.append(text('dt', t(k)), data('dd', v));
    add('task.party', a.partyName);
    add('task.address', a.address || '');
    add('task.documents', t('task.documents.count', { count: a.documents.length }));
    add('field.task', a.taskId);
    $('fd-uploads').replaceChildren(...selected.uploads.map((u) => {
      const item = document.createElement('li');
      item.dataset.sha256 = u.sha256;
      item.append(data('span', u.fileName + ' '), text('span', t('field.upload.taken', { when: u.takenAtLocal
        ? u.takenAtLocal.replace('T', ' ') : t('field.upload.noTime') }) + ' '), data('code', u.sha256.substring(0, 12)));
      return item;
    }));
    document.querySelectorAll('#fd-list li').forEach((li) => li.classList.toggle('selected', Number(li.dataset.id) === a.id));
  }

  async function upload() {
    const files = Array.from($('fd-file').files);
    showError($('fd-upload-error'), null);
    const id = selected.assignment.id;
    try {
      for (const file of files) {
        const form = new FormData();
        form.append('file', file, file.name);
        await api(BASE + '/' + id + '/uploads', { method: 'POST', body: form });
      }
    } catch (e) {
      showError($('fd-upload-error'), e);
    } finally {
      $('fd-file').value = '';
      if (selected && selected.assignment.id === id) await open(id);
    }
  }

  function showFor() {
    const outcome = $('fd-outcome').value;
    for (const el of document.querySelectorAll('.fd-family')) el.hidden = outcome !== 'SERVED_TO_FAMILY';
    for (const el of document.querySelectorAll('.fd-lodged')) el.hidden = outcome !== 'LODGED';
  }

  function value(id) {
    const v = $(id).value.trim();
    return v === '' ? null : v;
  }

  async function report(event) {
    event.preventDefault();
    showError($('fd-error'), null);
    const id = selected.assignment.id;
    const outcome = $('fd-outcome').value;
    const body = { outcome, note: value('fd-note'), photos: selected.uploads.map((u) => u.sha256) };
    if (outcome === 'SERVED_TO_FAMILY') Object.assign(body, { recipient: value('fd-recipient'), recipientRelation: value('fd-relation') });
    if (outcome === 'LODGED') body.witness = value('fd-witness');
    try {
      await whileBusy($('fd-report'), async () => {
        const result = await api(BASE + '/' + id + '/outcome',
          { method: 'POST', json: body, headers: { 'Idempotency-Key': idempotencyKey } });
        $('fd-message').textContent = t('field.recorded', { id, outcome: label('fieldOutcome', result.outcome),
          task: result.taskId, state: label('state', result.taskState) });
        $('fd-message').dataset.state = result.taskState;
        selected = null;
        $('fd-detail').hidden = true;
        await loadList();
      });
    } catch (e) {
      showError($('fd-error'), e);
    }
  }

  $('fd-refresh').addEventListener('click', () => whileBusy($('fd-refresh'), loadList));
  $('fd-file').addEventListener('change', upload);
  $('fd-outcome').addEventListener('change', showFor);
  $('fd-outcome-form').addEventListener('submit', report);

  window.Serveline.screens.field = { show: loadList };
})();
