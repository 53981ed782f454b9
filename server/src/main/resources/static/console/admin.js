// Serveline console, administration (ADMIN): people (create, roles, new password, disable/enable, unlock) over
// /api/v1/admin/users, and API tokens for machines over /api/v1/admin/tokens. A new token's secret is shown once,
// in this page only: the server keeps its hash, and it is cleared when the screen is left or another is made. Roles
// are ticked by their names in the console's language; a new password is typed twice into password fields; disabling
// someone and revoking a token are confirmed first; dates are written in the console's language.
(function () {
  'use strict';
  const { api, $, text, data, row, showError, whileBusy, t, label } = window.Serveline;
  const ROLES = ['CLERK', 'REVIEWER', 'OPERATOR', 'FIELD', 'SUPERVISOR', 'ADMIN'];

  function roleBoxes(fieldset, prefix, checked) {
    for (const box of fieldset.querySelectorAll('label')) box.remove();
    for (const role of ROLES) {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = role;
      box.id = prefix + role;
      box.checked = (checked || []).includes(role);
      const lbl = document.createElement('label');
      lbl.style.display = 'inline-flex';
      lbl.style.alignItems = 'center';
      lbl.style.marginRight = '0.8em';
      lbl.append(box, text('span', ' ' + label('role', role)));
      fieldset.append(lbl);
    }
  }

  function chosen(fieldset) {
    return Array.from(fieldset.querySelectorAll('input[type=checkbox]:checked')).map((b) => b.value);
  }

  /** The shortest password the server takes (AdminController's @Size(min = 8)): said on the form, checked here first. */
  const MIN_PASSWORD = 8;

  /** A button whose action is followed by reloading the lists; its error goes under its own section. */
  function button(key, action, errorBox, name) {
    const b = text('button', t(key));
    b.type = 'button';
    if (name) b.dataset.action = name;
    b.addEventListener('click', () => whileBusy(b, async () => {
      try {
        await action();
      } catch (e) {
        showError(errorBox, e);
      }
    }));
    return b;
  }

  /** A date as the console's language writes it (not the browser's). */
  function when(iso) {
    return new Date(iso).toLocaleString(window.ServelineI18n.language);
  }

  /** A bundle text whose {placeholders} are data values (names): each in its own span marked translate="no". */
  function filled(key, params) {
    const element = document.createElement('span');
    t(key).split(/\{(\w+)\}/).forEach((part, i) => {
      if (i % 2 === 0) element.append(document.createTextNode(part));
      else element.append(data('span', params[part] == null ? '' : params[part]));
    });
    return element;
  }

  /** Asks in the row itself before an action that cannot be undone by mistake (disable, revoke). */
  function confirmInPlace(cell, question, action, errorBox) {
    const before = Array.from(cell.childNodes);
    const yes = button('admin.confirm.yes', async () => { await action(); await load(); }, errorBox, 'confirm');
    yes.className = 'revoke';
    const no = button('admin.edit.cancel', async () => cell.replaceChildren(...before), errorBox, 'cancel');
    question.classList.add('confirm-question');
    cell.replaceChildren(question, text('span', ' '), yes, no);
    yes.focus();
  }

  /** An editor under a user's row (roles, or a new password); one at a time. */
  function editor(tr, title, content, save, saveKey) {
    closeEditor();
    const cell = document.createElement('td');
    cell.colSpan = 4;
    const form = document.createElement('form');
    form.className = 'toolbar';
    form.id = 'admin-edit';
    const error = text('p', '', 'error');
    error.id = 'admin-edit-error';
    error.setAttribute('role', 'alert');
    const ok = text('button', t(saveKey));
    ok.type = 'submit';
    ok.id = 'admin-edit-save';
    const cancel = text('button', t('admin.edit.cancel'));
    cancel.type = 'button';
    cancel.addEventListener('click', closeEditor);
    form.append(title, ...content, ok, cancel);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      whileBusy(ok, async () => {
        showError(error, null);
        try {
          await save(error);
        } catch (e) {
          showError(error, e);
        }
      });
    });
    cell.append(form, error);
    const editRow = document.createElement('tr');
    editRow.className = 'admin-editor';
    editRow.append(cell);
    tr.after(editRow);
    const first = form.querySelector('input');
    if (first) first.focus();
  }

  function closeEditor() {
    document.querySelectorAll('#admin-users tr.admin-editor').forEach((r) => r.remove());
  }

  function changeRoles(tr, user) {
    const boxes = document.createElement('fieldset');
    boxes.className = 'roles';
    boxes.id = 'admin-edit-roles';
    roleBoxes(boxes, 'admin-edit-role-', user.roles);
    editor(tr, filled('admin.edit.rolesTitle', { name: user.name }), [boxes], async (error) => {
      const roles = chosen(boxes);
      if (!roles.length) {
        error.textContent = t('admin.edit.rolesNone');
        return;
      }
      await api('/api/v1/admin/users/' + encodeURIComponent(user.name) + '/roles', { method: 'PUT', json: { roles } });
      await load();
    }, 'admin.edit.rolesSave');
  }

  function passwordField(id, key) {
    const input = document.createElement('input');
    input.type = 'password';
    input.id = id;
    input.required = true;
    input.minLength = MIN_PASSWORD;
    input.maxLength = 200;
    input.autocomplete = 'new-password';
    const field = document.createElement('label');
    field.append(text('span', t(key) + ' '), input);
    return { field, input };
  }

  function resetPassword(tr, user) {
    const first = passwordField('admin-edit-password', 'admin.edit.password');
    const second = passwordField('admin-edit-password2', 'admin.edit.password2');
    editor(tr, filled('admin.edit.passwordTitle', { name: user.name, min: MIN_PASSWORD }), [first.field, second.field],
      async (error) => {
        const password = first.input.value;
        if (password.length < MIN_PASSWORD) {
          error.textContent = t('admin.edit.passwordShort', { min: MIN_PASSWORD });
          return;
        }
        if (password !== second.input.value) {
          error.textContent = t('admin.edit.passwordMismatch');
          return;
        }
        await api('/api/v1/admin/users/' + encodeURIComponent(user.name) + '/password', { method: 'PUT',
          json: { password } });
        await load();
        $('admin-user-notice').replaceChildren(filled('admin.edit.passwordDone', { name: user.name }));
      }, 'admin.edit.passwordSave');
  }

  async function loadUsers() {
    const body = $('admin-users').querySelector('tbody');
    body.replaceChildren();
    const errors = $('admin-user-error');
    for (const user of await api('/api/v1/admin/users')) {
      const state = !user.enabled ? t('admin.state.disabled')
        : user.lockedUntil ? t('admin.state.locked', { until: when(user.lockedUntil) })
        : t('admin.state.active');
      const actions = document.createElement('td');
      const path = '/api/v1/admin/users/' + encodeURIComponent(user.name);
      const tr = row(user.name, text('span', user.roles.map((r) => label('role', r)).join('、')), text('span', state), actions);
      tr.dataset.user = user.name;
      actions.append(button('admin.user.roles', async () => changeRoles(tr, user), errors, 'roles'),
        button('admin.user.reset', async () => resetPassword(tr, user), errors, 'password'),
        user.enabled
          ? button('admin.user.disable', async () => confirmInPlace(actions, filled('admin.confirm.disable', { name: user.name }),
            () => api(path + '/disable', { method: 'POST' }), errors), errors, 'disable')
          : button('admin.user.enable', async () => { await api(path + '/enable', { method: 'POST' }); await load(); },
            errors, 'enable'));
      if (user.lockedUntil) {
        actions.append(button('admin.user.unlock', async () => { await api(path + '/unlock', { method: 'POST' }); await load(); },
          errors, 'unlock'));
      }
      body.append(tr);
    }
  }

  async function loadTokens() {
    const body = $('admin-tokens').querySelector('tbody');
    body.replaceChildren();
    const errors = $('admin-token-error');
    for (const token of await api('/api/v1/admin/tokens')) {
      const actions = document.createElement('td');
      if (!token.revokedAt) {
        const revoke = button('admin.token.revoke', async () => confirmInPlace(actions,
          filled('admin.confirm.revoke', { name: token.name }),
          () => api('/api/v1/admin/tokens/' + token.id, { method: 'DELETE' }), errors), errors, 'revoke');
        revoke.className = 'revoke';
        actions.append(revoke);
      }
      const tr = row(token.id, token.name, text('span', token.roles.map((r) => label('role', r)).join('、')),
        token.createdBy, window.Serveline.time(token.lastUsedAt),
        text('span', token.revokedAt ? t('admin.state.revoked') : t('admin.state.active')), actions);
      tr.dataset.token = token.id;
      body.append(tr);
    }
  }

  async function load() {
    showError($('admin-user-error'), null);
    showError($('admin-token-error'), null);
    $('admin-user-notice').replaceChildren();
    await Promise.all([loadUsers().catch((e) => showError($('admin-user-error'), e)),
      loadTokens().catch((e) => showError($('admin-token-error'), e))]);
  }

  async function createUser(event) {
    event.preventDefault();
    showError($('admin-user-error'), null);
    await whileBusy($('admin-user-create'), async () => {
      try {
        await api('/api/v1/admin/users', { method: 'POST', json: { name: $('admin-user-name').value.trim(),
          password: $('admin-user-password').value, roles: chosen($('admin-user-roles')) } });
        $('admin-user-form').reset();
        await loadUsers();
      } catch (e) {
        showError($('admin-user-error'), e);
      }
    });
  }

  async function createToken(event) {
    event.preventDefault();
    showError($('admin-token-error'), null);
    hideSecret();
    await whileBusy($('admin-token-create'), async () => {
      try {
        const created = await api('/api/v1/admin/tokens', { method: 'POST', json: { name: $('admin-token-name').value.trim(),
          roles: chosen($('admin-token-roles')) } });
        $('admin-token-form').reset();
        $('admin-token-secret').textContent = created.secret;
        $('admin-token-secret-box').hidden = false;
        await loadTokens();
        $('admin-token-secret-box').scrollIntoView({ block: 'center' });
      } catch (e) {
        showError($('admin-token-error'), e);
      }
    });
  }

  function hideSecret() {
    $('admin-token-secret').textContent = '';
    $('admin-token-secret-box').hidden = true;
  }

  roleBoxes($('admin-user-roles'), 'admin-user-role-');
  roleBoxes($('admin-token-roles'), 'admin-token-role-');
  $('admin-user-form').addEventListener('submit', createUser);
  $('admin-token-form').addEventListener('submit', createToken);
  window.ServelineI18n.ready.then(() => {
    roleBoxes($('admin-user-roles'), 'admin-user-role-');
    roleBoxes($('admin-token-roles'), 'admin-token-role-');
  });
  window.Serveline.screens.admin = {
    show() {
      hideSecret();
      load();
    }
  };
})();
