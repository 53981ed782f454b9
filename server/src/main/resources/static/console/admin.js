// Serveline console, administration (ADMIN): people (create, roles, new password, disable/enable, unlock) over
// /api/v1/admin/users, and API tokens for machines over /api/v1/admin/tokens. A new token's secret is shown once,
// in this page only: the server keeps its hash, and it is cleared when the screen is left or another is made.
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

  function button(key, action) {
    const b = text('button', t(key));
    b.type = 'button';
    b.addEventListener('click', () => whileBusy(b, async () => {
      try {
        await action();
        await load();
      } catch (e) {
        showError($('admin-user-error'), e);
      }
    }));
    return b;
  }

  async function changeRoles(user) {
    const answer = prompt(t('admin.user.rolesPrompt', { roles: ROLES.join(',') }), user.roles.join(','));
    if (answer == null) return;
    const roles = answer.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean);
    await api('/api/v1/admin/users/' + encodeURIComponent(user.name) + '/roles', { method: 'PUT', json: { roles } });
  }

  async function resetPassword(user) {
    const password = prompt(t('admin.user.passwordPrompt', { name: user.name }));
    if (!password) return;
    await api('/api/v1/admin/users/' + encodeURIComponent(user.name) + '/password', { method: 'PUT', json: { password } });
  }

  async function loadUsers() {
    const body = $('admin-users').querySelector('tbody');
    body.replaceChildren();
    for (const user of await api('/api/v1/admin/users')) {
      const state = !user.enabled ? t('admin.state.disabled')
        : user.lockedUntil ? t('admin.state.locked', { until: new Date(user.lockedUntil).toLocaleString() })
        : t('admin.state.active');
      const actions = document.createElement('td');
      const path = '/api/v1/admin/users/' + encodeURIComponent(user.name);
      actions.append(button('admin.user.roles', () => changeRoles(user)),
        button('admin.user.reset', () => resetPassword(user)),
        user.enabled ? button('admin.user.disable', () => api(path + '/disable', { method: 'POST' }))
          : button('admin.user.enable', () => api(path + '/enable', { method: 'POST' })));
      if (user.lockedUntil) actions.append(button('admin.user.unlock', () => api(path + '/unlock', { method: 'POST' })));
      const tr = row(user.name, text('span', user.roles.map((r) => label('role', r)).join('、')), text('span', state), actions);
      tr.dataset.user = user.name;
      body.append(tr);
    }
  }

  async function loadTokens() {
    const body = $('admin-tokens').querySelector('tbody');
    body.replaceChildren();
    for (const token of await api('/api/v1/admin/tokens')) {
      const actions = document.createElement('td');
      if (!token.revokedAt) {
        const revoke = button('admin.token.revoke', () => api('/api/v1/admin/tokens/' + token.id, { method: 'DELETE' }));
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
    await Promise.all([loadUsers(), loadTokens()]);
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
      load().catch((e) => showError($('admin-user-error'), e));
    }
  };
})();
