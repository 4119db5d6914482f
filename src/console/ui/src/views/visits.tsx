import { useState } from 'preact/hooks';
import { api, post } from '../api';
import { text, when } from '../format';
import { t, term } from '../i18n';
import { refreshNow, useData } from '../live';
import type { Me } from '../me';
import { href } from '../router';
import { staffName } from '../staff-names';
import { act, ActionButton, Badge, Empty, Loading, Problem, ViewTitle } from '../ui';
import { SignaturePad } from './signature';

type Part = { part: string; quantity: number; note?: string };
export type Visit = {
  id: string;
  ticketId: string;
  engineerId: string | null;
  scheduledAt: string;
  status?: string;
  proposals?: string[];
  confirmedAt?: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  warranty?: string;
  quoteAmount?: number | null;
  quoteCurrency?: string | null;
  quoteSentAt?: string | null;
  quoteAcceptedAt?: string | null;
  workDone?: string | null;
  partsUsed?: Part[];
  partsRequested?: Part[];
  signOffName?: string | null;
  signedAt?: string | null;
  engineer?: { id: string; name: string } | null;
  ticket?: { id: string; number: string; title: string; status: string; siteAddress?: string | null; customer?: { name: string | null } | null } | null;
};
const engineerName = (v: Visit) => v.engineer?.name ?? (v.engineerId ? staffName(v.engineerId) : t('visits.noEngineer'));

const statusOf = (v: Visit) => v.status ?? (v.completedAt ? 'completed' : v.arrivedAt ? 'on_site' : 'scheduled');

