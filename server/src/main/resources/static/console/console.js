// Serveline console: plain JavaScript over the REST API, signed in with HTTP Basic credentials kept for the tab.
// This file signs in, switches screens and runs the task screen; operator.js and recordings.js run their screens.
(function () {
  'use strict';
  const { session, hasRole, api, $, text } = window.Serveline;
  /** The roles each screen is for, as SecurityConfiguration lets them call that screen's API. */
  const SCREENS = {
    tasks: ['CLERK', 'REVIEWER', 'SUPERVISOR', 'ADMIN'],
    operator: ['OPERATOR', 'SUPERVISOR', 'ADMIN'],
    recordings: ['REVIEWER', 'SUPERVISOR', 'ADMIN']
  };
  let allowed = [];
  let selected = null;
  let lastTasks = null;
  let timer = null;

  function showLogin(message) {
    $('app').hidden = true;
    $('screens').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('who').textContent = '';
  }

  async function signIn(event) {
    event.preventDefault();
    session.credentials = btoa(unescape(encodeURIComponent($('login-user').value + ':' + $('login-password').value)));
    try {
      const me = await api('/api/v1/me');
      sessionStorage.setItem('serveline.credentials', session.credentials);
      sessionStorage.setItem('serveline.user', me.name);
      start(me);
    } catch (e) {
      showLogin(e.status === 401 ? 'Wrong user or password' : e.message);
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
      row.append(text('td', task.id), text('td', task.caseNumber), text('td', task.party.name));
      const state = document.createElement('td');
      state.append(text('span', task.state, 'state ' + task.state));
      row.append(state, text('td', task.priority), text('td', task.hearingDate));
      row.addEventListener('click', () => showTask(task.id));
      if (task.id === selected) row.classList.add('selected');
      body.append(row);
    }
    $('task-total').textContent = page.total + ' task(s)';
  }

  async function showTask(id) {
    selected = id;
    const [task, timeline] = await Promise.all([api('/api/v1/tasks/' + id), api('/api/v1/tasks/' + id + '/timeline')]);
    document.querySelectorAll('#tasks tbody tr').forEach((r) => r.classList.toggle('selected', Number(r.dataset.id) === id));
    $('detail').hidden = false;
    $('detail-title').textContent = 'Task ' + task.id + ' · ' + task.caseNumber;
    const facts = $('detail-facts');
    facts.replaceChildren();
    const add = (k, v) => facts.append(text('dt', k), text('dd', v));
    add('State', task.state);
    add('Party', task.party.name + ' (' + task.party.role + ')');
    add('Phones', task.phones.map((p) => p.e164).join(', '));
    add('Address', task.party.address);
    add('Channels', task.channelChain.join(' → '));
    add('Documents', task.documents.length + ' document(s)');
    if (task.returnReason) add('Returned because', task.returnReason);
    if (task.cancelReason) add('Cancelled because', task.cancelReason);
    $('review-actions').hidden = task.state !== 'SUBMITTED' || !hasRole('REVIEWER', 'ADMIN');
    $('action-error').textContent = '';
    const calls = $('attempts').querySelector('tbody');
    calls.replaceChildren();
    for (const a of task.attempts || []) {
      const row = document.createElement('tr');
      // decisionOffset: the key that answered the question; a hang-up has its own offset, never read as consent
      const notice = a.notice || {};
      const heard = a.consentDigit ? 'key ' + a.consentDigit + ' at ' + a.decisionOffset
        : notice.hangupOffset ? 'hung up at ' + notice.hangupOffset : '';
      const answer = text('td', heard);
      if (notice.played && notice.played.length) answer.title = 'played: ' + notice.played.join(' ');
      row.append(text('td', a.createdAt), text('td', a.number), text('td', a.outcome || a.state),
        answer, text('td', a.scriptVersion ? a.scriptVersion.split('@')[0] : ''));
      calls.append(row);
    }
    const list = $('timeline');
    list.replaceChildren();
    for (const event of timeline) {
      const item = document.createElement('li');
      item.append(text('strong', event.action), text('span', ' by ' + event.actor + ' at ' + event.occurredAt + ' '));
      if (event.after) item.append(text('span', (event.before || '∅') + ' → ' + event.after + ' '));
      if (event.details && event.details.reason) item.append(text('em', '“' + event.details.reason + '” '));
      item.append(text('code', event.hash.substring(0, 12)));
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
      row.append(text('td', c.name), text('td', c.state), text('td', p.dialled), text('td', p.inCall),
        text('td', p.consented), text('td', p.refused), text('td', p.exhausted));
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
      badge.textContent = result.valid ? 'Audit trail verified (' + result.eventsChecked + ' events)'
        : result.firstBroken ? 'Audit trail BROKEN at event ' + result.firstBroken.eventId
        : 'Audit trail BROKEN: ' + (result.missingSinceAnchor || []).map(m => m.chain).join(', ')
          + ' missing since the last anchor' + (result.anchor && !result.anchor.intact ? '; ' + result.anchor.problem : '');
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

  /** Who is signed in (a page reload asks again); a 401 means the kept credentials no longer work. */
  async function resume() {
    try {
      start(await api('/api/v1/me'));
    } catch (e) {
      showLogin(e.status === 401 ? 'Please sign in again' : e.message);
    }
  }

  async function start(me) {
    session.user = me.name;
    session.roles = me.roles;
    allowed = Object.keys(SCREENS).filter((screen) => hasRole(...SCREENS[screen]));
    $('login').hidden = true;
    $('who').textContent = 'Signed in as ' + me.name + ' (' + (me.roles.join(', ') || 'no role') + ')';
    if (!allowed.length) {
      $('who').textContent += ': no screen of this console is for your roles';
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
      if (e.status === 401) showLogin('Please sign in again');
    }
  }

  $('login-form').addEventListener('submit', signIn);
  $('refresh').addEventListener('click', refresh);
  $('state-filter').addEventListener('change', () => { lastTasks = null; loadTasks(); });
  $('approve').addEventListener('click', () => review('APPROVE'));
  $('return').addEventListener('click', () => review('RETURN'));
  for (const tab of document.querySelectorAll('#screens [data-screen]')) {
    tab.addEventListener('click', () => showScreen(tab.dataset.screen));
  }
  if (session.credentials) resume(); else showLogin();
})();
