// Serveline console, the clerk's task page: find tasks (by case number, state; paged), follow one (state, party, phones,
// documents, calls, delivery, the audit timeline in Chinese labels, the receipt), fix and resubmit a RETURNED task
// (POST /api/v1/tasks/{id}/resubmit with the corrected party and documents), cancel an open task with a reason.
(function () {
  'use strict';
  const { api, apiBlob, $, text, data, row, time, showError, whileBusy, t, label, hasRole } = window.Serveline;
  const desk = () => window.Serveline.desk;
  const PAGE = 20;
  const REFRESH_MS = 5000;
  let page = 0;
  let current = null;
  let receiptUrl = null;
  const uploaded = new Map();

  async function list() {
    showError($('fl-list-error'), null);
    const query = new URLSearchParams({ page, size: PAGE });
    if ($('fl-case').value.trim()) query.set('caseNumber', $('fl-case').value.trim());
    if ($('fl-state').value) query.set('state', $('fl-state').value);
    try {
      const result = await api('/api/v1/tasks?' + query);
      const body = $('fl-tasks').querySelector('tbody');
      body.replaceChildren();
      for (const task of result.items) {
        const badge = text('span', label('state', task.state), 'state ' + task.state);
        badge.dataset.state = task.state;
        const tr = row(task.id, task.caseNumber, task.party.name, badge, time(task.updatedAt));
        tr.dataset.id = task.id;
        tr.classList.toggle('selected', current !== null && current.id === task.id);
        tr.addEventListener('click', () => open(task.id));
        body.append(tr);
      }
      const pages = Math.max(1, Math.ceil(result.total / PAGE));
      $('fl-page').textContent = t('desk.page', { page: page + 1, pages, total: result.total });
      $('fl-prev').disabled = page === 0;
      $('fl-next').disabled = page + 1 >= pages;
    } catch (e) {
      showError($('fl-list-error'), e);
    }
  }

  async function open(id) {
    const [task, timeline, evidence] = await Promise.all([api('/api/v1/tasks/' + id),
      api('/api/v1/tasks/' + id + '/timeline'), api('/api/v1/tasks/' + id + '/evidence')]);
    if (!current || current.id !== task.id) {
      resetReceipt();
      $('fl-message').textContent = '';
    }
    current = task;
    document.querySelectorAll('#fl-tasks tbody tr').forEach((r) => r.classList.toggle('selected', Number(r.dataset.id) === id));
    $('fl-detail').hidden = false;
    $('fl-title').textContent = t('task.title', { id: task.id, caseNumber: task.caseNumber });
    facts(task);
    await desk().showDocuments($('fl-documents'), task.documents);
    attempts(task.attempts || []);
    delivery(evidence);
    timelineOf(timeline);
    fixForm(task);
    $('fl-cancel').hidden = ['SERVED', 'CANCELLED'].includes(task.state) || !hasRole('CLERK', 'REVIEWER', 'ADMIN');
    showError($('fl-cancel-error'), null);
    if (task.state === 'SERVED' && evidence.receipt) await receiptLink(task.id);
  }

  function facts(task) {
    const add = desk().taskFacts($('fl-facts'), task);
    add('task.channels', task.channelChain.map((c) => label('state', c)).join(' → '), false);
    if (task.returnReason) add('task.returnReason', task.returnReason);
    if (task.cancelReason) add('task.cancelReason', task.cancelReason);
  }

  function attempts(list) {
    const body = $('fl-attempts').querySelector('tbody');
    body.replaceChildren();
    for (const a of list) {
      body.append(row(time(a.createdAt), a.number, text('td', a.outcome ? label('outcome', a.outcome) : label('attemptState', a.state)),
        a.operator || ''));
    }
    if (!list.length) body.append(row(text('td', t('desk.none'))));
  }

  function delivery(evidence) {
    const dl = $('fl-delivery');
    dl.replaceChildren();
    const served = evidence.delivery.served;
    for (const m of evidence.delivery.messages) {
      const dd = document.createElement('dd');
      dd.append(time(m.at), text('span', ' '), data('span', m.address || ''), text('span', ' '));
      if (m.gatewayReply) dd.append(data('code', m.gatewayReply));
      dl.append(text('dt', label('action', m.action)), dd);
    }
    if (served) {
      dl.append(text('dt', t('evidence.served.channel')), text('dd', label('state', served.channel)));
      if (served.address) dl.append(text('dt', t('evidence.served.address')), data('dd', served.address));
      dl.append(text('dt', t('evidence.served.date')), data('dd', served.serviceDate || served.at));
    }
    if (!dl.children.length) dl.append(text('dt', t('desk.none')), text('dd', ''));
  }

  function timelineOf(events) {
    const list = $('fl-timeline');
    list.replaceChildren();
    for (const event of events) {
      const item = document.createElement('li');
      item.append(time(event.occurredAt), text('span', ' '), text('strong', label('action', event.action)),
        text('span', ' ' + t('timeline.by') + ' '), data('span', event.actor));
      if (event.after) item.append(text('span', ' ' + (event.before ? label('state', event.before) : '∅') + ' → ' + label('state', event.after)));
      if (event.details && event.details.reason) item.append(text('span', ' '), data('em', '“' + event.details.reason + '”'));
      list.append(item);
    }
  }

  function fixForm(task) {
    const form = $('fl-fix');
    form.hidden = task.state !== 'RETURNED' || !hasRole('CLERK', 'ADMIN');
    if (form.hidden) return;
    desk().clearFieldErrors(form);
    showError($('fl-fix-error'), null);
    $('fl-return-reason').textContent = task.returnReason || '';
    $('fl-role').value = task.party.role || 'OTHER';
    $('fl-name').value = task.party.name || '';
    $('fl-id-number').value = task.party.idNumber || '';
    $('fl-phones').value = task.phones.map((p) => p.e164).join('\n');
    $('fl-email').value = task.party.email || '';
    $('fl-address').value = task.party.address || '';
    $('fl-fix-files').value = '';
    fixDocuments(task.documents);
  }

  /** The documents to keep, each by its file name (its id only when the document cannot be read). */
  async function fixDocuments(ids) {
    const docs = $('fl-fix-documents');
    docs.replaceChildren();
    for (const id of ids) {
      const keep = document.createElement('input');
      keep.type = 'checkbox';
      keep.checked = true;
      keep.value = id;
      const labelled = document.createElement('label');
      labelled.append(keep, text('span', ' ' + t('follow.fix.keep') + ' '));
      const item = document.createElement('li');
      item.append(labelled);
      docs.append(item);
      try {
        const doc = await api('/api/v1/documents/' + encodeURIComponent(id));
        const name = data('span', doc.fileName);
        name.title = id;
        labelled.append(name);
      } catch (e) {
        labelled.append(data('code', id), text('span', ' ' + t('desk.document.missing')));
      }
    }
  }

  async function resubmit(event) {
    event.preventDefault();
    const form = $('fl-fix');
    const id = current.id;
    desk().clearFieldErrors(form);
    showError($('fl-fix-error'), null);
    try {
      await whileBusy($('fl-resubmit'), async () => {
        const kept = Array.from($('fl-fix-documents').querySelectorAll('input:checked')).map((c) => c.value);
        const added = await desk().uploadAll(Array.from($('fl-fix-files').files), uploaded, $('fl-message'));
        const { optional, phoneList } = desk();
        await api('/api/v1/tasks/' + id + '/resubmit', { method: 'POST', json: {
          party: { role: $('fl-role').value, name: optional($('fl-name')), idNumber: optional($('fl-id-number')),
            phones: phoneList($('fl-phones')), email: optional($('fl-email')), address: optional($('fl-address')) },
          documents: kept.concat(added.filter((d) => !kept.includes(d))) } });
        uploaded.clear();
        $('fl-message').textContent = t('follow.resubmitted', { id });
        await Promise.all([list(), open(id)]);
      });
    } catch (e) {
      $('fl-message').textContent = '';
      desk().formError($('fl-fix-error'), form, e);
    }
  }

  async function cancel(event) {
    event.preventDefault();
    const id = current.id;
    const reason = $('fl-cancel-reason').value.trim();
    showError($('fl-cancel-error'), null);
    if (!reason) {
      $('fl-cancel-error').textContent = t('follow.cancel.reasonRequired');
      return;
    }
    if (!window.confirm(t('follow.cancel.confirm', { id }))) return;
    try {
      await whileBusy($('fl-cancel-submit'), async () => {
        await api('/api/v1/tasks/' + id + '/cancel', { method: 'POST', json: { reason } });
        $('fl-cancel-reason').value = '';
        $('fl-message').textContent = t('follow.cancelled', { id });
        await Promise.all([list(), open(id)]);
      });
    } catch (e) {
      showError($('fl-cancel-error'), e);
    }
  }

  function resetReceipt() {
    if (receiptUrl) URL.revokeObjectURL(receiptUrl);
    receiptUrl = null;
    $('fl-receipt').hidden = true;
    $('fl-receipt').removeAttribute('href');
  }

  async function receiptLink(id) {
    if (receiptUrl) return;
    try {
      const pdf = await apiBlob('/api/v1/tasks/' + id + '/receipt');
      if (!current || current.id !== id) return;
      receiptUrl = URL.createObjectURL(pdf);
      $('fl-receipt').href = receiptUrl;
      $('fl-receipt').download = t('receipt.fileName', { id });
      $('fl-receipt').hidden = false;
    } catch (e) {
      resetReceipt();
    }
  }

  /**
   * While the screen is shown, the list and the open task follow the server every few seconds; a returned task's fix
   * form is left alone while it is open (the clerk may be typing), unless the task has moved on meanwhile.
   */
  async function refresh() {
    if ($('follow-screen').hidden || document.hidden) return;
    await list();
    if (!current) return;
    try {
      const task = await api('/api/v1/tasks/' + current.id);
      if (task.state === 'RETURNED' && current.state === 'RETURNED') return;
      if (task.updatedAt !== current.updatedAt || task.state !== current.state) await open(current.id);
    } catch (e) {
      showError($('fl-list-error'), e);
    }
  }

  /** Opens the follow screen on a case's tasks (after a case was submitted) or on one task. */
  async function follow(caseNumber, taskId) {
    $('fl-case').value = caseNumber || '';
    $('fl-state').value = '';
    page = 0;
    window.Serveline.showScreen('follow');
    await list();
    if (taskId) await open(taskId);
  }

  $('fl-filter').addEventListener('submit', (e) => { e.preventDefault(); page = 0; list(); });
  $('fl-prev').addEventListener('click', () => { if (page > 0) { page -= 1; list(); } });
  $('fl-next').addEventListener('click', () => { page += 1; list(); });
  $('fl-fix').addEventListener('submit', resubmit);
  $('fl-cancel').addEventListener('submit', cancel);
  $('fl-evidence').addEventListener('click', () => current && window.Serveline.openEvidence(current.id));
  window.Serveline.follow = follow;
  window.Serveline.screens.follow = { show() { list(); } };
  window.setInterval(refresh, REFRESH_MS);
})();