/** Field visits: the list (an engineer sees only their own) and one visit from proposal to sign-off. */
export function VisitsView({ id, me }: { id: string | null; me: Me }) {
  const { data, error } = useData(() => api<{ visits: Visit[]; total?: number }>('/visits?size=100'), []);
  return (
    <div class="split">
      <section aria-labelledby="visits-view-title" class="list-pane">
        <ViewTitle id="visits-view-title">{t('visits.title')}</ViewTitle>
        {me.role === 'engineer' ? <p class="hint">{t('visits.onlyYours')}</p> : null}
        <Problem error={error} />
        {!data ? (
          error ? null : <Loading />
        ) : data.visits.length === 0 ? (
          <Empty>{t('visits.empty')}</Empty>
        ) : (
          <ul class="list">
            {data.visits.map((v) => (
              <li key={v.id}>
                <a class={`item${v.id === id ? ' selected' : ''}`} href={href('visits', v.id)} aria-current={v.id === id ? 'true' : undefined}>
                  <strong>{when(v.scheduledAt)}</strong> <Badge>{term('visitStatus', statusOf(v))}</Badge>
                  <br />
                  <small>
                    {v.ticket ? `${v.ticket.number} · ${text(v.ticket.customer?.name)}` : ''} · {engineerName(v)}
                  </small>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="detail-pane" aria-label={t('visits.detail')}>
        {id ? <VisitDetail id={id} /> : <Empty>{t('visits.pick')}</Empty>}
      </section>
    </div>
  );
}

function VisitDetail({ id }: { id: string }) {
  const { data, error, reload } = useData(() => api<{ visit: Visit }>(`/visits/${encodeURIComponent(id)}`), [id]);
  if (!data) return error ? <Problem error={error} /> : <Loading />;
  return (
    <VisitWork
      visit={data.visit}
      after={() => {
        reload();
        refreshNow();
      }}
    />
  );
}

/** One visit from proposal to sign-off; shown in the visits view and in the ticket workspace. */
export function VisitWork({ visit: v, after, headingLevel = 2, inTicket = false }: { visit: Visit; after: () => void; headingLevel?: 2 | 3; inTicket?: boolean }) {
  const status = statusOf(v);
  const base = `/visits/${v.id}`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article aria-labelledby={`visit-${v.id}`} class="visit">
      <Heading id={`visit-${v.id}`}>
        {t('visits.visitAt', { at: when(v.scheduledAt) })} <Badge>{term('visitStatus', status)}</Badge>
      </Heading>
      <dl class="facts">
        {!inTicket ? (
          <>
            <dt>{t('ticket.number')}</dt>
            <dd>
              <a href={href('ticket', v.ticketId)}>{v.ticket ? `${v.ticket.number} · ${v.ticket.title}` : t('ticket.open')}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('visits.engineer')}</dt>
        <dd>{engineerName(v)}</dd>
        {v.ticket?.siteAddress ? (
          <>
            <dt>{t('ticket.site')}</dt>
            <dd>{v.ticket.siteAddress}</dd>
          </>
        ) : null}
        <dt>{t('visits.warranty')}</dt>
        <dd>{term('warranty', v.warranty ?? 'unknown')}</dd>
        {v.arrivedAt ? (
          <>
            <dt>{t('visits.arrivedAt')}</dt>
            <dd>{when(v.arrivedAt)}</dd>
          </>
        ) : null}
        {v.completedAt ? (
          <>
            <dt>{t('visits.completedAt')}</dt>
            <dd>{when(v.completedAt)}</dd>
          </>
        ) : null}
      </dl>
      {status === 'proposed' ? <Proposals visit={v} after={after} /> : null}
      {v.warranty === 'out_of_warranty' && !v.completedAt ? <Quote visit={v} after={after} /> : null}
      {!v.arrivedAt && status !== 'cancelled' && status !== 'proposed' ? (
        <div class="actions">
          <ActionButton kind="primary" onClick={() => act(() => post(`${base}/arrived`, {}), t('visits.arrivalRecorded')).then(after)}>
            {t('visits.arrived')}
          </ActionButton>
        </div>
      ) : null}
      {v.arrivedAt && !v.completedAt ? <Complete visit={v} after={after} /> : null}
      {v.completedAt ? (
        <section class="card" aria-labelledby={`done-${v.id}`}>
          <h4 id={`done-${v.id}`}>{t('visits.report')}</h4>
          <p>{text(v.workDone)}</p>
          <PartsList title={t('visits.partsUsed')} parts={v.partsUsed ?? []} />
          <PartsList title={t('visits.partsRequested')} parts={v.partsRequested ?? []} />
          <p class="meta">{t('visits.signedBy', { name: text(v.signOffName), at: when(v.signedAt) })}</p>
        </section>
      ) : null}
    </article>
  );
}

function PartsList({ title, parts }: { title: string; parts: Part[] }) {
  if (!parts.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul>
        {parts.map((p, i) => (
          <li key={i}>
            {p.part} × {p.quantity}
            {p.note ? ` · ${p.note}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Times offered to the customer: staff record the one the customer chose. */
function Proposals({ visit, after }: { visit: Visit; after: () => void }) {
  if (!visit.proposals?.length) return null;
  return (
    <section class="card" aria-labelledby={`proposals-${visit.id}`}>
      <h4 id={`proposals-${visit.id}`}>{t('visits.proposals')}</h4>
      <p class="hint">{visit.confirmedAt ? t('visits.confirmedAt', { at: when(visit.confirmedAt) }) : t('visits.proposalsHint')}</p>
      {!visit.confirmedAt ? (
        <ul class="list compact">
          {visit.proposals.map((p) => (
            <li key={p}>
              {when(p)}{' '}
              <ActionButton onClick={() => act(() => post(`/visits/${visit.id}/confirm`, { scheduledAt: p }), t('visits.confirmed')).then(after)}>{t('visits.confirm')}</ActionButton>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Quote({ visit, after }: { visit: Visit; after: () => void }) {
  const [amount, setAmount] = useState(visit.quoteAmount ? String(visit.quoteAmount) : '');
  return (
    <section class="card" aria-labelledby={`quote-${visit.id}`}>
      <h4 id={`quote-${visit.id}`}>{t('visits.quote')}</h4>
      <p class="hint">{t('visits.quoteHint')}</p>
      {visit.quoteAcceptedAt ? <p>{t('visits.quoteAccepted', { at: when(visit.quoteAcceptedAt) })}</p> : visit.quoteSentAt ? <p>{t('visits.quoteSent', { at: when(visit.quoteSentAt) })}</p> : null}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => post(`/visits/${visit.id}/quote`, { amount: Number(amount), currency: 'TWD' }), t('visits.quoteSentNow')).then(after);
        }}
      >
        <label>
          {t('visits.amount')}
          <input type="number" min={1} step={1} value={amount} required onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('visits.sendQuote')}</button>
        {visit.quoteSentAt && !visit.quoteAcceptedAt ? (
          <ActionButton onClick={() => act(() => post(`/visits/${visit.id}/quote/accept`, {}), t('visits.quoteAcceptedNow')).then(after)}>{t('visits.quoteAccept')}</ActionButton>
        ) : null}
      </form>
    </section>
  );
}

function PartsEditor({ label, parts, onChange }: { label: string; parts: Part[]; onChange: (parts: Part[]) => void }) {
  return (
    <fieldset>
      <legend>{label}</legend>
      {parts.map((p, i) => (
        <div class="inline-form" key={i}>
          <label>
            {t('visits.part')}
            <input value={p.part} maxLength={120} onInput={(e) => onChange(parts.map((x, j) => (j === i ? { ...x, part: (e.target as HTMLInputElement).value } : x)))} />
          </label>
          <label>
            {t('visits.quantity')}
            <input type="number" min={1} value={p.quantity} onInput={(e) => onChange(parts.map((x, j) => (j === i ? { ...x, quantity: Number((e.target as HTMLInputElement).value) || 1 } : x)))} />
          </label>
          <button type="button" onClick={() => onChange(parts.filter((_, j) => j !== i))} aria-label={t('visits.removePart', { n: i + 1 })}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...parts, { part: '', quantity: 1 }])}>
        {t('visits.addPart')}
      </button>
    </fieldset>
  );
}

/** Work done, parts, and the customer's sign-off (typed name and/or drawn signature); completing resolves the ticket. */
function Complete({ visit, after }: { visit: Visit; after: () => void }) {
  const [workDone, setWorkDone] = useState(visit.workDone ?? '');
  const [used, setUsed] = useState<Part[]>(visit.partsUsed ?? []);
  const [requested, setRequested] = useState<Part[]>(visit.partsRequested ?? []);
  const [name, setName] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  return (
    <form
      class="card stack"
      aria-labelledby={`complete-${visit.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() && !signature) return void act(async () => Promise.reject(new Error(t('visits.needSignOff'))));
        void act(async () => {
          // The engineer's report first, then the customer's sign-off, which completes the visit.
          await post(`/visits/${visit.id}/work`, {
            workDone: workDone.trim(),
            partsUsed: used.filter((p) => p.part.trim()).map((p) => ({ part: p.part.trim(), quantity: p.quantity })),
            partsRequested: requested.filter((p) => p.part.trim()).map((p) => ({ part: p.part.trim(), quantity: p.quantity })),
          });
          await post(`/visits/${visit.id}/complete`, { ...(name.trim() ? { signOffName: name.trim() } : {}), ...(signature ? { signature } : {}) });
        }, t('visits.completed')).then(after);
      }}
    >
      <h4 id={`complete-${visit.id}`}>{t('visits.complete')}</h4>
      <label>
        {t('visits.workDone')}
        <textarea rows={3} required value={workDone} maxLength={4000} onInput={(e) => setWorkDone((e.target as HTMLTextAreaElement).value)} />
      </label>
      <PartsEditor label={t('visits.partsUsed')} parts={used} onChange={setUsed} />
      <PartsEditor label={t('visits.partsRequested')} parts={requested} onChange={setRequested} />
      <label>
        {t('visits.signOffName')}
        <input value={name} maxLength={120} onInput={(e) => setName((e.target as HTMLInputElement).value)} autocomplete="off" />
      </label>
      <p id={`signature-${visit.id}`}>{t('visits.signature')}</p>
      <SignaturePad labelId={`signature-${visit.id}`} onChange={setSignature} />
      <button type="submit" class="primary">
        {t('visits.completeButton')}
      </button>
    </form>
  );
}

