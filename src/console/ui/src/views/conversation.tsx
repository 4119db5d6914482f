import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, clientId, post } from '../api';
import { t, term } from '../i18n';
import { refreshNow, useData } from '../live';
import type { Me } from '../me';
import { go, href } from '../router';
import { act, ActionButton, Badge, Loading, Problem, TermOptions } from '../ui';
import { actor, when } from '../format';
import { UnderstandingFacts, type UnderstandingResult } from './understanding';

export type TranscriptLine = Line;
type Line = { id: string; channel: string; direction: string; author: string; authorName?: string | null; understanding?: UnderstandingResult | null; text: string; subject: string | null; at: string };
type ConversationDetail = {
  conversation: {
    id: string;
    channel: string;
    state: string;
    handoffReason: string | null;
    customerId: string | null;
    customer: { id: string; name: string | null; company: string | null } | null;
    ticket: { id: string; number: string; status: string; category: string; urgency: string } | null;
    assignedStaff: { id: string; name: string } | null;
  };
  transcript: Line[];
};

/** Half-typed replies per conversation, kept for the whole tab: live updates and view changes never touch them. */
const drafts = new Map<string, string>();

export function ConversationPanel({ id, me, headingLevel = 2 }: { id: string; me: Me; headingLevel?: 2 | 3 }) {
  const { data, error, reload } = useData(() => api<ConversationDetail>(`/conversations/${encodeURIComponent(id)}`), [id]);
  if (!data) return error ? <Problem error={error} /> : <Loading />;
  const c = data.conversation;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const mine = c.state === 'staff' && c.assignedStaff?.id === me.id;
  const replyChannel = c.channel === 'voice' ? 'sms' : c.channel;
  const after = () => {
    reload();
    refreshNow();
  };
  return (
    <section class="conversation" aria-labelledby={`conv-${c.id}`}>
      <Heading id={`conv-${c.id}`}>
        {c.customer?.name ?? t('customer.unknown')} · {term('channel', c.channel)}
      </Heading>
      <p class="meta" data-testid="conversation-state">
        <Badge tone={c.state === 'waiting_staff' ? 'warn' : undefined}>{term('conversationState', c.state)}</Badge>{' '}
        {c.assignedStaff ? t('conversation.with', { name: c.assignedStaff.name }) : null}
        {c.handoffReason ? ` · ${t('conversation.reason')}: ${c.handoffReason}` : null}
      </p>
      <div class="actions">
        {c.ticket ? (
          <a class="button" href={href('ticket', c.ticket.id)}>
            {t('conversation.ticket', { number: c.ticket.number })} · {term('status', c.ticket.status)}
          </a>
        ) : (
          <CreateTicket conversationId={c.id} />
        )}
        {c.state !== 'closed' && (c.state !== 'staff' || !mine) ? (
          <ActionButton
            kind="primary"
            onClick={() =>
              act(() => post(`/conversations/${c.id}/take`), t('conversation.taken')).then((ok) => {
                after();
                // The button goes away once the conversation is ours: the reply box is where the work continues.
                if (ok) document.getElementById(`reply-${c.id}`)?.focus();
              })
            }
          >
            {t('conversation.take')}
          </ActionButton>
        ) : null}
        {c.state === 'staff' ? (
          <ActionButton onClick={() => act(() => post(`/conversations/${c.id}/hand-back`), t('conversation.handedBack')).then(after)}>{t('conversation.handBack')}</ActionButton>
        ) : null}
        {c.state !== 'closed' ? (
          <ActionButton onClick={() => act(() => post(`/conversations/${c.id}/close`), t('conversation.closedDone')).then(after)}>{t('conversation.close')}</ActionButton>
        ) : null}
        {c.customer ? (
          <a class="button" href={href('customer', c.customer.id)}>
            {t('conversation.archive')}
          </a>
        ) : null}
      </div>
      <Transcript lines={data.transcript} />
      <LatestUnderstanding lines={data.transcript} />
      {c.state !== 'closed' ? <ReplyBox conversationId={c.id} channel={replyChannel} onSent={after} /> : null}
    </section>
  );
}

/** The transcript, scrolled to the newest message when it opens and when a new one arrives while at the bottom. */
export function Transcript({ lines }: { lines: Line[] }) {
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const last = lines[lines.length - 1]?.id;
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <ol
      class="transcript"
      ref={list}
      tabIndex={0}
      aria-label={t('conversation.transcript')}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLOListElement;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {lines.length === 0 ? <li class="hint">{t('conversation.noMessages')}</li> : null}
      {lines.map((m) => (
        <li key={m.id} data-direction={m.direction} class={`line line-${m.direction}${m.author.startsWith('staff:') ? ' line-staff' : ''}`}>
          <small class="meta">
            {when(m.at)} · {term('channel', m.channel)} · {m.authorName ?? actor(m.author)}
            {m.understanding?.category ? ` · ${term('category', m.understanding.category)}` : ''}
          </small>
          {m.subject ? <strong class="subject">{m.subject}</strong> : null}
          <p>{m.text}</p>
        </li>
      ))}
    </ol>
  );
}

