// Serveline console, recordings screen: list and filter recordings, the supervisors' review queue, the Opus copy
// played only after the listener states a reason, verdicts with comments at offsets into the recording, and legal
// holds. The reason is posted once (POST .../access, ADR 0022); the audio element then streams the copy with HTTP
// Range under that access id, the first byte served being the audit event, and wavesurfer.js draws the waveform
// from peaks the server computed, with markers at the consent and at each verdict comment.
(function () {
  'use strict';
  const { hasRole, api, $, text, data, row, describe, showError, whileBusy, time, offset, instant, t, label }
    = window.Serveline;
  const BASE = '/api/v1/recordings';
  let selected = null;
  let pending = [];
  let comments = []; // the verdicts' comments, marked on the waveform
  let waveform = null; // the wavesurfer.js player of the selected recording, once its reason is stated

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
    if (waveform) waveform.destroy(); // keeps the audio element (removeMediaElementOnDestroy: false)
    waveform = null;
    $('rec-player').hidden = true;
    $('rec-waveform').replaceChildren();
    const audio = $('rec-audio');
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
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

  /**
   * No byte is fetched before the listener says why: the reason is posted once and answered with an access id; the
   * audio element streams the copy under it (Range requests, the session's cookie), and the server audits the first.
   */
  async function play(event) {
    event.preventDefault();
    const reason = $('rec-reason').value.trim();
    if (!reason) {
      $('rec-play-error').textContent = t('rec.reason.required');
      $('rec-reason').focus();
      return;
    }
    showError($('rec-play-error'), null);
    const recording = selected;
    try {
      await whileBusy($('rec-play'), async () => {
        const grant = await api(BASE + '/' + encodeURIComponent(recording.id) + '/access',
          { method: 'POST', json: { reason } });
        const peaks = await api(grant.peaks);
        if (!selected || selected.id !== recording.id) return;
        resetAudio();
        const audio = $('rec-audio');
        audio.preload = 'auto';
        audio.src = grant.audio;
        showWaveform(recording, peaks, audio);
        audio.play().catch(() => {});
      });
    } catch (e) {
      showError($('rec-play-error'), e);
    }
  }

  /** The waveform over the audio element: drawn from the server's peaks, nothing decoded in the browser. */
  function showWaveform(recording, peaks, audio) {
    $('rec-player').hidden = false;
    $('rec-from-consent').disabled = recording.consentOffsetMs == null;
    if (!window.WaveSurfer || !window.WaveSurfer.markers) {
      $('rec-play-error').textContent = t('rec.player.unavailable');
      return;
    }
    waveform = window.WaveSurfer.create({
      container: $('rec-waveform'), backend: 'MediaElement', mediaControls: true, removeMediaElementOnDestroy: false,
      height: 96, normalize: true, barWidth: 2, barGap: 1, waveColor: '#9fb3d1', progressColor: '#16325c',
      cursorColor: '#c0392b', plugins: [window.WaveSurfer.markers.create({ markers: [] })]
    });
    waveform.load(audio, peaks.peaks, undefined, peaks.durationMs / 1000);
    markAll();
  }

  /** The consent and each verdict comment as markers; a click on one seeks there (the plugin's own behaviour). */
  function markAll() {
    if (!waveform) return;
    waveform.clearMarkers();
    if (selected.consentOffsetMs != null) {
      const consent = waveform.addMarker({ time: selected.consentOffsetMs / 1000, label: t('rec.marker.consent'),
        color: '#c0392b', position: 'top' });
      consent.el.classList.add('marker-consent');
      consent.el.dataset.offsetMs = String(selected.consentOffsetMs);
      consent.el.title = t('rec.fact.consentAt') + ' ' + offset(selected.consentOffsetMs);
    }
    comments.forEach((c, i) => {
      const marker = waveform.addMarker({ time: c.offsetMs / 1000, label: String(i + 1), color: '#16325c' });
      marker.el.classList.add('marker-comment');
      marker.el.dataset.offsetMs = String(c.offsetMs);
      marker.el.title = t('rec.marker.comment', { n: i + 1, text: c.text });
      marker.el.translate = false;
    });
  }

  function seek(ms) {
    $('rec-audio').currentTime = ms / 1000;
  }

  function fromConsent() {
    if (!selected || selected.consentOffsetMs == null) return;
    const audio = $('rec-audio');
    seek(selected.consentOffsetMs);
    audio.play().catch(() => {});
  }

  function togglePlay() {
    const audio = $('rec-audio');
    if (audio.paused) audio.play().catch(() => {}); else audio.pause();
  }

  function showTime() {
    const audio = $('rec-audio');
    $('rec-time').textContent = Number.isFinite(audio.duration)
      ? offset(audio.currentTime * 1000) + ' / ' + offset(audio.duration * 1000) : offset(audio.currentTime * 1000);
  }

  async function loadVerdicts() {
    showError($('rec-verdicts-error'), null);
    try {
      const versions = await api(BASE + '/' + encodeURIComponent(selected.id) + '/reviews');
      const list = $('rec-verdicts');
      list.replaceChildren();
      comments = versions.flatMap((v) => v.comments);
      markAll();
      if (!versions.length) list.append(text('li', t('rec.verdicts.none'), 'hint'));
      for (const v of versions) {
        const item = text('li', '');
        item.dataset.verdict = v.verdict;
        item.append(text('strong', label('audit', v.verdict) + ' '), text('span', (v.version > 1
          ? t('rec.verdict.amendment', { n: v.version - 1 }) : t('rec.verdict.first')) + ' ' + t('timeline.by') + ' '),
        data('span', v.reviewer), text('span', ' '), time(v.reviewedAt));
        if (v.notes) item.append(data('p', v.notes));
        const commentList = document.createElement('ul');
        for (const c of v.comments) commentList.append(commentItem(c));
        item.append(commentList);
        list.append(item);
      }
    } catch (e) {
      showError($('rec-verdicts-error'), e);
    }
  }

  /** A comment with a button that moves playback to its offset. */
  function commentItem(c, onRemove) {
    const item = document.createElement('li');
    const at = text('button', offset(c.offsetMs), 'link');
    at.type = 'button';
    at.addEventListener('click', () => seek(c.offsetMs));
    item.append(at, data('span', ' ' + c.text + ' '));
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
  $('rec-toggle').addEventListener('click', togglePlay);
  $('rec-from-consent').addEventListener('click', fromConsent);
  $('rec-speed').addEventListener('change', () => { $('rec-audio').playbackRate = Number($('rec-speed').value); });
  for (const type of ['timeupdate', 'durationchange', 'seeked']) $('rec-audio').addEventListener(type, showTime);
  // a stream that stops being served (the access expired, the copy was removed) says so; a new reason starts again
  $('rec-audio').addEventListener('error', () => {
    if ($('rec-audio').getAttribute('src')) $('rec-play-error').textContent = t('rec.player.failed');
  });
  $('rec-audio').addEventListener('loadedmetadata', () => { $('rec-audio').playbackRate = Number($('rec-speed').value); });
  $('rec-add-comment').addEventListener('click', addComment);
  $('rec-verdict-form').addEventListener('submit', submitVerdict);
  $('rec-hold-place').addEventListener('click', () => hold(true));
  $('rec-hold-release').addEventListener('click', () => hold(false));

  window.Serveline.screens.recordings = { show: () => refreshAll() };
})();
