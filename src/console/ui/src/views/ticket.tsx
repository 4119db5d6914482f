import { useState } from 'preact/hooks';
import { api, post } from '../api';
import { actor, countdown, day, text, when } from '../format';
import { t, term } from '../i18n';
import { refreshNow, useData, useNow } from '../live';
import type { Me } from '../me';
import { href } from '../router';
import { staffStore } from '../staff-names';
import { useStore } from '../store';
import { act, ActionButton, Badge, Empty, Loading, Problem, TermOptions, ViewTitle } from '../ui';
import { ComplaintPanel, type ComplaintFields } from './complaint';
import { ConversationPanel, Transcript, type TranscriptLine } from './conversation';
import { UnderstandingFacts, type UnderstandingResult } from './understanding';
import { STATUSES } from './tickets';
import { VisitWork, type Visit } from './visits';

type SlaPromise = { id: string; kind: string; dueAt: string; metAt: string | null; breachedAt: string | null; cancelledAt: string | null; pausedAt: string | null; notApplicableReason?: string | null };
type TicketEvent = { id: string; at: string; actor: string; actorName?: string | null; kind: string; from: string | null; to: string | null; reason: string | null; data: unknown };
export type TicketDetail = {
  ticket: ComplaintFields & {
    id: string;
    number: string;
    title: string;
    problem: string;
    status: string;
    category: string;
    complaintType: string | null;
    urgency: string;
    complexity: string;
    channel: string;
    language: string;
    createdAt: string;
    assigneeId: string | null;
    contactName: string | null;
    contactPhone: string | null;
    productModel: string | null;
    serial: string | null;
    purchaseDate: string | null;
    siteAddress: string | null;
    province: string | null;
    linkedTicketId: string | null;
    onSiteRequired: boolean;
    customer: { id: string; name: string | null; company: string | null } | null;
    asset: { model: string; serial: string | null; purchaseDate: string | null; warrantyMonths: number | null } | null;
    assignee: { id: string; name: string } | null;
    events: TicketEvent[];
    promises: SlaPromise[];
    visits: Visit[];
    conversations: { id: string; channel: string; state: string; updatedAt: string }[];
  };
  outbound: { id: string; createdAt: string; channel: string; purpose: string; status: string; text: string; lastError: string | null }[];
  understanding?: UnderstandingResult | null;
  transcript?: TranscriptLine[];
};

