/* global document, sessionStorage, fetch, setInterval, setTimeout, FormData, URLSearchParams, crypto, Node */
// aftercare staff console: plain ES module against /console/api (Bearer token kept for this tab only).

const TOKEN_KEY = 'aftercare.console.token';
const $ = (id) => document.getElementById(id);
let me = null;
let openConversationId = null;
let staffList = [];

/** Builds an element; strings become text nodes (never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  return el;
}
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const pct = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`);

function flash(text) {
  $('flash').textContent = text;
  setTimeout(() => ($('flash').textContent = ''), 4000);
}

async function api(path, options = {}) {
  const res = await fetch(`/console/api${path}`, {
    ...options,
    headers: { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, 'content-type': 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) {
    signOut();
    throw new Error(body.error?.message ?? 'Please sign in');
  }
  if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
  return body;
}
const post = (path, body = {}) => api(path, { method: 'POST', body: JSON.stringify(body) });

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  $('login').hidden = false;
  $('tabs').hidden = true;
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
}

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  me = await api('/me');
  $('who').textContent = `${me.name} (${me.role})`;
  $('login').hidden = true;
  $('tabs').hidden = false;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  for (const el of document.querySelectorAll('[data-supervisor]')) el.hidden = !['supervisor', 'admin'].includes(me.role);
  staffList = (await api('/staff')).staff;
  showTab('inbox');
}

function showTab(name) {
  for (const button of document.querySelectorAll('[data-tab]')) {
    if (button.dataset.tab === name) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `tab-${name}`;
  const loaders = { inbox: loadInbox, tickets: loadTickets, outbox: loadOutbox, notifications: loadNotifications, kpis: loadKpis, customers: () => undefined };
  Promise.resolve(loaders[name]?.()).catch((err) => flash(err.message));
}

// --- Inbox -------------------------------------------------------------------------------------

async function loadInbox() {
  const { conversations } = await api('/inbox');
  $('inbox-list').replaceChildren(
    ...conversations.map((c) =>
      h('li', {},
        h('button', { type: 'button', class: 'item', dataset: { conversation: c.id }, onclick: () => openConversation(c.id) },
          h('strong', {}, c.customer?.name ?? 'Unknown customer'), ` · ${c.channel} · ${c.state === 'staff' ? 'with staff' : 'waiting'}`,
          h('br'), h('small', {}, c.ticket ? `${c.ticket.number} · ` : '', c.lastMessage?.text?.slice(0, 80) ?? ''),
        ),
      ),
    ),
  );
  if (!conversations.length) $('inbox-list').append(h('li', { class: 'hint' }, 'Nobody is waiting.'));
}

async function openConversation(id) {
  openConversationId = id;
  const { conversation: c, transcript } = await api(`/conversations/${id}`);
  const replyBox = h('textarea', { id: 'reply-text', required: true, maxlength: 4000 });
  const form = h('form', { class: 'reply', onsubmit: async (e) => {
    e.preventDefault();
    const text = replyBox.value.trim();
    if (!text) return;
    try {
      await post(`/conversations/${id}/reply`, { text, clientId: crypto.randomUUID?.().replaceAll('-', '') ?? String(Date.now()) });
      replyBox.value = '';
      flash('Reply queued');
      await openConversation(id);
      await loadInbox();
    } catch (err) { flash(err.message); }
  } }, h('label', { for: 'reply-text' }, `Reply by ${c.channel === 'voice' ? 'sms' : c.channel}`), replyBox, h('button', { type: 'submit', class: 'primary' }, 'Send reply'));
  const act = (label, path) => h('button', { type: 'button', onclick: async () => {
    try { await post(`/conversations/${id}/${path}`); flash(label); await openConversation(id); await loadInbox(); } catch (err) { flash(err.message); }
  } }, label);
  $('conversation').replaceChildren(
    h('h2', {}, `${c.customer?.name ?? 'Unknown customer'} · ${c.channel}`),
    h('p', { class: 'meta' }, `State: ${c.state}`, c.assignedStaff ? ` (${c.assignedStaff.name})` : '', c.handoffReason ? ` · reason: ${c.handoffReason}` : ''),
    c.ticket ? h('p', {}, h('button', { type: 'button', onclick: () => { showTab('tickets'); openTicket(c.ticket.id); } }, `Ticket ${c.ticket.number}`), ` ${c.ticket.status} · ${c.ticket.category} · ${c.ticket.urgency}`) : null,
    h('div', { class: 'actions' }, act('Take over', 'take'), act('Hand back to bot', 'hand-back'),
      c.customer ? h('button', { type: 'button', onclick: () => { showTab('customers'); openCustomer(c.customer.id); } }, 'Customer archive') : null),
    h('h3', {}, 'Transcript'),
    h('ol', { class: 'transcript', id: 'transcript' }, ...transcript.map((m) =>
      h('li', { dataset: { direction: m.direction, author: m.author } }, h('small', { class: 'meta' }, `${when(m.at)} · ${m.channel} · ${m.author}`), h('br'), m.text))),
    form,
  );
}

// --- Tickets -----------------------------------------------------------------------------------

async function loadTickets() {
  const params = new URLSearchParams([...new FormData($('ticket-filter'))].filter(([, v]) => v));
  const { tickets } = await api(`/tickets?${params}`);
  $('ticket-list').replaceChildren(...tickets.map((t) =>
    h('li', {}, h('button', { type: 'button', class: 'item', onclick: () => openTicket(t.id) },
      h('strong', {}, t.number), ` ${t.status} · ${t.category} · ${t.urgency}`, h('br'),
      h('small', {}, `${t.customer?.name ?? ''} · ${t.title}`, t.promises?.[0] ? ` · next due ${when(t.promises[0].dueAt)}` : '')))));
}

async function openTicket(id) {
  const { ticket: t, outbound } = await api(`/tickets/${id}`);
  const run = (fn) => async (e) => {
    e.preventDefault();
    try { await fn(new FormData(e.target)); await openTicket(id); await loadTickets(); } catch (err) { flash(err.message); }
  };
  $('ticket').replaceChildren(
    h('h2', {}, `${t.number} · ${t.title}`),
    h('p', { class: 'meta' }, `${t.status} · ${t.category}${t.complaintType ? `/${t.complaintType}` : ''} · ${t.urgency} · via ${t.channel} · opened ${when(t.createdAt)}`),
    h('p', {}, t.problem),
    h('p', { class: 'meta' }, `Customer: ${t.customer?.name ?? '—'} · Product: ${t.productModel ?? '—'} ${t.serial ?? ''} · Assignee: ${t.assignee?.name ?? '—'}`),
    h('form', { class: 'actions', onsubmit: run((f) => post(`/tickets/${id}/transition`, { to: f.get('to'), reason: f.get('reason') || undefined })) },
      h('label', {}, 'Move to ', h('select', { name: 'to' }, ...['triaged', 'assigned', 'scheduled', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'].map((s) => h('option', {}, s)))),
      h('input', { name: 'reason', placeholder: 'reason', 'aria-label': 'Reason' }), h('button', { type: 'submit' }, 'Move')),
    h('form', { class: 'actions', onsubmit: run((f) => post(`/tickets/${id}/assign`, { staffId: f.get('staffId') })) },
      h('label', {}, 'Assign to ', h('select', { name: 'staffId' }, ...staffList.map((s) => h('option', { value: s.id, selected: s.id === t.assigneeId }, `${s.name} (${s.role})`)))),
      h('button', { type: 'submit' }, 'Assign')),
    h('form', { class: 'actions', onsubmit: run((f) => post(`/tickets/${id}/notes`, { text: f.get('text') })) },
      h('input', { name: 'text', required: true, placeholder: 'note', 'aria-label': 'Note' }), h('button', { type: 'submit' }, 'Add note')),
    h('h3', {}, 'Service promises'),
    h('ul', {}, ...t.promises.map((p) => h('li', {}, `${p.kind}: due ${when(p.dueAt)} — ${p.metAt ? `met ${when(p.metAt)}` : p.breachedAt ? `BREACHED ${when(p.breachedAt)}` : p.cancelledAt ? 'cancelled' : p.pausedAt ? 'paused' : 'open'}`))),
    h('h3', {}, 'History'),
    h('ol', {}, ...t.events.map((e) => h('li', {}, `${when(e.at)} · ${e.actor} · ${e.kind}${e.from || e.to ? ` ${e.from ?? ''} → ${e.to ?? ''}` : ''}${e.reason ? ` · ${e.reason}` : ''}`))),
    h('h3', {}, 'Messages sent'),
    h('ul', {}, ...outbound.map((o) => h('li', {}, `${when(o.createdAt)} · ${o.channel} → ${o.to} · ${o.purpose} · ${o.status}${o.lastError ? ` (${o.lastError})` : ''}`))),
  );
}

// --- Outbox, notifications, customers, KPIs --------------------------------------------------------

async function loadOutbox() {
  const { messages } = await api('/outbox');
  $('outbox-rows').replaceChildren(...messages.map((m) =>
    h('tr', {}, h('td', {}, when(m.createdAt)), h('td', {}, m.channel), h('td', {}, m.to), h('td', {}, m.purpose), h('td', {}, m.status), h('td', {}, m.text), h('td', {}, m.lastError ?? ''))));
}

async function loadNotifications() {
  const { notifications } = await api('/notifications');
  $('notification-list').replaceChildren(...notifications.map((n) =>
    h('li', {}, h('strong', {}, n.kind), ` ${when(n.deliverAfter)} · ${n.text} `,
      n.readAt ? h('small', {}, 'read') : h('button', { type: 'button', onclick: async () => { await post(`/notifications/${n.id}/read`); await loadNotifications(); } }, 'Mark read'),
      n.ticketId ? h('button', { type: 'button', onclick: () => { showTab('tickets'); openTicket(n.ticketId); } }, 'Ticket') : null)));
  if (!notifications.length) $('notification-list').append(h('li', { class: 'hint' }, 'No notifications.'));
}

async function openCustomer(id) {
  const { customer: c } = await api(`/customers/${id}`);
  $('customer').replaceChildren(
    h('h2', {}, `${c.name ?? 'Unnamed'}${c.company ? ` · ${c.company}` : ''}`),
    h('p', { class: 'hint' }, 'This look is recorded in the access audit.'),
    h('h3', {}, 'Contacts'), h('ul', {}, ...c.contacts.map((p) => h('li', {}, `${p.kind}: ${p.address}`))),
    h('h3', {}, 'Products'), h('ul', {}, ...c.assets.map((a) => h('li', {}, `${a.model} ${a.serial ?? ''} · purchased ${a.purchaseDate?.slice(0, 10) ?? '—'} · ${a.siteAddress ?? ''}`))),
    h('h3', {}, 'Tickets'), h('ul', {}, ...c.tickets.map((t) => h('li', {}, h('button', { type: 'button', onclick: () => { showTab('tickets'); openTicket(t.id); } }, t.number), ` ${t.status} · ${t.category} · ${t.title}`))),
    h('h3', {}, 'Conversations'), h('ul', {}, ...c.conversations.map((v) => h('li', {}, h('button', { type: 'button', onclick: () => { showTab('inbox'); openConversation(v.id); } }, `${v.channel} · ${v.state}`), ` ${when(v.updatedAt)}`))),
  );
}

async function loadKpis() {
  const params = new URLSearchParams([...new FormData($('kpi-form'))].filter(([, v]) => v));
  const k = await api(`/kpis?${params}`);
  const fig = (label, value, note) => h('div', {}, h('dt', {}, label), h('dd', {}, value), note ? h('small', { class: 'meta' }, note) : null);
  $('kpis').replaceChildren(
    fig('Satisfaction (avg overall)', k.satisfaction.averageOverall ?? '—', `${k.satisfaction.responses} answers`),
    fig('Resolution rate', pct(k.resolution.rate), `${k.resolution.resolved} of ${k.resolution.total}`),
    fig('First response (median)', k.firstResponse.medianMinutes === null ? '—' : `${k.firstResponse.medianMinutes} min`, `avg ${k.firstResponse.averageMinutes ?? '—'} min`),
    fig('Complaint rate', pct(k.complaints.rate), `${k.complaints.complaints} of ${k.complaints.total}`),
    fig('On-time repair', pct(k.onTimeRepair.rate), `${k.onTimeRepair.met} met · ${k.onTimeRepair.breached} breached`),
  );
  const { reports } = await api('/reports');
  $('report-list').replaceChildren(...reports.map((r) => h('li', {}, h('details', {}, h('summary', {}, `${r.period}${r.mailedAt ? ` · mailed ${when(r.mailedAt)}` : ''}`), h('pre', {}, JSON.stringify(r.data, null, 2))))));
}

// --- Wiring ------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await signIn($('token').value.trim());
    $('token').value = '';
  } catch (err) {
    $('login-error').textContent = err.message;
  }
});
$('sign-out').addEventListener('click', signOut);
for (const button of document.querySelectorAll('[data-tab]')) button.addEventListener('click', () => showTab(button.dataset.tab));
$('ticket-filter').addEventListener('submit', (e) => { e.preventDefault(); loadTickets().catch((err) => flash(err.message)); });
$('kpi-form').addEventListener('submit', (e) => { e.preventDefault(); loadKpis().catch((err) => flash(err.message)); });
$('customer-search').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const { customers } = await api(`/customers?q=${encodeURIComponent(new FormData(e.target).get('q'))}`);
    $('customer-list').replaceChildren(...customers.map((c) =>
      h('li', {}, h('button', { type: 'button', class: 'item', onclick: () => openCustomer(c.id) }, h('strong', {}, c.name ?? 'Unnamed'), ` ${c.company ?? ''}`, h('br'), h('small', {}, c.contacts.map((p) => p.address).join(', '))))));
  } catch (err) { flash(err.message); }
});
// The inbox refreshes itself; an open conversation too, so customer messages show up.
setInterval(() => {
  if (!me || $('tab-inbox').hidden) return;
  loadInbox().catch(() => undefined);
  if (openConversationId) openConversation(openConversationId).catch(() => undefined);
}, 15_000);

if (sessionStorage.getItem(TOKEN_KEY)) signIn(sessionStorage.getItem(TOKEN_KEY)).catch(() => signOut());