function ReplyBox({ conversationId, channel, onSent }: { conversationId: string; channel: string; onSent: () => void }) {
  const [draft, setDraft] = useState(drafts.get(conversationId) ?? '');
  const [sending, setSending] = useState(false);
  useEffect(() => setDraft(drafts.get(conversationId) ?? ''), [conversationId]);
  const fieldId = `reply-${conversationId}`;
  async function send(e: Event) {
    e.preventDefault();
    const body = draft.trim();
    if (!body || sending) return;
    setSending(true);
    const ok = await act(() => post(`/conversations/${conversationId}/reply`, { text: body, clientId: clientId() }), t('conversation.sent'));
    setSending(false);
    if (ok) {
      drafts.delete(conversationId);
      setDraft('');
      onSent();
    }
  }
  return (
    <form class="reply" onSubmit={send}>
      <label for={fieldId}>{t('conversation.replyBy', { channel: term('channel', channel) })}</label>
      <textarea
        id={fieldId}
        value={draft}
        maxLength={4000}
        rows={3}
        onInput={(e) => {
          const value = (e.target as HTMLTextAreaElement).value;
          drafts.set(conversationId, value);
          setDraft(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
        }}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={sending || !draft.trim()}>
          {t('conversation.send')}
        </button>
        <small class="hint">{t('conversation.sendHint')}</small>
      </div>
    </form>
  );
}

type Draft = Partial<Record<'category' | 'urgency' | 'title' | 'problem' | 'contactName' | 'company' | 'contactPhone' | 'contactEmail' | 'productModel' | 'serial' | 'purchaseDate' | 'siteAddress', string | null>>;
const DRAFT_FIELDS = ['title', 'problem', 'contactName', 'company', 'contactPhone', 'contactEmail', 'productModel', 'serial', 'purchaseDate', 'siteAddress'] as const;

/** A ticket from this conversation, prefilled from what the bot collected (GET …/ticket-draft), every field editable. */
function CreateTicket({ conversationId }: { conversationId: string }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  if (!draft) {
    return (
      <button
        type="button"
        onClick={async () => {
          try {
            const res = await api<{ draft: Draft }>(`/conversations/${conversationId}/ticket-draft`);
            // Only text fields go back; a purchase date the customer wrote in words is left for the agent to enter.
            const fields = Object.entries(res.draft).filter(([k, v]) => typeof v === 'string' && v && (k !== 'purchaseDate' || /^\d{4}-\d{2}-\d{2}$/.test(v)));
            setDraft({ category: 'fault', ...Object.fromEntries(fields) });
          } catch {
            setDraft({ category: 'fault' });
          }
        }}
      >
        {t('conversation.createTicket')}
      </button>
    );
  }
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value });
  return (
    <form
      class="card stack create-ticket"
      aria-label={t('conversation.createTicket')}
      onSubmit={async (e) => {
        e.preventDefault();
        let ticketId: string | null = null;
        const body = Object.fromEntries(Object.entries(draft).filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => [k, (v as string).trim()]));
        const ok = await act(async () => {
          const res = await post<{ ticket: { id: string } }>(`/conversations/${conversationId}/ticket`, body);
          ticketId = res.ticket.id;
        }, t('conversation.ticketCreated'));
        if (ok && ticketId) go('ticket', ticketId);
      }}
    >
      <div class="inline-form">
        <label>
          {t('ticket.category')}
          <select value={draft.category ?? 'fault'} onChange={set('category')}>
            <TermOptions group="category" values={['inquiry', 'fault', 'complaint']} />
          </select>
        </label>
        <label>
          {t('ticket.urgency')}
          <select value={draft.urgency ?? ''} onChange={set('urgency')}>
            <option value="">{t('conversation.fromBot')}</option>
            <TermOptions group="urgency" values={['low', 'normal', 'high']} />
          </select>
        </label>
      </div>
      {DRAFT_FIELDS.map((key) =>
        key === 'problem' ? (
          <label key={key}>
            {t(`draft.${key}`)}
            <textarea rows={3} required value={draft.problem ?? ''} maxLength={4000} onInput={set('problem')} />
          </label>
        ) : key === 'purchaseDate' ? (
          <label key={key}>
            {t(`draft.${key}`)}
            <input type="date" value={draft.purchaseDate ?? ''} onInput={set(key)} />
          </label>
        ) : (
          <label key={key}>
            {t(`draft.${key}`)}
            <input type="text" value={draft[key] ?? ''} maxLength={300} onInput={set(key)} />
          </label>
        ),
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {t('conversation.create')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The classifier's reading of the customer's latest message that has one. */
function LatestUnderstanding({ lines }: { lines: Line[] }) {
  const latest = [...lines].reverse().find((m) => m.understanding && m.author === 'customer');
  if (!latest?.understanding) return null;
  return (
    <details class="understanding-box">
      <summary>{t('ticket.understanding')}</summary>
      <UnderstandingFacts value={latest.understanding} />
    </details>
  );
}