/** The ticket workspace: everything an agent needs for one ticket on one screen. */
export function TicketView({ id, me }: { id: string; me: Me }) {
  const { data, error, reload } = useData(() => api<TicketDetail>(`/tickets/${encodeURIComponent(id)}`), [id]);
  if (!data) return error ? <Problem error={error} /> : <Loading />;
  const tk = data.ticket;
  const after = () => {
    reload();
    refreshNow();
  };
  const conversation = [...tk.conversations].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return (
    <article class="workspace" aria-labelledby="ticket-title">
      <header class="workspace-head">
        <ViewTitle id="ticket-title">
          {tk.number} · {tk.title}
        </ViewTitle>
        <p class="meta">
          <Badge>{term('status', tk.status)}</Badge> <Badge>{term('category', tk.category)}</Badge>
          {tk.complaintType ? <Badge>{term('complaintType', tk.complaintType)}</Badge> : null} <Badge tone={tk.urgency === 'high' ? 'danger' : undefined}>{term('urgency', tk.urgency)}</Badge>{' '}
          <Badge>{term('complexity', tk.complexity)}</Badge> · {t('ticket.via', { channel: term('channel', tk.channel) })} · {t('ticket.opened', { at: when(tk.createdAt) })}
        </p>
      </header>
      <div class="workspace-grid">
        <div class="col">
          <section aria-labelledby="problem-title" class="card">
            <h3 id="problem-title">{t('ticket.problem')}</h3>
            <p class="problem">{tk.problem}</p>
            <dl class="facts">
              <dt>{t('ticket.customer')}</dt>
              <dd>{tk.customer ? <a href={href('customer', tk.customer.id)}>{text(tk.customer.name)}</a> : '—'}{tk.customer?.company ? ` · ${tk.customer.company}` : ''}</dd>
              <dt>{t('ticket.contact')}</dt>
              <dd>{[tk.contactName, tk.contactPhone].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('ticket.product')}</dt>
              <dd>{[tk.productModel ?? tk.asset?.model, tk.serial ?? tk.asset?.serial].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('ticket.purchased')}</dt>
              <dd>{day(tk.purchaseDate ?? tk.asset?.purchaseDate)}</dd>
              <dt>{t('ticket.site')}</dt>
              <dd>{[tk.siteAddress, tk.province].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('ticket.assignee')}</dt>
              <dd>{tk.assignee?.name ?? t('ticket.unassigned')}</dd>
            </dl>
            {data.understanding ? (
              <>
                <h4>{t('ticket.understanding')}</h4>
                <UnderstandingFacts value={data.understanding} />
              </>
            ) : null}
          </section>
          <Promises promises={tk.promises} />
          {tk.category === 'complaint' ? <ComplaintPanel ticketId={tk.id} complaint={tk} me={me} after={after} /> : null}
          <Controls ticket={tk} after={after} />
          <Visits ticket={tk} after={after} />
        </div>
        <div class="col">
          {conversation ? (
            <section class="card" aria-label={t('ticket.conversation')}>
              <ConversationPanel id={conversation.id} me={me} headingLevel={3} />
            </section>
          ) : data.transcript?.length ? (
            <section class="card" aria-labelledby="transcript-title">
              <h3 id="transcript-title">{t('conversation.transcript')}</h3>
              <Transcript lines={data.transcript} />
            </section>
          ) : (
            <Empty>{t('ticket.noConversation')}</Empty>
          )}
          <Notes ticketId={tk.id} after={after} />
          <Timeline events={tk.events} />
          <section aria-labelledby="sent-title" class="card">
            <h3 id="sent-title">{t('ticket.sent')}</h3>
            {data.outbound.length === 0 ? <Empty>{t('ticket.nothingSent')}</Empty> : null}
            <ul class="list compact">
              {data.outbound.map((o) => (
                <li key={o.id}>
                  <small class="meta">
                    {when(o.createdAt)} · {term('channel', o.channel)} · {term('purpose', o.purpose)} · {term('outboundStatus', o.status)}
                  </small>
                  <p>{o.text}</p>
                  {o.lastError ? <p class="error">{o.lastError}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </article>
  );
}

function promiseState(p: SlaPromise, now: number): { label: string; tone?: string } {
  if (p.metAt) return { label: t('sla.met', { at: when(p.metAt) }), tone: 'ok' };
  if (p.breachedAt) return { label: t('sla.breached', { at: when(p.breachedAt) }), tone: 'danger' };
  if (p.notApplicableReason) return { label: t('sla.notApplicable', { reason: p.notApplicableReason }) };
  if (p.cancelledAt) return { label: t('sla.cancelled') };
  if (p.pausedAt) return { label: t('sla.paused') };
  const c = countdown(p.dueAt, now);
  return { label: c.label, tone: c.overdue ? 'danger' : c.soon ? 'warn' : undefined };
}

function Promises({ promises }: { promises: SlaPromise[] }) {
  const now = useNow(30_000);
  return (
    <section aria-labelledby="promises-title" class="card">
      <h3 id="promises-title">{t('ticket.promises')}</h3>
      {promises.length === 0 ? <Empty>{t('ticket.noPromises')}</Empty> : null}
      <ul class="list compact">
        {promises.map((p) => {
          const s = promiseState(p, now);
          return (
            <li key={p.id} class={s.tone === 'danger' ? 'overdue' : undefined}>
              <strong>{term('promise', p.kind)}</strong> · {t('sla.due', { at: when(p.dueAt) })} · <Badge tone={s.tone}>{s.label}</Badge>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Controls({ ticket, after }: { ticket: TicketDetail['ticket']; after: () => void }) {
  const staff = useStore(staffStore);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState(ticket.assigneeId ?? '');
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [complexity, setComplexity] = useState(ticket.complexity);
  const [onSite, setOnSite] = useState(ticket.onSiteRequired);
  const [mergeInto, setMergeInto] = useState('');
  const base = `/tickets/${ticket.id}`;
  const closed = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <section aria-labelledby="controls-title" class="card">
      <h3 id="controls-title">{t('ticket.actions')}</h3>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => post(`${base}/assign`, { staffId: assignee }), t('ticket.assigned')).then(after);
        }}
      >
        <label>
          {t('ticket.assignTo')}
          <select value={assignee} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)} required>
            <option value="">{t('ticket.pickStaff')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t(`role.${s.role}`)}){s.onDuty === false ? ` · ${t('staff.offDuty')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('ticket.assign')}</button>
      </form>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          // onSite is sent as shown: unchanged it changes nothing; changed, it retargets the on-site promises.
          const triage = { urgency, complexity, ...(ticket.category === 'inquiry' ? {} : { onSite }) };
          void act(() => post(`${base}/triage`, triage), t('ticket.triaged')).then(after);
        }}
      >
        <label>
          {t('ticket.urgency')}
          <select value={urgency} onChange={(e) => setUrgency((e.target as HTMLSelectElement).value)}>
            <TermOptions group="urgency" values={['low', 'normal', 'high']} />
          </select>
        </label>
        <label>
          {t('ticket.complexity')}
          <select value={complexity} onChange={(e) => setComplexity((e.target as HTMLSelectElement).value)}>
            <TermOptions group="complexity" values={['simple', 'general', 'complex']} />
          </select>
        </label>
        {ticket.category === 'inquiry' ? null : (
          <label class="check">
            <input type="checkbox" checked={onSite} onChange={(e) => setOnSite((e.target as HTMLInputElement).checked)} />
            {t('ticket.onSite')}
          </label>
        )}
        <button type="submit">{t('ticket.triage')}</button>
      </form>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!to) return;
          void act(() => post(`${base}/transition`, { to, ...(reason.trim() ? { reason: reason.trim() } : {}) }), t('ticket.moved')).then((ok) => {
            if (ok) {
              setTo('');
              setReason('');
            }
            after();
          });
        }}
      >
        <label>
          {t('ticket.moveTo')}
          <select value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)} required>
            <option value="">{t('ticket.pickState')}</option>
            <TermOptions group="status" values={STATUSES.filter((s) => s !== ticket.status)} />
          </select>
        </label>
        <label>
          {t('ticket.reason')}
          <input value={reason} maxLength={1000} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('ticket.move')}</button>
      </form>
      <div class="actions">
        {!closed ? (
          <ActionButton kind="primary" onClick={() => act(() => post(`${base}/resolve`, reason.trim() ? { reason: reason.trim() } : {}), t('ticket.resolved')).then(after)}>
            {t('ticket.resolve')}
          </ActionButton>
        ) : null}
        {ticket.status === 'resolved' ? (
          <ActionButton onClick={() => act(() => post(`${base}/transition`, { to: 'closed' }), t('ticket.closed')).then(after)}>{t('ticket.close')}</ActionButton>
        ) : null}
      </div>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const number = mergeInto.trim().toUpperCase();
          if (!number) return;
          if (!confirm(t('ticket.mergeConfirm', { from: number, into: ticket.number }))) return;
          void act(async () => {
            // The duplicate is named by its number; the list finds its id.
            const found = await api<{ tickets: { id: string; number: string }[] }>(`/tickets?q=${encodeURIComponent(number)}&limit=5`);
            const duplicate = found.tickets.find((x) => x.number.toUpperCase() === number);
            if (!duplicate) throw new Error(t('ticket.noSuchTicket', { number }));
            await post(`${base}/merge`, { duplicateId: duplicate.id });
          }, t('ticket.merged')).then((ok) => {
            if (ok) setMergeInto('');
            after();
          });
        }}
      >
        <label>
          {t('ticket.mergeFrom')}
          <input value={mergeInto} placeholder={t('ticket.mergeHint')} maxLength={64} onInput={(e) => setMergeInto((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('ticket.merge')}</button>
      </form>
      {ticket.linkedTicketId ? (
        <p class="meta">
          {t('ticket.linked')} <a href={href('ticket', ticket.linkedTicketId)}>{t('ticket.open')}</a>
        </p>
      ) : null}
    </section>
  );
}

function Visits({ ticket, after }: { ticket: TicketDetail['ticket']; after: () => void }) {
  const staff = useStore(staffStore);
  const [times, setTimes] = useState<string[]>(['']);
  const [engineer, setEngineer] = useState('');
  const engineers = staff.filter((s) => s.role === 'engineer');
  const chosen = times.filter(Boolean).map((x) => new Date(x).toISOString());
  const book = (body: Record<string, unknown>, done: string) =>
    act(() => post(`/tickets/${ticket.id}/visits`, { ...body, ...(engineer ? { engineerId: engineer } : {}) }), done).then((ok) => {
      if (ok) setTimes(['']);
      after();
    });
  return (
    <section aria-labelledby="visits-title" class="card">
      <h3 id="visits-title">{t('visits.title')}</h3>
      {ticket.visits.map((v) => (
        <VisitWork key={v.id} visit={{ ...v, ticketId: ticket.id }} after={after} headingLevel={3} inTicket />
      ))}
      {ticket.status === 'resolved' || ticket.status === 'closed' ? null : (
      <form
        class="inline-form"
        aria-label={t('visits.schedule')}
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen[0]) void book({ scheduledAt: chosen[0] }, t('visits.scheduled'));
        }}
      >
        {times.map((value, i) => (
          <label key={i}>
            {i === 0 ? t('visits.when') : t('visits.option', { n: i + 1 })}
            <input type="datetime-local" value={value} required={i === 0} onInput={(e) => setTimes(times.map((x, j) => (j === i ? (e.target as HTMLInputElement).value : x)))} />
          </label>
        ))}
        <label>
          {t('visits.engineer')}
          <select value={engineer} onChange={(e) => setEngineer((e.target as HTMLSelectElement).value)}>
            <option value="">{t('visits.anyEngineer')}</option>
            {engineers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.region ? ` · ${s.region}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('visits.schedule')}</button>
        <button type="button" onClick={() => setTimes([...times, ''])} disabled={times.length >= 5}>
          {t('visits.addOption')}
        </button>
        <button type="button" disabled={!chosen.length} onClick={() => void book({ proposals: chosen }, t('visits.proposalsSent'))}>
          {t('visits.sendProposals')}
        </button>
      </form>
      )}
    </section>
  );
}

function Notes({ ticketId, after }: { ticketId: string; after: () => void }) {
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="notes-title" class="card">
      <h3 id="notes-title">{t('ticket.notes')}</h3>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return;
          void act(() => post(`/tickets/${ticketId}/notes`, { text: note.trim() }), t('ticket.noteAdded')).then((ok) => {
            if (ok) setNote('');
            after();
          });
        }}
      >
        <label>
          {t('ticket.note')}
          <textarea rows={2} value={note} maxLength={4000} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </label>
        <button type="submit">{t('ticket.addNote')}</button>
      </form>
    </section>
  );
}

function Timeline({ events }: { events: TicketEvent[] }) {
  return (
    <section aria-labelledby="timeline-title" class="card">
      <h3 id="timeline-title">{t('ticket.timeline')}</h3>
      <ol class="timeline">
        {[...events].reverse().map((e) => (
          <li key={e.id} class={e.kind === 'note' ? 'note' : undefined}>
            <small class="meta">
              {when(e.at)} · {e.actorName ?? actor(e.actor)}
            </small>{' '}
            <strong>{term('event', e.kind)}</strong>
            {eventChange(e)}
            {e.reason ? <p>{e.reason}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "new → triaged", "Amy → Ben": what an event changed, in words. */
function eventChange(e: TicketEvent): string {
  const word = (value: string | null) => {
    if (!value) return '—';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return when(value);
    if (e.kind === 'assigned') return actor(`staff:${value}`);
    if (e.kind === 'status_changed' || e.kind === 'created') return term('status', value);
    if (e.kind.startsWith('sla_')) return term('promise', value);
    return term('value', value);
  };
  if (e.kind === 'note' || (!e.from && !e.to)) return '';
  return e.from ? ` ${word(e.from)} → ${word(e.to)}` : ` ${word(e.to)}`;
}
