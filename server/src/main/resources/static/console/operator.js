// Serveline console, operator screen: a session with a SIP endpoint, one task at a time in preview (or from the
// transfer queue), its call, consent or disposition. Over /api/v1/operators; every error shows its problem detail.
// Transfers ring the screen without a reload: the operator's own feed (GET /api/v1/operators/me/stream, events.js)
// names each party who pressed 0 and is put through to this operator's softphone or waits in the queue.
(function () {
  'use strict';
  const { api, $, text, data, row, showError, whileBusy, time, instant, t, label } = window.Serveline;
  const BASE = '/api/v1/operators';
  /** The softphone's endpoint last signed in with in this browser (a desk's phone, not a secret). */
  const ENDPOINT_STORE = 'serveline.operator.endpoint';
  /** The softphone states the PBX reports for a phone that is idle or merely registered. */
  const IDLE_WORDS = ['NOT_INUSE', 'REACHABLE', 'NON_QUALIFIED', 'UNKNOWN'];
  let me = null;
  let current = null;
  let calledTask = null;
  let feed = null;
  let ringing = [];
  const dismissed = new Set();
  const rung = new Set();
  let audio = null;
  let liveCall = null;

  function say(message) {
    $('op-message').textContent = message || '';
  }

  /** Runs a task action: errors show in the screen and nothing typed is cleared. */
  async function act(button, errorElement, action) {
    showError(errorElement, null);
    try {
      await whileBusy(button, action);
    } catch (e) {
      showError(errorElement, e);
    }
  }

  /** A bundle text whose {placeholders} are data values (names, codes, Asterisk's words): each in its own data span. */
  function filled(tag, key, params) {
    const element = document.createElement(tag);
    const parts = t(key).split(/\{(\w+)\}/);
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        if (part) element.append(document.createTextNode(part));
      } else {
        const value = params[part];
        element.append(value instanceof Node ? value : data('span', value == null ? '' : value));
      }
    });
    return element;
  }

  function renderSession() {
    const status = $('op-status');
    $('op-sign-out').disabled = !me;
    $('op-next').disabled = !me;
    renderRinging();
    if (!me) {
      status.textContent = t('op.status.none');
      status.className = 'status';
      return;
    }
    if ($('op-endpoint').value === '') $('op-endpoint').value = me.endpoint;
    // in-call device states are filtered at the source (ADR 0018, 0028): while this operator's call is live, an idle
    // word from the PBX means the phone is in use
    const shown = liveCall && IDLE_WORDS.includes(me.softphone) ? 'INUSE' : me.softphone;
    const softphone = text('strong', label('softphone', shown));
    softphone.title = t('softphone.asterisk', { word: me.registration });
    const params = { endpoint: me.endpoint, registration: softphone, pbx: me.pbxId || '' };
    status.replaceChildren(...filled('span', me.registered ? (me.pbxId ? 'op.status.registeredOn' : 'op.status.registered')
      : (me.pbxId ? 'op.status.unregisteredOn' : 'op.status.unregistered'), params).childNodes);
    status.dataset.registered = String(me.registered);
    status.dataset.softphone = shown;
    status.className = 'status ' + (me.registered ? 'ok' : 'broken');
  }

  async function loadSession() {
    try {
      me = await api(BASE + '/me');
    } catch (e) {
      me = null;
      if (e.status !== 404) showError($('op-session-error'), e);
    }
    renderSession();
    if (me && me.currentTaskId && me.registered && (!current || current.task.id !== me.currentTaskId)) {
      await act($('op-next'), $('op-error'), takeNext);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    await act($('op-sign-in'), $('op-session-error'), async () => {
      const endpoint = $('op-endpoint').value.trim();
      me = await api(BASE + '/me/session', { method: 'POST', json: { endpoint } });
      localStorage.setItem(ENDPOINT_STORE, endpoint);
    });
    renderSession();
  }

  async function signOut() {
    await act($('op-sign-out'), $('op-session-error'), async () => {
      await api(BASE + '/me/session', { method: 'DELETE' });
      me = null;
      showTask(null);
      say(t('op.signedOut'));
    });
    renderSession();
  }

  async function takeNext() {
    const taken = await api(BASE + '/me/next', { method: 'POST' });
    if (!taken) {
      showTask(null);
      say(t('op.noTask'));
      return;
    }
    say('');
    showTask(taken);
  }

  /** The address to serve to, as the task suggests it: known address, else e-mail, else the first usable number. */
  function suggestedAddress(task) {
    const usable = task.phones.find((p) => p.status !== 'BAD');
    return task.electronicAddress || task.party.email || (usable ? usable.e164 : '');
  }

  function showTask(taken) {
    const fresh = taken && (!current || current.task.id !== taken.task.id);
    current = taken;
    $('op-task').hidden = !taken;
    renderRinging();
    if (!taken) return;
    const task = taken.task;
    $('op-task-title').textContent = t('task.title', { id: task.id, caseNumber: task.caseNumber });
    const facts = $('op-task-facts');
    facts.replaceChildren();
    const add = (k, v) => facts.append(text('dt', t(k)), data('dd', v));
    add('task.caseNumber', task.caseNumber);
    add('task.party', task.party.name + ' (' + label('role', task.party.role) + ')');
    add('op.numbers', task.phones.map((p) => p.e164 + (p.status === 'BAD' ? ' ' + t('op.numberBad') : '')).join(', '));
    const documents = data('dd', t('task.documents.count', { count: task.documents.length }));
    facts.append(text('dt', t('task.documents')), documents);
    nameDocuments(task.documents, documents);
    add('task.hearing', !task.hearingDate ? t('task.hearing.none')
      : task.hearingTime ? task.hearingDate + ' ' + task.hearingTime : task.hearingDate);
    add('task.state', label('state', task.state));
    add('op.cameFrom', taken.source === 'QUEUE' ? t('op.cameFrom.queueParty') : t('op.cameFrom.preview'));
    facts.lastElementChild.title = taken.source === 'QUEUE' ? taken.transferredAttemptId : '';
    $('op-script').replaceChildren(...taken.script.map((line) => text('li', line)));
    if (fresh) {
      const select = $('op-number');
      select.replaceChildren(...task.phones.filter((p) => p.status !== 'BAD').map((p) => text('option', p.e164)));
      $('op-address').value = suggestedAddress(task);
      $('op-call-status').textContent = '';
    }
  }

  /** The documents by file name and type (their ids when the metadata cannot be read). */
  async function nameDocuments(ids, element) {
    if (!ids.length) return;
    const names = await Promise.all(ids.map((id) => api('/api/v1/documents/' + encodeURIComponent(id))
      .then((d) => d.fileName + ' (' + d.mediaType + ')').catch(() => id)));
    element.textContent = t('task.documents.named', { count: ids.length, names: names.join(', ') });
  }

  async function call() {
    await act($('op-call'), $('op-error'), async () => {
      const placed = await api(BASE + '/me/tasks/' + current.task.id + '/call',
        { method: 'POST', json: { number: $('op-number').value || null } });
      calledTask = placed.taskId;
      const status = $('op-call-status');
      status.replaceChildren(...filled('span', 'op.calling.party', { party: current.task.party.name,
        caseNumber: current.task.caseNumber, number: placed.number, endpoint: placed.endpoint,
        state: text('span', label('liveCall', placed.state)) }).childNodes);
      status.title = t('op.ids', { task: placed.taskId, attempt: placed.attemptId });
      showTimer({ attemptId: placed.attemptId, state: placed.state, since: new Date().toISOString() });
    });
  }

  async function ivrConsent() {
    await act($('op-ivr'), $('op-error'), async () => {
      const handed = await api(BASE + '/me/tasks/' + current.task.id + '/ivr-consent', { method: 'POST' });
      $('op-call-status').textContent = t('op.ivrHanded.party');
      $('op-call-status').title = handed.attemptId;
    });
  }

  async function hangUp() {
    await act($('op-hangup'), $('op-error'), async () => {
      const ended = await api(BASE + '/me/tasks/' + current.task.id + '/hangup', { method: 'POST' });
      calledTask = null;
      $('op-call-status').textContent = t('op.hungUp.call');
      $('op-call-status').title = ended.attemptId;
    });
  }

  /** The call of a task already let go (after a disposition) can still be ended. */
  async function hangUpLastCall() {
    await act($('op-last-hangup'), $('op-error'), async () => {
      try {
        const ended = await api(BASE + '/me/tasks/' + calledTask + '/hangup', { method: 'POST' });
        say(t('op.hungUpLast.task', { task: calledTask }));
        $('op-message').title = ended.attemptId;
      } finally {
        calledTask = null;
        $('op-last-call').hidden = true;
      }
    });
  }

  /** After consent or a disposition the task is let go: the screen is free for the next one. */
  function closed(task, what) {
    const params = { id: task.id, caseNumber: task.caseNumber, what, state: label('state', task.state),
      address: task.electronicAddress };
    say(t(task.electronicAddress ? 'op.closed.serving' : 'op.closed', params));
    $('op-message').dataset.state = task.state;
    $('op-note').value = '';
    $('op-callback-at').value = '';
    $('op-last-call').hidden = calledTask !== task.id;
    $('op-last-call-text').textContent = t('op.lastCall', { id: task.id });
    showTask(null);
    loadQueue();
  }

  async function consent() {
    await act($('op-consent'), $('op-error'), async () => {
      const address = $('op-address').value.trim();
      const task = await api(BASE + '/me/tasks/' + current.task.id + '/consent',
        { method: 'POST', json: { address: address || null } });
      closed(task, t('op.consentRecorded'));
    });
  }

  async function dispose() {
    await act($('op-dispose'), $('op-error'), async () => {
      const disposition = $('op-disposition').value;
      const body = { disposition, note: $('op-note').value.trim() || null };
      if (disposition === 'SERVED_CONSENT') body.address = $('op-address').value.trim() || null;
      if (disposition === 'CALL_BACK') body.callBackAt = instant($('op-callback-at').value);
      const task = await api(BASE + '/me/tasks/' + current.task.id + '/disposition', { method: 'POST', json: body });
      if (disposition === 'WRONG_NUMBER') calledTask = null; // the server ends that call itself
      closed(task, t('op.dispositionRecorded', { disposition: label('disposition', disposition) }));
    });
  }

  async function loadQueue() {
    showError($('op-queue-error'), null);
    try {
      const waiting = await api(BASE + '/queue');
      const body = $('op-queue').querySelector('tbody');
      body.replaceChildren(...waiting.map((q) => {
        const take = text('button', t('op.queue.take'));
        take.type = 'button';
        take.className = 'op-queue-take';
        take.disabled = !me || !!current;
        take.title = current ? t('op.ring.busy') : '';
        take.addEventListener('click', () => acceptTransfer(take, { source: 'QUEUE', taskId: q.taskId,
          attemptId: q.attemptId, caseNumber: q.caseNumber }));
        const party = data('span', q.partyName);
        party.title = t('op.ids', { task: q.taskId, attempt: q.attemptId });
        const tr = row(party, q.caseNumber, time(q.queuedAt), window.Serveline.durations.ticking(q.queuedAt), take);
        tr.dataset.task = q.taskId;
        return tr;
      }));
      $('op-queue-total').textContent = waiting.length ? t('op.queue.waiting', { count: waiting.length }) : t('op.queue.none');
    } catch (e) {
      showError($('op-queue-error'), e);
    }
  }

  // --- incoming transfers: the feed, the ringing panel, a short tone ------------------------------------------

  function transferKey(transfer) {
    return transfer.source + ':' + transfer.attemptId;
  }

  /** What the notice played before the party pressed 0: its segments by name, a key pressed in one marked. */
  function noticeSoFar(segments) {
    return segments.map((segment) => {
      const name = segment.split('@')[0];
      const key = segment.includes('!') ? segment.substring(segment.lastIndexOf('!') + 1) : '';
      return label('segment', name) + (key ? t('op.ring.key', { key }) : '');
    }).join(' → ');
  }

  /** Two short beeps through WebAudio (no sound file): the browser may hold sound back until the page was used. */
  function tone() {
    const panel = $('op-ringing');
    panel.dataset.tones = String(Number(panel.dataset.tones || 0) + 1);
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume().catch(() => {});
      const start = audio.currentTime + 0.05;
      for (const [at, frequency] of [[0, 440], [0.5, 480]]) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + at);
        gain.gain.exponentialRampToValueAtTime(0.2, start + at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.35);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start + at);
        oscillator.stop(start + at + 0.4);
      }
      panel.dataset.audio = audio.state;
    } catch (e) {
      panel.dataset.audio = 'unavailable';
    }
  }

  function renderRinging() {
    const shown = ringing.filter((transfer) => !dismissed.has(transferKey(transfer)));
    const panel = $('op-ringing');
    panel.hidden = !shown.length;
    panel.classList.toggle('alerting', shown.length > 0);
    $('op-ring-list').replaceChildren(...shown.map((transfer) => {
      const item = document.createElement('li');
      item.dataset.task = transfer.taskId;
      item.dataset.source = transfer.source;
      const head = document.createElement('strong');
      head.append(text('span', t('op.ring.source.' + transfer.source) + ' '), data('span', transfer.caseNumber),
        text('span', ' · '), data('span', transfer.partyName));
      const notice = text('span', transfer.noticePlayed.length ? t('op.ring.notice', { segments:
        noticeSoFar(transfer.noticePlayed) }) : t('op.ring.noNotice'), 'hint');
      const actions = document.createElement('div');
      actions.className = 'toolbar';
      if (transfer.source === 'QUEUE') {
        const accept = text('button', t('op.ring.accept'));
        accept.type = 'button';
        accept.className = 'op-ring-accept';
        accept.disabled = !me || !!current;
        accept.title = current ? t('op.ring.busy') : '';
        accept.addEventListener('click', () => acceptTransfer(accept, transfer));
        actions.append(accept);
      } else {
        // the PBX is ringing the softphone itself: answering there bridges the party
        actions.append(text('span', t('op.ring.answerOnPhone'), 'hint'));
      }
      const decline = text('button', t('op.ring.decline'));
      decline.type = 'button';
      decline.className = 'op-ring-decline';
      decline.addEventListener('click', () => declineTransfer(transfer));
      const waited = filled('span', 'op.ring.waited', { duration: window.Serveline.durations.ticking(transfer.since) });
      waited.className = 'hint';
      waited.title = t('op.ids', { task: transfer.taskId, attempt: transfer.attemptId });
      actions.append(decline, time(transfer.since), waited);
      item.append(head, notice, actions);
      return item;
    }));
    const fresh = shown.filter((transfer) => !rung.has(transferKey(transfer)));
    fresh.forEach((transfer) => rung.add(transferKey(transfer)));
    if (fresh.length) tone();
  }

  /**
   * Accepting takes this very party from the queue (not whoever waits longest); 409 when another operator took them
   * first, shown as the problem says.
   */
  async function acceptTransfer(button, transfer) {
    await act(button, $('op-error'), async () => {
      const taken = await api(BASE + '/me/queue/' + encodeURIComponent(transfer.taskId) + '/take', { method: 'POST' });
      dismissed.add(transferKey(transfer));
      showTask(taken);
      say(t('op.ring.accepted', { caseNumber: taken.task.caseNumber }));
    });
    renderRinging();
    loadQueue();
  }

  /** The call timer: how long the operator's live call has rung or lasted, as the feed reports the call. */
  function showTimer(call) {
    const wasLive = !!liveCall;
    liveCall = call;
    if (wasLive !== !!call) renderSession();
    const timer = $('op-call-timer');
    timer.hidden = !call;
    if (!call) {
      timer.replaceChildren();
      delete timer.dataset.state;
      return;
    }
    timer.title = t('op.timer.title');
    timer.dataset.state = call.state;
    timer.replaceChildren(...filled('span', 'op.timer', { state: text('span', label('liveCall', call.state)),
      duration: window.Serveline.durations.ticking(call.answeredAt || call.since, 'call-duration') }).childNodes);
  }

  /** Declining silences this screen only: the party stays in the queue for another operator. */
  function declineTransfer(transfer) {
    dismissed.add(transferKey(transfer));
    say(t('op.ring.declined', { caseNumber: transfer.caseNumber }));
    renderRinging();
  }

  function feedState(state, status) {
    const element = $('op-feed-status');
    element.dataset.state = state;
    element.textContent = t('op.feed.' + state, { status: status || '' });
  }

  function onFeed(name, update) {
    if (name !== 'operator') return;
    const call = update.currentCall || null;
    if (call) {
      if (!liveCall || !liveCall.confirmed || liveCall.attemptId !== call.attemptId || liveCall.state !== call.state) {
        showTimer(Object.assign({ confirmed: true }, call));
      }
    } else if (liveCall && (liveCall.confirmed || Date.now() - new Date(liveCall.since).getTime() > 5000)) {
      showTimer(null); // the call ended (a call just placed waits a moment for the feed to see it)
    }
    ringing = update.transfers;
    const waiting = new Set(ringing.map(transferKey));
    for (const key of [...dismissed]) if (!waiting.has(key)) dismissed.delete(key);
    renderRinging();
    loadQueue();
    if (!!me !== update.signedIn || (me && (me.registered !== update.registered
        || (me.currentTaskId || null) !== (update.currentTaskId || null)))) {
      loadSession();
    }
  }

  function listen() {
    if (feed) return;
    feedState('connecting');
    feed = window.Serveline.events.open(BASE + '/me/stream', { names: ['operator', 'heartbeat'], event: onFeed,
      state: feedState });
  }

  function stopListening() {
    if (feed) feed.close();
    feed = null;
    feedState('closed');
  }

  // the feed is held while the operator screen is on screen (a supervisor switching screens closes it)
  new MutationObserver(() => { if ($('operator-screen').hidden) stopListening(); })
    .observe($('operator-screen'), { attributes: true, attributeFilter: ['hidden'] });
  // a click anywhere lets the browser play the tone later (autoplay rules)
  document.addEventListener('click', () => {
    if (audio && audio.state === 'suspended') audio.resume().catch(() => {});
  });

  $('op-session-form').addEventListener('submit', signIn);
  $('op-sign-out').addEventListener('click', signOut);
  $('op-next').addEventListener('click', () => act($('op-next'), $('op-error'), takeNext));
  $('op-call').addEventListener('click', call);
  $('op-ivr').addEventListener('click', ivrConsent);
  $('op-hangup').addEventListener('click', hangUp);
  $('op-last-hangup').addEventListener('click', hangUpLastCall);
  $('op-consent').addEventListener('click', consent);
  $('op-dispose').addEventListener('click', dispose);
  $('op-disposition').addEventListener('change', () => {
    $('op-callback-label').hidden = $('op-disposition').value !== 'CALL_BACK';
  });
  $('op-queue-refresh').addEventListener('click', () => whileBusy($('op-queue-refresh'), loadQueue));

  window.Serveline.screens.operator = {
    show() {
      if ($('op-endpoint').value === '') $('op-endpoint').value = localStorage.getItem(ENDPOINT_STORE) || '';
      loadSession();
      loadQueue();
      listen();
    }
  };
})();
