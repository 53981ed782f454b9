// Serveline console, recordings screen: list and filter recordings, the supervisors' review queue, the Opus copy
// played only after the listener states a reason (X-Access-Reason; every access is audited), verdicts with comments
// at offsets into the recording, and legal holds.
(function () {
  'use strict';
  const { hasRole, api, apiBlob, $, text, data, row, describe, showError, whileBusy, time, offset, instant, t, label }
    = window.Serveline;
  const BASE = '/api/v1/recordings';
  let selected = null;
  let audioUrl = null;
  let pending = [];

  function query() {
    const params = new URLSearchParams({ size: '50' });
    const put = (name, value) => { if (value) params.set(name, value); };
    put('caseNumber', $('rec-case').value.trim());
    put('taskId', $('rec-task').value.trim());
    put('operator', $('rec-operator').value.trim());
    put('outcome', $('rec-outcome').value);
    put('auditStatus', $('rec-audit').value);
    put('from', instant($('rec-from').value));
    put('to', instant($('rec-to').value));
    return params.toString();
  }

  function recordingRow(r, cells) {
    const tr = row(...cells);
    tr.dataset.id = r.id;
    tr.classList.toggle('selected', selected !== null && selected.id === r.id);
    tr.addEventListener('click', () => select(r.id));
    return tr;
  }

  async function search() {
    showError($('rec-error'), null);
    try {
      const page = await api(BASE + '?' + query());
      $('recordings').querySelector('tbody').replaceChildren(...page.items.map((r) => recordingRow(r, [
        time(r.storedAt), r.caseNumber, r.taskId, r.operator || '', text('span', label('outcome', r.outcome)),
        offset(r.durationMs), text('span', label('audit', r.auditStatus)), text('span', r.legalHold ? t('rec.held') : '')])));
      $('rec-total').textContent = page.total > page.items.length
        ? t('rec.total.some', { count: page.total, shown: page.items.length }) : t('rec.total', { count: page.total });
    } catch (e) {
      showError($('rec-error'), e);
    }
  }

  /** The review queue, verdicts and legal holds are for supervisors (and admins): the roles say who sees them. */
  async function loadQueue() {
    const supervisor = hasRole('SUPERVISOR', 'ADMIN');
    $('rec-queue').hidden = !supervisor;
    for (const el of document.querySelectorAll('#recordings-screen .supervisor-only')) el.hidden = !supervisor;
    const note = $('rec-queue-note');
    if (!supervisor) {
      note.textContent = t('rec.queue.supervisorsOnly');
      note.dataset.reason = 'supervisors-only';
      return;
    }
    try {
      const queue = await api('/api/v1/recording-reviews/queue?limit=50');
      note.textContent = queue.length ? '' : t('rec.queue.empty');
      delete note.dataset.reason;
      $('rec-queue').querySelector('tbody').replaceChildren(...queue.map((r) => recordingRow(r, [
        time(r.storedAt), r.caseNumber, text('span', label('outcome', r.outcome)),
        text('span', r.consentCall ? t('rec.why.consentCall') : t('rec.why.sample')),
        text('span', label('audit', r.auditStatus))])));
    } catch (e) {
      note.textContent = describe(e);
    }
  }

  function resetAudio() {
    const audio = $('rec-audio');
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
    if (audioUrl) URL.revokeObjectURL(audioUrl);
    audioUrl = null;
  }

  async function select(id) {
    showError($('rec-error'), null);
    try {
      const recording = await api(BASE + '/' + encodeURIComponent(id));
      if (!selected || selected.id !== recording.id) {
        resetAudio();
        pending = [];
        renderPending();
        showError($('rec-play-error'), null);
      }
      selected = recording;
      render(recording);
      document.querySelectorAll('#recordings-screen tbody tr')
        .forEach((r) => r.classList.toggle('selected', r.dataset.id === recording.id));
      await loadVerdicts();
    } catch (e) {
      showError($('rec-error'), e);
    }
  }

  function render(r) {
    $('rec-detail').hidden = false;
    $('rec-title').textContent = t('rec.detail.title', { caseNumber: r.caseNumber, task: r.taskId });
    const facts = $('rec-facts');
    facts.replaceChildren();
    const add = (k, v) => facts.append(text('dt', t(k)), v instanceof Node ? wrap('dd', v) : data('dd', v));
    add('rec.fact.call', r.operator ? t('rec.fact.callBy', { attempt: r.attemptId, operator: r.operator }) : r.attemptId);
    add('rec.fact.outcome', label('outcome', r.outcome));
    add('rec.fact.length', offset(r.durationMs));
    if (r.consentOffsetMs != null) add('rec.fact.consentAt', offset(r.consentOffsetMs));
    add('rec.fact.stored', time(r.storedAt));
    add('rec.fact.sha256', r.sha256);
    add('rec.fact.audit', label('audit', r.auditStatus) + (r.consentCall ? ' ' + t('rec.fact.consentCall')
      : r.sampled ? ' ' + t('rec.fact.sampled') : ''));
    facts.lastElementChild.dataset.audit = r.auditStatus;
    add('rec.fact.hold', r.legalHold ? t('rec.hold.held', { reason: r.legalHoldReason }) : t('rec.hold.none'));
    if (r.copyRemovedAt) add('rec.fact.copyRemoved', time(r.copyRemovedAt));
    if (r.originalRemovedAt) add('rec.fact.originalRemoved', time(r.originalRemovedAt));
    $('rec-hold-status').textContent = r.legalHold ? t('rec.hold.held', { reason: r.legalHoldReason }) : t('rec.hold.notHeld');
    $('rec-hold-status').dataset.held = String(r.legalHold);
    $('rec-hold-place').disabled = r.legalHold;
    $('rec-hold-release').disabled = !r.legalHold;
  }

  function wrap(tag, child) {
    const el = document.createElement(tag);
    el.append(child);
    return el;
  }

  /** No byte is fetched before the listener says why: the server audits the reason with the access. */
  async function play(event) {
    event.preventDefault();
    const reason = $('rec-reason').value.trim();
    if (!reason) {
      $('rec-play-error').textContent = t('rec.reason.required');
      $('rec-reason').focus();
      return;
    }
    showError($('rec-play-error'), null);
    const id = selected.id;
    try {
      await whileBusy($('rec-play'), async () => {
        const audio = await apiBlob(BASE + '/' + encodeURIComponent(id) + '/audio',
          { headers: { 'X-Access-Reason': encodeURIComponent(reason) } });
        if (!selected || selected.id !== id) return;
        resetAudio();
        audioUrl = URL.createObjectURL(audio);
        const player = $('rec-audio');
        player.src = audioUrl;
        player.play().catch(() => {});
      });
    } catch (e) {
      showError($('rec-play-error'), e);
    }
  }

  async function loadVerdicts() {
    showError($('rec-verdicts-error'), null);
    try {
      const versions = await api(BASE + '/' + encodeURIComponent(selected.id) + '/reviews');
      const list = $('rec-verdicts');
      list.replaceChildren();
      if (!versions.length) list.append(text('li', t('rec.verdicts.none'), 'hint'));
      for (const v of versions) {
        const item = text('li', '');
        item.dataset.verdict = v.verdict;
        item.append(text('strong', label('audit', v.verdict) + ' '), text('span', (v.version > 1
          ? t('rec.verdict.amendment', { n: v.version - 1 }) : t('rec.verdict.first')) + ' ' + t('timeline.by') + ' '),
        data('span', v.reviewer), text('span', ' '), time(v.reviewedAt));
        if (v.notes) item.append(data('p', v.notes));
        const comments = document.createElement('ul');
        for (const c of v.comments) comments.append(commentItem(c));
        item.append(comments);
        list.append(item);
      }
    } catch (e) {
      showError($('rec-verdicts-error'), e);
    }
  }

  /** A comment with a button that moves playback to its offset. */
  function commentItem(c, onRemove) {
    const item = document.createElement('li');
    const seek = text('button', offset(c.offsetMs), 'link');
    seek.type = 'button';
    seek.addEventListener('click', () => { $('rec-audio').currentTime = c.offsetMs / 1000; });
    item.append(seek, data('span', ' ' + c.text + ' '));
    if (onRemove) {
      const remove = text('button', t('rec.comment.remove'), 'link');
      remove.type = 'button';
      remove.addEventListener('click', onRemove);
      item.append(remove);
    }
    return item;
  }

  function renderPending() {
    $('rec-comments').replaceChildren(...pending.map((c, i) => commentItem(c, () => {
      pending.splice(i, 1);
      renderPending();
    })));
  }

  function addComment() {
    const comment = $('rec-comment').value.trim();
    if (!comment) {
      $('rec-verdict-error').textContent = t('rec.comment.required');
      return;
    }
    $('rec-verdict-error').textContent = '';
    pending.push({ offsetMs: Math.round($('rec-audio').currentTime * 1000), text: comment });
    $('rec-comment').value = '';
    renderPending();
  }

  async function submitVerdict(event) {
    event.preventDefault();
    showError($('rec-verdict-error'), null);
    try {
      await whileBusy($('rec-submit-verdict'), async () => {
        await api(BASE + '/' + encodeURIComponent(selected.id) + '/reviews', { method: 'POST', json: {
          verdict: $('rec-verdict').value, notes: $('rec-notes').value.trim() || null, comments: pending } });
        pending = [];
        renderPending();
        $('rec-notes').value = '';
        await refreshAll();
      });
    } catch (e) {
      showError($('rec-verdict-error'), e);
    }
  }

  async function hold(place) {
    const button = place ? $('rec-hold-place') : $('rec-hold-release');
    const reason = $('rec-hold-reason').value.trim();
    showError($('rec-hold-error'), null);
    try {
      await whileBusy(button, async () => {
        const path = BASE + '/' + encodeURIComponent(selected.id) + '/legal-hold';
        selected = place ? await api(path, { method: 'POST', json: { reason } })
          : await api(path, { method: 'DELETE', headers: { 'X-Access-Reason': encodeURIComponent(reason) } });
        $('rec-hold-reason').value = '';
      });
    } catch (e) {
      showError($('rec-hold-error'), e);
      return;
    }
    render(selected); // after the busy button is released: it sets which of place/release is enabled
    await search();
  }

  async function refreshAll() {
    await Promise.all([search(), loadQueue()]);
    if (selected) await select(selected.id);
  }

  $('rec-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy($('rec-search'), search);
  });
  $('rec-play-form').addEventListener('submit', play);
  $('rec-add-comment').addEventListener('click', addComment);
  $('rec-verdict-form').addEventListener('submit', submitVerdict);
  $('rec-hold-place').addEventListener('click', () => hold(true));
  $('rec-hold-release').addEventListener('click', () => hold(false));

  window.Serveline.screens.recordings = { show: () => refreshAll() };
})();
