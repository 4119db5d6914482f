// aftercare web chat: plain ES module, no build step. Transport: POST per message (the turn's replies
// come back in the response), Server-Sent Events for staff replies and surveys (see webchat-routes.ts).

const STRINGS = {
  'zh-Hant': {
    title: '客戶服務', language: '語言', conversation: '對話', choices: '建議回覆', message: '您的訊息',
    placeholder: '請輸入訊息…', send: '送出', skip: '跳到訊息輸入框',
    welcome: '您好！請問有什麼可以為您服務？您可以描述產品問題、查詢工單（例如 SR-2026-000123）或提出建議。',
    typing: '客服助理正在回覆', queued: '尚未送出，連線恢復後會自動重送', failed: '無法送出', sending: '傳送中',
    waitingStaff: '已為您轉接客服人員，請稍候。', staff: '客服人員正在為您服務。', you: '您', bot: '客服助理', staffName: '客服人員',
    unavailable: '系統暫時無法回覆，稍後會自動重試。', offline: '連線中斷，正在重新連線…',
  },
  'zh-Hans': {
    title: '客户服务', language: '语言', conversation: '对话', choices: '建议回复', message: '您的消息',
    placeholder: '请输入消息…', send: '发送', skip: '跳到消息输入框',
    welcome: '您好！请问有什么可以为您服务？您可以描述产品问题、查询工单（例如 SR-2026-000123）或提出建议。',
    typing: '客服助理正在回复', queued: '尚未发送，连接恢复后会自动重发', failed: '无法发送', sending: '发送中',
    waitingStaff: '已为您转接客服人员，请稍候。', staff: '客服人员正在为您服务。', you: '您', bot: '客服助理', staffName: '客服人员',
    unavailable: '系统暂时无法回复，稍后会自动重试。', offline: '连接中断，正在重新连接…',
  },
  en: {
    title: 'Customer service', language: 'Language', conversation: 'Conversation', choices: 'Suggested answers', message: 'Your message',
    placeholder: 'Type your message…', send: 'Send', skip: 'Skip to message box',
    welcome: 'Hello! How can we help you today? You can describe a product problem, ask about a ticket (e.g. SR-2026-000123) or leave feedback.',
    typing: 'The assistant is replying', queued: 'Not sent yet; it will be retried when the connection is back', failed: 'Could not be sent', sending: 'Sending',
    waitingStaff: 'We are connecting you to a member of staff; please wait.', staff: 'A member of staff is with you.', you: 'You', bot: 'Assistant', staffName: 'Staff',
    unavailable: 'The assistant cannot answer right now; we will retry shortly.', offline: 'Connection lost; reconnecting…',
  },
};

const KEY = { session: 'aftercare.chat.session', lang: 'aftercare.chat.language', pending: 'aftercare.chat.pending' };
const $ = (id) => document.getElementById(id);
const log = $('log');
const statusLine = $('status');
const choicesBox = $('choices');
const input = $('message-input');
const form = $('composer');
const languageSelect = $('language');

const rendered = new Set();
let language = pickLanguage();
let sessionId = localStorage.getItem(KEY.session);
let conversationState = 'bot';
let inFlight = 0;
let events = null;
let lastEventId = 0;

function pickLanguage() {
  const saved = localStorage.getItem(KEY.lang);
  if (saved && STRINGS[saved]) return saved;
  const nav = (navigator.languages?.[0] || navigator.language || 'zh-Hant').toLowerCase();
  if (nav.startsWith('zh')) return /hans|cn|sg|my/.test(nav) ? 'zh-Hans' : 'zh-Hant';
  return nav.startsWith('en') ? 'en' : 'zh-Hant';
}

function t(key) {
  return STRINGS[language][key] ?? STRINGS.en[key] ?? key;
}

function applyLanguage() {
  document.documentElement.lang = language;
  document.title = t('title');
  languageSelect.value = language;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of log.querySelectorAll('.who')) el.textContent = t(el.dataset.who);
  const welcome = log.querySelector('[data-welcome] .text');
  if (welcome) welcome.textContent = t('welcome');
  updateStatus();
}

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function whoKey(author) {
  return author === 'customer' ? 'you' : author === 'staff' ? 'staffName' : 'bot';
}

/** Appends one message bubble; returns it (or the existing one with that id). */
function addLine({ id, author, text }, extra = {}) {
  if (id && rendered.has(id)) return log.querySelector(`[data-id="${CSS.escape(id)}"]`);
  if (id) rendered.add(id);
  const li = document.createElement('li');
  li.className = 'msg';
  li.dataset.author = author;
  if (id) li.dataset.id = id;
  if (extra.welcome) li.dataset.welcome = 'true';
  const who = document.createElement('span');
  who.className = 'who';
  who.dataset.who = whoKey(author);
  who.textContent = t(who.dataset.who);
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  li.append(who, body);
  log.append(li);
  li.scrollIntoView({ block: 'end' });
  return li;
}

