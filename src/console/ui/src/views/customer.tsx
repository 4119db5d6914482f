import { useState } from 'preact/hooks';
import { api, ApiError, post } from '../api';
import { day, text, when } from '../format';
import { t, term } from '../i18n';
import { useData } from '../live';
import { go, href } from '../router';
import { act, Badge, Empty, Loading, Problem, ViewTitle } from '../ui';

type Contact = { kind: string; address: string };
type CustomerHit = { id: string; name: string | null; company: string | null; contacts: Contact[] };
type Customer = CustomerHit & {
  assets: { id: string; model: string; serial: string | null; purchaseDate: string | null; siteAddress: string | null }[];
  tickets: { id: string; number: string; status: string; category: string; title: string; createdAt: string }[];
  conversations: { id: string; channel: string; state: string; updatedAt: string }[];
};

let lastQuery = '';
/** Reasons typed this tab, per customer: reopening the same archive does not ask again. */
const reasons = new Map<string, string>();

/** Customer search and the archive, which opens only with a recorded reason (and an approval where policy needs one). */
export function CustomerView({ id }: { id: string | null }) {
  const [q, setQ] = useState(lastQuery);
  const [searched, setSearched] = useState(lastQuery);
  const hits = useData(() => (searched ? api<{ customers: CustomerHit[] }>(`/customers?q=${encodeURIComponent(searched)}`) : Promise.resolve({ customers: [] })), [searched]);
  return (
    <div class="split">
      <section aria-labelledby="customers-title" class="list-pane">
        <ViewTitle id="customers-title">{t('customers.title')}</ViewTitle>
        <form
          class="filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            lastQuery = q.trim();
            setSearched(q.trim());
          }}
        >
          <label>
            {t('customers.search')}
            <input type="search" value={q} required maxLength={100} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{t('customers.find')}</button>
        </form>
        <Problem error={hits.error} />
        {searched && hits.data?.customers.length === 0 ? <Empty>{t('customers.none')}</Empty> : null}
        <ul class="list">
          {hits.data?.customers.map((c) => (
            <li key={c.id}>
              <a class={`item${c.id === id ? ' selected' : ''}`} href={href('customer', c.id)}>
                <strong>{c.name ?? t('customer.unnamed')}</strong> {c.company ?? ''}
                <br />
                <small>{c.contacts.filter((p) => p.kind !== 'chat').map((p) => p.address).join(', ')}</small>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section class="detail-pane" aria-label={t('customers.archive')}>
        {id ? <Archive id={id} key={id} /> : <Empty>{t('customers.pick')}</Empty>}
      </section>
    </div>
  );
}

type Access = { id: string; status: 'requested' | 'approved' | 'denied'; expiresAt: string | null };

/**
 * Opening an archive: the reason goes to the server (POST /customers/:id/access); supervisors are let in at
 * once, agents and engineers wait for a supervisor's approval, which arrives with the live updates.
 */
function Archive({ id }: { id: string }) {
  const [reason, setReason] = useState(reasons.get(id) ?? '');
  const [access, setAccess] = useState<Access | null>(null);
  const [asked, setAsked] = useState(reasons.has(id));
  if (!asked) {
    return (
      <form
        class="card stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const why = reason.trim();
          if (!why) return;
          const ok = await act(async () => {
            const res = await post<{ access: Access }>(`/customers/${encodeURIComponent(id)}/access`, { reason: why });
            setAccess(res.access);
          });
          if (ok) {
            reasons.set(id, why);
            setAsked(true);
          }
        }}
      >
        <h2>{t('customers.archive')}</h2>
        <p class="hint">{t('customers.reasonHint')}</p>
        <label>
          {t('customers.reason')}
          <input value={reason} required minLength={5} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary">
          {t('customers.open')}
        </button>
      </form>
    );
  }
  if (access?.status === 'denied') return <p class="notice">{t('customers.denied')}</p>;
  return <ArchiveBody id={id} waiting={access?.status === 'requested'} />;
}

function ArchiveBody({ id, waiting }: { id: string; waiting: boolean }) {
  const { data, error } = useData(() => api<{ customer: Customer; access?: { expiresAt: string | null } }>(`/customers/${encodeURIComponent(id)}`), [id]);
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div class="card" role="status">
        <h2>{t('customers.archive')}</h2>
        <p class="notice">{waiting ? t('customers.waiting') : error.message}</p>
      </div>
    );
  }
  if (!data) return error ? <Problem error={error} /> : <Loading />;
  const c = data.customer;
  return (
    <article aria-labelledby="customer-title">
      <h2 id="customer-title">
        {c.name ?? t('customer.unnamed')}
        {c.company ? ` · ${c.company}` : ''}
      </h2>
      <p class="hint">
        {t('customers.audited')} {data.access?.expiresAt ? t('customers.until', { at: when(data.access.expiresAt) }) : ''}
      </p>
      <h3>{t('customers.contacts')}</h3>
      <ul>
        {c.contacts
          .filter((p) => p.kind !== 'chat')
          .map((p) => (
            <li key={`${p.kind}${p.address}`}>
              {term('contact', p.kind)}: {p.address}
            </li>
          ))}
      </ul>
      <h3>{t('customers.products')}</h3>
      {c.assets.length === 0 ? <Empty>—</Empty> : null}
      <ul>
        {c.assets.map((a) => (
          <li key={a.id}>
            {a.model} {a.serial ?? ''} · {t('ticket.purchased')} {day(a.purchaseDate)} · {text(a.siteAddress)}
          </li>
        ))}
      </ul>
      <h3>{t('customers.tickets')}</h3>
      <ul>
        {c.tickets.map((tk) => (
          <li key={tk.id}>
            <a href={href('ticket', tk.id)}>{tk.number}</a> <Badge>{term('status', tk.status)}</Badge> {term('category', tk.category)} · {tk.title}
          </li>
        ))}
      </ul>
      <h3>{t('customers.conversations')}</h3>
      <ul>
        {c.conversations.map((v) => (
          <li key={v.id}>
            <button type="button" class="link" onClick={() => go('inbox', v.id)}>
              {term('channel', v.channel)} · {term('conversationState', v.state)}
            </button>{' '}
            {when(v.updatedAt)}
          </li>
        ))}
      </ul>
    </article>
  );
}
