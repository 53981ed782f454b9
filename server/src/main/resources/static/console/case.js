// Serveline console, a whole case at once: one case number, the documents uploaded once, any number of parties (name,
// optional id number, several phones, optional e-mail and address), sent as one batch (POST /api/v1/task-batches with
// an Idempotency-Key kept until it succeeds, so a retry creates nothing twice). Field errors show beside their field.
(function () {
  'use strict';
  const { api, $, showError, whileBusy, t } = window.Serveline;
  const desk = () => window.Serveline.desk;
  const uploaded = new Map();
  let key = null; // the batch's Idempotency-Key: the same while the clerk retries the same case

  function addParty() {
    const fieldset = $('cs-party-template').content.firstElementChild.cloneNode(true);
    window.ServelineI18n.apply(fieldset);
    fieldset.querySelector('[data-part="remove"]').addEventListener('click', () => {
      if ($('cs-parties').children.length > 1) fieldset.remove();
      renumber();
    });
    $('cs-parties').append(fieldset);
    renumber();
    return fieldset;
  }

  /** Legends, ids and data-field names follow the parties' order, so "parties[1].name" finds the second name. */
  function renumber() {
    Array.from($('cs-parties').children).forEach((fieldset, i) => {
      fieldset.dataset.index = i;
      fieldset.querySelector('legend').textContent = t('case.party', { n: i + 1 });
      fieldset.querySelector('legend').dataset.field = 'parties[' + i + ']';
      for (const input of fieldset.querySelectorAll('[data-part]')) {
        const part = input.dataset.part;
        if (part === 'remove') continue;
        input.id = 'cs-party' + i + '-' + part;
        input.dataset.field = 'parties[' + i + '].' + part;
      }
    });
  }

  function parties() {
    const { optional, phoneList } = desk();
    return Array.from($('cs-parties').children).map((f) => ({
      role: f.querySelector('[data-part="role"]').value,
      name: optional(f.querySelector('[data-part="name"]')),
      idNumber: optional(f.querySelector('[data-part="idNumber"]')),
      phones: phoneList(f.querySelector('[data-part="phones"]')),
      email: optional(f.querySelector('[data-part="email"]')),
      address: optional(f.querySelector('[data-part="address"]'))
    }));
  }

  async function submit(event) {
    event.preventDefault();
    const form = $('case-form');
    const { optional, clearFieldErrors, showFieldErrors, formError, uploadAll } = desk();
    clearFieldErrors(form);
    showError($('cs-error'), null);
    $('cs-progress').textContent = '';
    const files = Array.from($('cs-documents').files);
    if (!files.length) {
      showFieldErrors(form, { errors: [{ field: 'documents', message: t('submit.documents.required') }] });
      $('cs-error').textContent = t('case.fix');
      return;
    }
    try {
      await whileBusy($('cs-submit'), async () => {
        const documents = await uploadAll(files, uploaded, $('cs-progress'));
        $('cs-progress').textContent = t('submit.sending');
        key = key || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
        const batch = await api('/api/v1/task-batches', { method: 'POST', headers: { 'Idempotency-Key': key }, json: {
          court: optional($('cs-court')), caseNumber: optional($('cs-case')), cause: optional($('cs-cause')),
          parties: parties(), documents, hearingDate: optional($('cs-hearing-date')),
          hearingTime: optional($('cs-hearing-time')) } });
        key = null;
        uploaded.clear();
        const caseNumber = batch.tasks.length ? batch.tasks[0].caseNumber : optional($('cs-case'));
        $('cs-progress').textContent = t('case.done', { count: batch.tasks.length, caseNumber });
        form.reset();
        $('cs-parties').replaceChildren();
        addParty();
        await window.Serveline.follow(caseNumber);
      });
    } catch (e) {
      $('cs-progress').textContent = '';
      formError($('cs-error'), form, e);
    }
  }

  /** Anything the clerk changes makes it another request: a new key, so the server does not refuse it as a replay. */
  $('case-form').addEventListener('input', () => { key = null; });
  $('case-form').addEventListener('submit', submit);
  $('cs-add-party').addEventListener('click', () => addParty().querySelector('[data-part="name"]').focus());
  window.ServelineI18n.ready.then(() => { if (!$('cs-parties').children.length) addParty(); });
  window.Serveline.screens.case = { show() {} };
})();