function setNote(li, state) {
  if (!li) return;
  li.dataset.state = state;
  let note = li.querySelector('.note');
  if (state === 'sent') {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement('span');
    note.className = 'note';
    li.append(note);
  }
  note.textContent = t(state);
}

function showChoices(choices) {
  for (const old of choicesBox.querySelectorAll('button')) old.remove();
  choicesBox.hidden = !choices?.length;
  for (const choice of choices ?? []) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = choice;
    button.addEventListener('click', () => send(choice));
    choicesBox.append(button);
  }
}

function updateStatus() {
  statusLine.classList.toggle('typing', inFlight > 0);
  if (inFlight > 0) statusLine.textContent = t('typing');
  else if (conversationState === 'waiting_staff') statusLine.textContent = t('waitingStaff');
  else if (conversationState === 'staff') statusLine.textContent = t('staff');
  else statusLine.textContent = '';
}

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { 'content-type': 'application/json', ...(options.headers ?? {}) } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(body?.error?.message ?? res.statusText), { status: res.status });
  return body;
}

async function ensureSession() {
  if (sessionId) return sessionId;
  const { sessionId: created } = await api('/chat/api/sessions', { method: 'POST', body: '{}' });
  sessionId = created;
  localStorage.setItem(KEY.session, sessionId);
  return sessionId;
}

function pending() {
  try {
    return JSON.parse(localStorage.getItem(KEY.pending) || '[]');
  } catch {
    return [];
  }
}
function savePending(list) {
  localStorage.setItem(KEY.pending, JSON.stringify(list));
}

/**
 * Sends one message; the client id makes a retry (or a reload mid-send) count once on the server. The
 * page's language goes with it, as it was when the message was written: for a message without letters
 * (an emoji, a number) it decides the language of the answer.
 */
async function deliver(item, li) {
  inFlight += 1;
  updateStatus();
  setNote(li, 'sending');
  try {
    const result = await api('/chat/api/messages', {
      method: 'POST',
      body: JSON.stringify({ sessionId: await ensureSession(), clientMessageId: item.id, text: item.text, language: item.language ?? language }),
    });
    savePending(pending().filter((p) => p.id !== item.id));
    setNote(li, 'sent');
    conversationState = result.state;
    for (const reply of result.replies) addLine({ author: 'bot', text: reply.text });
    showChoices(result.replies.at(-1)?.choices ?? []);
  } catch (err) {
    if (err.status === 400) {
      savePending(pending().filter((p) => p.id !== item.id));
      setNote(li, 'failed');
    } else {
      setNote(li, 'queued');
      setTimeout(() => deliver(item, li), Math.min(30_000, 2_000 * 2 ** Math.min(item.tries++, 4)));
    }
  } finally {
    inFlight -= 1;
    updateStatus();
  }
}

function send(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  const item = { id: randomId(), text: trimmed, tries: 0, language };
  savePending([...pending(), item]);
  showChoices([]);
  const li = addLine({ id: `local:${item.id}`, author: 'customer', text: trimmed });
  rendered.add(`client:${item.id}`);
  return deliver(item, li);
}

function openEvents() {
  events?.close();
  const url = `/chat/api/events?session=${encodeURIComponent(sessionId)}&lastEventId=${lastEventId}`;
  events = new EventSource(url);
  events.addEventListener('message', (e) => {
    const line = JSON.parse(e.data);
    lastEventId = Math.max(lastEventId, line.seq);
    addLine(line);
    showChoices(line.choices);
  });
  events.addEventListener('state', (e) => {
    conversationState = JSON.parse(e.data).state;
    updateStatus();
  });
}

async function start() {
  applyLanguage();
  languageSelect.addEventListener('change', () => {
    language = languageSelect.value;
    localStorage.setItem(KEY.lang, language);
    applyLanguage();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    input.value = '';
    send(text);
    input.focus();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  await ensureSession();
  const history = await api(`/chat/api/history?session=${encodeURIComponent(sessionId)}`);
  const arrived = new Set(history.messages.map((m) => m.clientId).filter(Boolean));
  const waiting = pending().filter((p) => !arrived.has(p.id));
  savePending(waiting);
  if (history.messages.length === 0 && waiting.length === 0) addLine({ author: 'bot', text: t('welcome') }, { welcome: true });
  for (const line of history.messages) addLine(line);
  const last = history.messages.at(-1);
  if (last && last.direction === 'outbound') showChoices(last.choices);
  conversationState = history.state;
  lastEventId = history.lastEventId;
  updateStatus();
  document.body.dataset.ready = 'true';
  openEvents();
  // Messages typed before a reload that never reached us: sent again with their own ids.
  for (const item of waiting) {
    const li = addLine({ id: `local:${item.id}`, author: 'customer', text: item.text });
    deliver({ ...item, tries: 0 }, li);
  }
}

start().catch((err) => {
  statusLine.textContent = `${t('unavailable')} (${err.message})`;
});
