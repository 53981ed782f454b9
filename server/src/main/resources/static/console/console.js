// Serveline console: plain JavaScript over the REST API, signed in through the form into a server session.
// This file signs in, switches screens and runs the task screen; operator.js, recordings.js and submit.js run theirs.
(function () {
  'use strict';
  const { session, hasRole, api, apiBlob, $, text, data, showError, t, label } = window.Serveline;
  const i18n = window.ServelineI18n;
  /** The roles each screen is for, as SecurityConfiguration lets them call that screen's API. */
  const SCREENS = {
    tasks: ['CLERK', 'REVIEWER', 'SUPERVISOR', 'ADMIN'],
    submit: ['CLERK', 'ADMIN'],
    operator: ['OPERATOR', 'SUPERVISOR', 'ADMIN'],
    recordings: ['REVIEWER', 'SUPERVISOR', 'ADMIN'],
    field: ['FIELD'],
    statistics: ['SUPERVISOR', 'REVIEWER', 'ADMIN'],
    follow: ['CLERK', 'ADMIN'],
    case: ['CLERK', 'ADMIN'],
    review: ['REVIEWER', 'ADMIN'],
    evidence: ['CLERK', 'REVIEWER', 'SUPERVISOR', 'ADMIN'],
    board: ['SUPERVISOR', 'ADMIN'],
    admin: ['ADMIN']
  };
  let allowed = [];
  let selected = null;
  let lastTasks = null;
  let timer = null;
  let receiptUrl = null;

  function showLogin(message) {
    showDemoUsers();
    $('app').hidden = true;
    $('screens').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('who').textContent = '';
    $('sign-out').hidden = true;
    session.user = null;
    session.roles = [];
  }

  /** The demo's users are named on the sign-in form of the demo only. */
  async function showDemoUsers() {
    try {
      $('login-hint').hidden = !(await api('/api/v1/demo')).demo;
    } catch (e) {
      $('login-hint').hidden = true;
    }
  }

  /** The form's name and password go to the server once; from then on the session cookie signs each request. */
  async function signIn(event) {
    event.preventDefault();
    const form = new URLSearchParams({ username: $('login-user').value, password: $('login-password').value });
    try {
      const me = await api('/api/v1/sign-in', { method: 'POST', body: form, signIn: true });
      $('login-password').value = '';
      start(me);
    } catch (e) {
      // a lock's detail comes in the console's language with its minutes (ADR 0026): said once
      showLogin(e.status === 401 ? t('login.wrong') : e.status === 429 ? e.message || t('login.locked') : e.message);
    }
  }

  async function signOut() {
    try {
      await api('/api/v1/sign-out', { method: 'POST', signIn: true });
    } finally {
      if (timer) clearInterval(timer);
      timer = null;
      showLogin(t('login.signedOut'));
    }
  }

  async function loadTasks() {
    const state = $('state-filter').value;
    const page = await api('/api/v1/tasks?size=100' + (state ? '&state=' + encodeURIComponent(state) : ''));
    const fingerprint = JSON.stringify(page.items.map((t) => [t.id, t.state, t.version]));
    if (fingerprint === lastTasks) return;
    lastTasks = fingerprint;
    const body = $('tasks').querySelector('tbody');
    body.replaceChildren();
    for (const task of page.items) {
      const row = document.createElement('tr');
      row.dataset.id = task.id;
      row.append(data('td', task.id), data('td', task.caseNumber), data('td', task.party.name));
      const state = document.createElement('td');
      const badge = text('span', label('state', task.state), 'state ' + task.state);
      badge.dataset.state = task.state;
      state.append(badge);
      row.append(state, text('td', label('priority', task.priority)), data('td', task.hearingDate));
      row.addEventListener('click', () => showTask(task.id));
      if (task.id === selected) row.classList.add('selected');
      body.append(row);
    }
    $('task-total').textContent = t('tasks.total', { count: page.total });
  }

  async function showTask(id) {
    if (selected !== id) resetReceipt();
    selected = id;
    const [task, timeline] = await Promise.all([api('/api/v1/tasks/' + id), api('/api/v1/tasks/' + id + '/timeline')]);
    document.querySelectorAll('#tasks tbody tr').forEach((r) => r.classList.toggle('selected', Number(r.dataset.id) === id));
    $('detail').hidden = false;
    $('detail-title').textContent = t('task.title', { id: task.id, caseNumber: task.caseNumber });
    const facts = $('detail-facts');
    facts.replaceChildren();
    const add = (k, v) => facts.append(text('dt', t(k)), data('dd', v));
    add('task.state', label('state', task.state));
    facts.lastElementChild.title = task.state; // the code, for whoever asks for it
    add('task.party', task.party.name + ' (' + label('role', task.party.role) + ')');
    add('task.phones', task.phones.map((p) => p.e164).join(', '));
    if (task.party.email) add('task.email', task.party.email);
    add('task.address', task.party.address);
    add('task.hearing', task.hearingDate ? [task.hearingDate, task.hearingTime].filter(Boolean).join(' ') : t('task.hearing.none'));
    add('task.channels', task.channelChain.map((c) => label('state', c)).join(' → '));
    add('task.documents', t('task.documents.count', { count: task.documents.length }));
    if (task.returnReason) add('task.returnReason', task.returnReason);
    if (task.cancelReason) add('task.cancelReason', task.cancelReason);
    $('review-actions').hidden = task.state !== 'SUBMITTED' || !hasRole('REVIEWER', 'ADMIN');
    $('action-error').textContent = '';
    const calls = $('attempts').querySelector('tbody');
    calls.replaceChildren();
    for (const a of task.attempts || []) {
      const row = document.createElement('tr');
      // decisionOffset: the key that answered the question; a hang-up has its own offset, never read as consent
      const notice = a.notice || {};
      const heard = a.consentDigit ? t('attempt.key', { digit: a.consentDigit, offset: a.decisionOffset })
        : notice.hangupOffset ? t('attempt.hungUp', { offset: notice.hangupOffset }) : '';
      const answer = text('td', heard);
      if (notice.played && notice.played.length) answer.title = t('attempt.played', { segments: notice.played.join(' ') });
      const cell = document.createElement('td');
      cell.append(window.Serveline.time(a.createdAt));
      const outcome = text('td', a.outcome ? label('outcome', a.outcome) : label('attemptState', a.state));
      outcome.title = a.outcome || a.state;
      row.append(cell, data('td', a.number), outcome,
        answer, data('td', a.scriptVersion ? a.scriptVersion.split('@')[0] : ''));
      calls.append(row);
    }
    const list = $('timeline');
    list.replaceChildren();
    for (const event of timeline) {
      const item = document.createElement('li');
      const action = text('strong', label('action', event.action));
      action.title = event.action; // the audit event's type, for whoever asks for it
      item.append(action, text('span', ' ' + t('timeline.by') + ' '), data('span', event.actor), text('span', ' '),
        window.Serveline.time(event.occurredAt), text('span', ' '));
      if (event.after) {
        item.append(text('span', (event.before ? label('state', event.before) : '∅') + ' → ' + label('state', event.after) + ' '));
      }
      if (event.details && event.details.reason) item.append(data('em', '“' + event.details.reason + '” '));
      item.append(data('code', event.hash.substring(0, 12)));
      list.append(item);
    }
  }

  async function review(decision) {
    const reason = $('return-reason').value;
    try {
      await api('/api/v1/tasks/' + selected + '/review', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(decision === 'RETURN' ? { decision, reason } : { decision })
      });
      await loadTasks();
      await showTask(selected);
    } catch (e) {
      window.Serveline.showError($('action-error'), e);
    }
  }

  async function loadCampaigns() {
    const body = $('campaigns').querySelector('tbody');
    body.replaceChildren();
    for (const c of await api('/api/v1/campaigns')) {
      const p = await api('/api/v1/campaigns/' + c.id + '/progress');
      const row = document.createElement('tr');
      row.append(data('td', c.name), text('td', label('campaign', c.state)), data('td', p.dialled), data('td', p.inCall),
        data('td', p.consented), data('td', p.refused), data('td', p.exhausted));
      body.append(row);
    }
  }

  async function refresh() {
    await loadTasks();
    await loadCampaigns();
    if (selected) await showTask(selected);
  }

  async function auditStatus() {
    const badge = $('audit-status');
    if (!hasRole('SUPERVISOR', 'ADMIN')) return;
    try {
      const result = await api('/api/v1/audit/verify');
      badge.textContent = result.valid ? t('audit.verified', { count: result.eventsChecked })
        : result.firstBroken ? t('audit.brokenAt', { event: result.firstBroken.eventId })
        : t('audit.missing', { chains: (result.missingSinceAnchor || []).map(m => m.chain).join(', ') })
          + (result.anchor && !result.anchor.intact ? t('audit.anchorBroken') : '');
      // what the verifier found, as it says it, for whoever asks for it
      badge.title = result.anchor && !result.anchor.intact ? result.anchor.problem || '' : '';
      badge.className = 'badge ' + (result.valid ? 'ok' : 'broken');
    } catch (e) {
      badge.textContent = '';
    }
  }

  /** Shows one screen the roles allow (else the first allowed one); the others keep their state, hidden. */
  function showScreen(name) {
    const screen = allowed.includes(name) ? name : allowed[0];
    for (const other of Object.keys(SCREENS)) {
      $(other + '-screen').hidden = other !== screen;
      $('tab-' + other).hidden = !allowed.includes(other);
      $('tab-' + other).classList.toggle('active', other === screen);
      $('tab-' + other).setAttribute('aria-selected', String(other === screen));
    }
    if (location.hash !== '#' + screen) history.replaceState(null, '', '#' + screen);
    const module = window.Serveline.screens[screen];
    if (module) module.show();
  }

  /** Who is signed in (a page reload asks again); a 401 means there is no session (yet, or any more). */
  async function resume() {
    try {
      start(await api('/api/v1/me', { signIn: true }));
    } catch (e) {
      showLogin(e.status === 401 ? '' : e.message);
    }
  }

  async function start(me) {
    session.user = me.name;
    session.roles = me.roles;
    allowed = Object.keys(SCREENS).filter((screen) => hasRole(...SCREENS[screen]));
    $('login').hidden = true;
    $('who').replaceChildren(text('span', t('who.signedIn') + ' '), data('span', me.name),
      text('span', ' (' + (me.roles.map((r) => label('role', r)).join('、') || t('who.noRole')) + ')'));
    $('who').dataset.user = me.name;
    $('sign-out').hidden = false;
    if (!allowed.length) {
      $('who').append(text('span', t('who.noScreen')));
      return;
    }
    $('app').hidden = false;
    $('screens').hidden = false;
    showScreen(location.hash.substring(1));
    if (!allowed.includes('tasks')) return;
    try {
      await refresh();
      await auditStatus();
      if (!timer) timer = setInterval(() => { if (!$('tasks-screen').hidden) refresh().catch(() => {}); }, 5000);
    } catch (e) {
      if (e.status === 401) showLogin(t('login.again'));
    }
  }

  function resetReceipt() {
    if (receiptUrl) URL.revokeObjectURL(receiptUrl);
    receiptUrl = null;
    $('receipt-link').hidden = true;
    $('receipt-link').removeAttribute('href');
    showError($('receipt-error'), null);
  }

  /** The receipt exists once the task is SERVED: before that the server answers 409, told in the bundle's words. */
  async function receipt() {
    resetReceipt();
    const id = selected;
    try {
      await window.Serveline.whileBusy($('receipt'), async () => {
        const pdf = await apiBlob('/api/v1/tasks/' + id + '/receipt');
        if (selected !== id) return;
        receiptUrl = URL.createObjectURL(pdf);
        $('receipt-link').href = receiptUrl;
        $('receipt-link').download = t('receipt.fileName', { id });
        $('receipt-link').hidden = false;
      });
    } catch (e) {
      $('receipt-error').textContent = e.status === 409 ? t('receipt.notYet') : window.Serveline.describe(e);
    }
  }

  /** Opens a task on the task screen (after the clerk submitted it). */
  async function openTask(id) {
    lastTasks = null;
    showScreen('tasks');
    await loadTasks();
    await showTask(id);
  }
  window.Serveline.openTask = openTask;
  window.Serveline.showScreen = showScreen;

  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  session.onUnauthorized = () => { if (session.user) showLogin(t('login.again')); };
  $('receipt').addEventListener('click', receipt);
  $('language').value = i18n.language;
  $('language').addEventListener('change', () => i18n.choose($('language').value));
  $('refresh').addEventListener('click', refresh);
  $('state-filter').addEventListener('change', () => { lastTasks = null; loadTasks(); });
  $('approve').addEventListener('click', () => review('APPROVE'));
  $('return').addEventListener('click', () => review('RETURN'));
  for (const tab of document.querySelectorAll('#screens [data-screen]')) {
    tab.addEventListener('click', () => showScreen(tab.dataset.screen));
  }
  i18n.ready.then(resume)
    .catch((e) => showLogin('Serveline: ' + e.message));
})();
