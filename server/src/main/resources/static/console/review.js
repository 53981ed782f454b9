// Serveline console, the reviewer's queue: SUBMITTED tasks oldest first, paged (GET /api/v1/tasks?state=SUBMITTED
// &order=oldest); open one to see its party and documents, approve it or return it with a reason (required: an empty
// reason is told beside the field, the server's 400 likewise). The queue is read again after each decision.
(function () {
  'use strict';
  const { api, $, text, data, row, time, showError, whileBusy, t, label } = window.Serveline;
  const desk = () => window.Serveline.desk;
  const PAGE = 20;
  let page = 0;
  let current = null;

  async function queue() {
    showError($('rv-list-error'), null);
    try {
      const result = await api('/api/v1/tasks?state=SUBMITTED&order=oldest&size=' + PAGE + '&page=' + page);
      const pages = Math.max(1, Math.ceil(result.total / PAGE));
      if (page >= pages && page > 0) {
        page = pages - 1;
        return queue();
      }
      const body = $('rv-queue').querySelector('tbody');
      body.replaceChildren();
      for (const task of result.items) {
        const tr = row(task.id, task.caseNumber, task.party.name, time(task.updatedAt), text('td', label('priority', task.priority)));
        tr.dataset.id = task.id;
        tr.classList.toggle('selected', current !== null && current.id === task.id);
        tr.addEventListener('click', () => open(task.id));
        body.append(tr);
      }
      if (!result.items.length) body.append(row(text('td', t('review.empty'))));
      $('rv-page').textContent = t('desk.page', { page: page + 1, pages, total: result.total });
      $('rv-prev').disabled = page === 0;
      $('rv-next').disabled = page + 1 >= pages;
    } catch (e) {
      showError($('rv-list-error'), e);
    }
  }

  async function open(id) {
    const task = await api('/api/v1/tasks/' + id);
    current = task;
    document.querySelectorAll('#rv-queue tbody tr').forEach((r) => r.classList.toggle('selected', Number(r.dataset.id) === id));
    $('rv-detail').hidden = false;
    $('rv-title').textContent = t('task.title', { id: task.id, caseNumber: task.caseNumber });
    const add = desk().taskFacts($('rv-facts'), task);
    add('desk.submittedBy', task.createdBy);
    $('rv-form').hidden = task.state !== 'SUBMITTED';
    $('rv-reason').value = '';
    desk().clearFieldErrors($('rv-form'));
    showError($('rv-error'), null);
    await desk().showDocuments($('rv-documents'), task.documents);
  }

  async function decide(decision, button) {
    const form = $('rv-form');
    const id = current.id;
    const reason = $('rv-reason').value.trim();
    desk().clearFieldErrors(form);
    showError($('rv-error'), null);
    if (decision === 'RETURN' && !reason) {
      desk().showFieldErrors(form, { errors: [{ field: 'reason', message: t('review.reasonRequired') }] });
      $('rv-reason').focus();
      return;
    }
    try {
      await whileBusy(button, async () => {
        await api('/api/v1/tasks/' + id + '/review', { method: 'POST',
          json: decision === 'RETURN' ? { decision, reason } : { decision } });
        $('rv-message').textContent = t(decision === 'RETURN' ? 'review.returned' : 'review.approved', { id });
        current = null;
        $('rv-detail').hidden = true;
        await queue();
      });
    } catch (e) {
      desk().formError($('rv-error'), form, e);
    }
  }

  $('rv-refresh').addEventListener('click', queue);
  $('rv-prev').addEventListener('click', () => { if (page > 0) { page -= 1; queue(); } });
  $('rv-next').addEventListener('click', () => { page += 1; queue(); });
  $('rv-approve').addEventListener('click', () => decide('APPROVE', $('rv-approve')));
  $('rv-form').addEventListener('submit', (e) => { e.preventDefault(); decide('RETURN', $('rv-return')); });
  window.Serveline.screens.review = { show() { $('rv-message').textContent = ''; queue(); } };
})();
