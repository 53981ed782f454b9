// Serveline console, one evidence page per task (GET /api/v1/tasks/{id}/evidence): submission → review → each call
// attempt → its recording's SHA-256 → consent → delivery → receipt (PDF and public verification) → the task's audit
// chain re-computed. Every value is shown as data; every heading and word from the bundles.
(function () {
  'use strict';
  const { api, apiBlob, $, text, data, time, offset, showError, t, label } = window.Serveline;
  let pdfUrl = null;

  function step(name, title) {
    const li = document.createElement('li');
    li.dataset.step = name;
    li.append(text('h4', title));
    const dl = document.createElement('dl');
    li.append(dl);
    $('ev-steps').append(li);
    return dl;
  }

  /** A fact: a label and a value (a string shown as data, or an element/elements already built). */
  function fact(dl, key, value) {
    const dd = document.createElement('dd');
    if (value instanceof Node) dd.append(value);
    else if (Array.isArray(value)) dd.append(...value);
    else dd.append(data('span', value == null || value === '' ? '—' : value));
    dl.append(text('dt', t(key)), dd);
  }

  function none(dl, key) {
    dl.append(text('dt', t(key)), text('dd', ''));
    dl.parentElement.classList.add('empty');
  }

  async function show(id) {
    showError($('ev-error'), null);
    $('ev-task').value = id;
    let e;
    try {
      e = await api('/api/v1/tasks/' + id + '/evidence');
    } catch (error) {
      $('ev-body').hidden = true;
      showError($('ev-error'), error);
      return;
    }
    if (pdfUrl) URL.revokeObjectURL(pdfUrl);
    pdfUrl = null;
    $('ev-body').hidden = false;
    $('ev-title').replaceChildren(text('span', t('evidence.heading', { id: e.taskId }) + ' · '),
      data('span', e.caseNumber), text('span', ' · ' + label('state', e.state)));
    $('ev-steps').replaceChildren();

    const s = step('submission', t('evidence.submission'));
    fact(s, 'evidence.at', time(e.submission.at));
    fact(s, 'evidence.by', e.submission.by);
    fact(s, 'task.party', [data('span', e.submission.party), text('span', ' (' + label('role', e.submission.partyRole) + ')')]);
    fact(s, 'task.phones', e.submission.phones.join(', '));
    for (const d of e.submission.documents) {
      fact(s, 'task.documents', d.sha256 ? [data('strong', d.fileName), text('span', ' SHA-256 '), data('code', d.sha256)]
        : [data('code', d.id), text('span', ' ' + t('desk.document.missing'))]);
    }

    const r = step('review', t('evidence.review'));
    for (const v of e.reviews) {
      fact(r, 'evidence.decision', [text('strong', label('action', v.action)), text('span', ' '), time(v.at),
        text('span', ' ' + t('timeline.by') + ' '), data('span', v.by)].concat(v.reason ? [text('span', ' '), data('em', '“' + v.reason + '”')] : []));
    }
    if (!e.reviews.length) none(r, 'evidence.none.review');

    const a = step('attempts', t('evidence.attempts'));
    e.attempts.forEach((at, i) => {
      fact(a, 'evidence.attempt', [text('strong', t('evidence.attemptNo', { n: i + 1 })), text('span', ' '), time(at.at),
        text('span', ' '), data('span', at.number), text('span', ' ' + label('outcome', at.outcome)),
        text('span', at.operator ? ' ' + t('evidence.operator') + ' ' : ''), data('span', at.operator || '')]);
      if (at.recording) {
        fact(a, 'evidence.recording', [text('span', 'SHA-256 '), data('code', at.recording.sha256),
          text('span', ' ' + (at.recording.originalKept ? t('evidence.original.kept') : t('evidence.original.removed')))]);
      } else {
        fact(a, 'evidence.recording', text('span', t('evidence.none.recording')));
      }
    });
    if (!e.attempts.length) none(a, 'evidence.none.attempts');

    const c = step('consent', t('evidence.consent'));
    if (e.consent) {
      fact(c, 'evidence.at', time(e.consent.at));
      fact(c, 'evidence.consent.digit', e.consent.digit);
      fact(c, 'evidence.consent.offset', e.consent.offsetMs == null ? '' : offset(e.consent.offsetMs));
      fact(c, 'evidence.consent.address', e.consent.address);
      fact(c, 'evidence.by', e.consent.by);
    } else {
      none(c, 'evidence.none.consent');
    }

    const d = step('delivery', t('evidence.delivery'));
    for (const m of e.delivery.messages) {
      // the gateway's reply is data; a failure's recorded reason stays as recorded, in the label's tooltip
      const what = text('strong', label('action', m.action));
      if (m.why) what.title = m.why;
      fact(d, 'evidence.message', [what, text('span', ' '), time(m.at), text('span', ' '),
        data('span', m.address || ''), text('span', ' '), data('code', m.gatewayReply || '')]);
    }
    if (e.delivery.served) {
      const v = e.delivery.served;
      fact(d, 'evidence.served.channel', text('span', label('state', v.channel)));
      fact(d, 'evidence.served.address', v.address);
      fact(d, 'evidence.served.date', v.serviceDate || v.at);
      fact(d, 'evidence.served.reply', v.gatewayReply);
    }
    if (!e.delivery.messages.length && !e.delivery.served) none(d, 'evidence.none.delivery');

    const rc = step('receipt', t('evidence.receipt'));
    if (e.receipt) {
      fact(rc, 'evidence.receipt.code', e.receipt.verificationCode);
      fact(rc, 'evidence.receipt.sha', e.receipt.sha256);
      fact(rc, 'evidence.at', time(e.receipt.issuedAt));
      const pdf = text('button', t('receipt.open'), 'link');
      pdf.type = 'button';
      pdf.id = 'ev-receipt-pdf';
      pdf.addEventListener('click', () => openPdf(e.receipt.pdfUrl, e.taskId));
      const verify = text('a', t('evidence.receipt.verify'));
      verify.href = e.receipt.verifyUrl;
      verify.target = '_blank';
      verify.rel = 'noopener';
      verify.id = 'ev-receipt-verify';
      fact(rc, 'evidence.receipt.links', [pdf, text('span', ' '), verify]);
    } else {
      none(rc, 'evidence.none.receipt');
    }

    const au = step('audit', t('evidence.audit'));
    const verdict = text('strong', e.audit.valid ? t('evidence.audit.valid', { count: e.audit.eventsChecked })
      : t('evidence.audit.broken'), e.audit.valid ? 'status ok' : 'status broken');
    fact(au, 'evidence.audit.chain', verdict);
    if (e.audit.problem) {
      // the verifier's finding as it says it, in the tooltip of a sentence in the console's language
      const problem = text('span', t('evidence.audit.problemFound'));
      problem.title = e.audit.problem;
      fact(au, 'evidence.audit.problem', problem);
    }
  }

  async function openPdf(path, id) {
    try {
      const blob = await apiBlob(path);
      if (pdfUrl) URL.revokeObjectURL(pdfUrl);
      pdfUrl = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = pdfUrl;
      link.download = t('receipt.fileName', { id });
      link.click();
    } catch (error) {
      showError($('ev-error'), error);
    }
  }

  function openEvidence(id) {
    window.Serveline.showScreen('evidence');
    return show(id);
  }

  $('ev-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = Number($('ev-task').value);
    if (id > 0) show(id);
  });
  window.Serveline.openEvidence = openEvidence;
  window.Serveline.screens.evidence = { show() {} };
})();
