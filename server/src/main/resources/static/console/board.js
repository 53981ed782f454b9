// Serveline console, supervisor's screen: the live board pushed by the server (GET /api/v1/board/stream, events.js),
// campaign management over /api/v1/campaigns and the do-not-call list over /api/v1/do-not-call. Nothing here polls:
// the board changes when the server pushes a change; the lists are read again after each action.
(function () {
  'use strict';
  const { api, $, text, data, row, showError, whileBusy, time, t, label } = window.Serveline;
  let stream = null;

  // --- the live board ---------------------------------------------------------------------------------------

  function connection(state, status) {
    const badge = $('bd-connection');
    badge.dataset.state = state;
    badge.textContent = t('board.connection.' + state, { status: status || '' });
  }

  /** A bundle text whose {placeholders} are data values (names, codes, Asterisk's words): each in its own data span. */
  function filled(tag, key, params) {
    const element = document.createElement(tag);
    const parts = t(key).split(/\{(\w+)\}/);
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        if (part) element.append(document.createTextNode(part));
      } else {
        element.append(data('span', params[part] == null ? '' : params[part]));
      }
    });
    return element;
  }

  function cell(element) {
    const td = document.createElement('td');
    td.append(element);
    return td;
  }

  function linkBadge(link) {
    const badge = text('span', label('link', link), 'link-state ' + link);
    badge.dataset.link = link;
    return badge;
  }

  function render(pushed) {
    const board = pushed.board;
    $('bd-updated').replaceChildren(text('span', t('board.updated') + ' '), time(pushed.at), text('span', ' · '),
      text('span', t('board.node') + ' '), data('span', pushed.node));
    $('bd-calls-live').textContent = board.callsLive;
    $('bd-summary').dataset.callsLive = board.callsLive;

    $('bd-pbxs').querySelector('tbody').replaceChildren(...board.pbxs.map((p) => {
      const tr = row(p.pbx, cell(linkBadge(p.link)), p.callsLive,
        p.trunks.map((tr) => tr.trunk + ' ' + tr.callsLive + (tr.maxChannels ? '/' + tr.maxChannels : '')).join('，'));
      tr.dataset.pbx = p.pbx;
      return tr;
    }));

    const calls = $('bd-calls').querySelector('tbody');
    calls.replaceChildren(...board.calls.map((c) => {
      const tr = row(c.taskId, c.caseNumber, c.pbx, c.trunk,
        text('td', c.transfer ? t('board.call.transfer') : label('liveCall', c.state)),
        c.operator || '', cell(time(c.since)));
      tr.dataset.attempt = c.attemptId;
      tr.dataset.task = c.taskId;
      if (c.transfer) tr.classList.add('transfer');
      return tr;
    }));
    $('bd-calls-none').hidden = board.calls.length > 0;

    $('bd-operators').querySelector('tbody').replaceChildren(...board.operators.map(operatorRow));
    $('bd-operators-none').hidden = board.operators.length > 0;

    $('bd-campaigns').replaceChildren(...board.campaigns.map((c) => {
      const bar = document.createElement('div');
      bar.className = 'progress';
      bar.dataset.campaign = c.id;
      const share = c.tasksTotal ? Math.round(100 * c.tasksDone / c.tasksTotal) : 0;
      const track = document.createElement('div');
      track.className = 'track';
      track.setAttribute('role', 'progressbar');
      track.setAttribute('aria-valuenow', String(share));
      const fill = document.createElement('div');
      fill.className = 'fill';
      fill.style.width = share + '%';
      track.append(fill);
      const name = document.createElement('span');
      name.append(data('span', c.name), text('span', ' · ' + label('campaign', c.state)));
      bar.append(name, track, text('span', t('board.campaign.figures', { done: c.tasksDone, total: c.tasksTotal,
        answered: c.answered, consented: c.consented, inFlight: c.inFlight }), 'value'));
      return bar;
    }));
    if (!board.campaigns.length) $('bd-campaigns').append(text('p', t('board.campaigns.none'), 'hint'));

    const backlog = $('bd-backlog');
    backlog.replaceChildren();
    const figure = (key, value) => backlog.append(text('dt', t(key)), data('dd', value == null ? '—' : value));
    figure('board.backlog.recordings', board.backlog.recordingsWaiting);
    figure('board.backlog.deliveryFailures', board.backlog.deliveryFailures);
    figure('board.backlog.amiEvents', board.backlog.amiEventsWaiting);
    figure('board.backlog.agiSessions', board.backlog.agiSessions);
  }

  /**
   * One operator: the softphone's state in words (Asterisk's own word in the tooltip) and for how long, the task held
   * (case and party; its id in the tooltip) and the live call with its duration, counted in the browser.
   */
  function operatorRow(o) {
    const phone = text('td', label('softphone', o.softphone), 'badge ' + (o.registered ? 'ok' : 'broken'));
    phone.title = t('softphone.asterisk', { word: o.registration });
    phone.dataset.softphone = o.softphone;
    const task = document.createElement('td');
    task.className = 'operator-task';
    if (o.currentTaskId != null) {
      task.append(data('div', o.caseNumber || ''), data('div', o.partyName || ''));
      task.title = '#' + o.currentTaskId;
    }
    const call = document.createElement('td');
    call.className = 'operator-call';
    if (o.currentCall) {
      call.append(text('span', label('liveCall', o.currentCall.state) + ' '),
        window.Serveline.durations.ticking(o.currentCall.answeredAt || o.currentCall.since, 'call-duration'));
      call.title = t('op.ids', { task: o.currentTaskId, attempt: o.currentCall.attemptId });
      call.dataset.state = o.currentCall.state;
    } else {
      call.append(text('span', t(o.currentTaskId != null ? 'board.operator.holding' : 'board.operator.idle')));
      call.dataset.state = o.currentTaskId != null ? 'HOLDING' : 'IDLE';
    }
    const tr = row(o.username, o.endpoint, phone, window.Serveline.durations.ticking(o.softphoneSince, 'in-state'),
      task, call);
    tr.dataset.operator = o.username;
    return tr;
  }

  function watch() {
    if (stream) return;
    connection('connecting');
    stream = window.Serveline.events.open('/api/v1/board/stream', {
      names: ['board', 'heartbeat'],
      event(name, payload) {
        if (name === 'board') render(payload);
      },
      state: connection
    });
  }

  function unwatch() {
    if (stream) stream.close();
    stream = null;
    connection('closed');
  }

  // --- campaigns ------------------------------------------------------------------------------------------

  /** Shows each RFC 9457 field error by its field; what names no field of the form goes under it. */
  function fieldErrors(form, general, error) {
    for (const span of form.querySelectorAll('.field-error')) span.replaceChildren();
    showError(general, null);
    if (!error) return;
    const rest = [];
    for (const e of error.errors || []) {
      const field = fieldOf(form, e);
      const span = field && form.querySelector('.field-error[data-field="' + field + '"]');
      if (span) {
        span.replaceChildren(text('span', t('form.fieldError') + ' '), text('span', e.message));
      } else {
        rest.push(e);
      }
    }
    if (rest.length || !(error.errors || []).length) {
      showError(general, { title: error.title, message: error.message, errors: rest });
    }
  }

  /** The form field a problem's error names (a campaign limit's error names its own field, ADR 0026). */
  function fieldOf(form, e) {
    return e.field || null;
  }

  function numberOrNull(id) {
    const value = $(id).value.trim();
    return value === '' ? null : Number(value);
  }

  /** Seconds typed in a field as an ISO-8601 duration (PT30S); null when empty. */
  function secondsOrNull(id) {
    const value = numberOrNull(id);
    return value == null ? null : 'PT' + value + 'S';
  }

  /** Seconds of an ISO-8601 duration such as PT30S or PT1M30S, as Jackson writes them. */
  function seconds(iso) {
    if (typeof iso === 'number') return iso;
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
    return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : '';
  }

  /** A time typed as H:MM or HH:MM (the campaign's calling hours, in each party's own time zone) as HH:MM:SS. */
  function timeOrNull(id) {
    const value = $(id).value.trim();
    const hm = /^(\d{1,2}):(\d{2})$/.exec(value);
    return !value ? null : hm ? hm[1].padStart(2, '0') + ':' + hm[2] + ':00' : value;
  }

  async function create(event) {
    event.preventDefault();
    $('cm-message').textContent = '';
    try {
      await whileBusy($('cm-create'), async () => {
        const body = { name: $('cm-name').value.trim(), court: $('cm-court').value.trim() || null,
          caseType: $('cm-case-type').value.trim() || null, maxConcurrentCalls: numberOrNull('cm-max-concurrent'),
          maxCallsPerSecond: numberOrNull('cm-cps'), callingFrom: timeOrNull('cm-from'),
          callingUntil: timeOrNull('cm-until'), callOnWeekends: $('cm-weekends').checked,
          ringTimeout: secondsOrNull('cm-ring'), maxAttemptsPerTask: numberOrNull('cm-attempts') };
        const created = await api('/api/v1/campaigns', { method: 'POST', json: body });
        fieldErrors($('cm-form'), $('cm-error'), null);
        $('cm-name').value = '';
        $('cm-message').textContent = t('cm.created', { name: created.name, id: created.id });
        await loadCampaigns();
      });
    } catch (e) {
      fieldErrors($('cm-form'), $('cm-error'), e);
    }
  }

  /** The moves a campaign in this state may make, as its life cycle allows them (start, pause, resume, stop). */
  function moves(state) {
    return { CREATED: ['start', 'stop'], RUNNING: ['pause', 'stop'], PAUSED: ['resume', 'stop'], STOPPED: [] }[state] || [];
  }

  async function move(button, campaign, action) {
    showError($('cm-error'), null);
    try {
      await whileBusy(button, async () => {
        const moved = await api('/api/v1/campaigns/' + campaign.id + '/' + action, { method: 'POST' });
        $('cm-message').textContent = t('cm.moved', { name: moved.name, state: label('campaign', moved.state) });
        await loadCampaigns();
      });
    } catch (e) {
      showError($('cm-error'), e);
    }
  }

  async function loadCampaigns() {
    const campaigns = await api('/api/v1/campaigns');
    $('cm-campaigns').querySelector('tbody').replaceChildren(...campaigns.slice().reverse().map((c) => {
      const l = c.limits;
      const actions = document.createElement('div');
      actions.className = 'toolbar';
      for (const action of moves(c.state)) {
        const button = text('button', t('cm.action.' + action));
        button.type = 'button';
        button.dataset.action = action;
        button.addEventListener('click', () => move(button, c, action));
        actions.append(button);
      }
      const state = text('td', label('campaign', c.state));
      state.dataset.state = c.state;
      if (c.state !== 'STOPPED') {
        const edit = text('button', t('cm.action.edit'));
        edit.type = 'button';
        edit.dataset.action = 'edit';
        edit.addEventListener('click', () => editLimits(c));
        actions.append(edit);
      }
      const limits = text('td', t('cm.limits.full', { concurrent: l.maxConcurrentCalls, cps: l.maxCallsPerSecond,
        from: (l.callingFrom || '').substring(0, 5), until: (l.callingUntil || '').substring(0, 5),
        ring: seconds(l.ringTimeout), attempts: l.maxAttemptsPerTask }));
      limits.className = 'limits';
      const tr = row(c.id, c.name, state, limits, cell(actions));
      tr.dataset.campaign = c.id;
      return tr;
    }));
  }

  /** Opens the limits form on a campaign's current limits. */
  let editing = null;

  function editLimits(campaign) {
    editing = campaign;
    const l = campaign.limits;
    $('cm-edit-title').replaceChildren(...filled('span', 'cm.edit.title', { name: campaign.name }).childNodes);
    $('cm-edit-max-concurrent').value = l.maxConcurrentCalls;
    $('cm-edit-cps').value = l.maxCallsPerSecond;
    $('cm-edit-from').value = (l.callingFrom || '').substring(0, 5);
    $('cm-edit-until').value = (l.callingUntil || '').substring(0, 5);
    $('cm-edit-ring').value = seconds(l.ringTimeout);
    $('cm-edit-attempts').value = l.maxAttemptsPerTask;
    $('cm-edit-weekends').checked = !!l.callOnWeekends;
    $('cm-edit-form').dataset.campaign = campaign.id;
    fieldErrors($('cm-edit-form'), $('cm-edit-error'), null);
    $('cm-edit-form').hidden = false;
    $('cm-edit-max-concurrent').focus();
  }

  async function saveLimits(event) {
    event.preventDefault();
    if (!editing) return;
    const campaign = editing;
    try {
      await whileBusy($('cm-edit-save'), async () => {
        const body = { maxConcurrentCalls: numberOrNull('cm-edit-max-concurrent'),
          maxCallsPerSecond: numberOrNull('cm-edit-cps'), callingFrom: timeOrNull('cm-edit-from'),
          callingUntil: timeOrNull('cm-edit-until'), callOnWeekends: $('cm-edit-weekends').checked,
          ringTimeout: secondsOrNull('cm-edit-ring'), maxAttemptsPerTask: numberOrNull('cm-edit-attempts') };
        const changed = await api('/api/v1/campaigns/' + campaign.id + '/limits', { method: 'PATCH', json: body });
        fieldErrors($('cm-edit-form'), $('cm-edit-error'), null);
        $('cm-edit-form').hidden = true;
        editing = null;
        $('cm-message').textContent = t('cm.edited', { name: changed.name });
        await loadCampaigns();
      });
    } catch (e) {
      fieldErrors($('cm-edit-form'), $('cm-edit-error'), e);
    }
  }

  function cancelEdit() {
    editing = null;
    $('cm-edit-form').hidden = true;
  }

  // --- do-not-call ----------------------------------------------------------------------------------------

  async function loadDoNotCall() {
    const listed = await api('/api/v1/do-not-call');
    $('dnc-list').querySelector('tbody').replaceChildren(...listed.map((entry) => {
      const remove = text('button', t('dnc.remove'));
      remove.type = 'button';
      remove.addEventListener('click', () => unblock(remove, entry.number));
      const tr = row(entry.number, entry.reason, entry.addedBy, cell(time(entry.addedAt)), cell(remove));
      tr.dataset.number = entry.number;
      return tr;
    }));
    $('dnc-total').textContent = t('dnc.total', { count: listed.length });
  }

  async function block(event) {
    event.preventDefault();
    const number = $('dnc-number').value.replace(/[\s-]/g, '');
    try {
      await whileBusy($('dnc-add'), async () => {
        await api('/api/v1/do-not-call/' + encodeURIComponent(number), { method: 'PUT',
          json: { reason: $('dnc-reason').value.trim() } });
        fieldErrors($('dnc-form'), $('dnc-error'), null);
        $('dnc-number').value = '';
        $('dnc-reason').value = '';
        await loadDoNotCall();
      });
    } catch (e) {
      fieldErrors($('dnc-form'), $('dnc-error'), e);
    }
  }

  async function unblock(button, number) {
    showError($('dnc-error'), null);
    try {
      await whileBusy(button, async () => {
        await api('/api/v1/do-not-call/' + encodeURIComponent(number), { method: 'DELETE' });
        await loadDoNotCall();
      });
    } catch (e) {
      showError($('dnc-error'), e);
    }
  }

  $('cm-form').addEventListener('submit', create);
  $('cm-edit-form').addEventListener('submit', saveLimits);
  $('cm-edit-cancel').addEventListener('click', cancelEdit);
  $('dnc-form').addEventListener('submit', block);
  // the stream is held only while the board is on screen: another screen shown closes it, coming back reopens it
  new MutationObserver(() => { if ($('board-screen').hidden) unwatch(); })
    .observe($('board-screen'), { attributes: true, attributeFilter: ['hidden'] });

  window.Serveline.screens.board = {
    show() {
      watch();
      showError($('bd-error'), null);
      Promise.all([loadCampaigns(), loadDoNotCall()]).catch((e) => showError($('bd-error'), e));
    }
  };
})();
