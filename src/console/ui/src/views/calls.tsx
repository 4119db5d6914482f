import { useState } from 'preact/hooks';
import { api, post } from '../api';
import { countdown, text, when } from '../format';
import { t, term } from '../i18n';
import { refreshNow, useData, useNow } from '../live';
import { href } from '../router';
import { act, Badge, Empty, Loading, Problem, TermOptions, ViewTitle } from '../ui';

type CallTask = {
  id: string;
  kind: string;
  title: string;
  dueAt: string | null;
  reason: string | null;
  followUpKind: string | null;
  phone: string | null;
  customer: { id: string; name: string | null; company: string | null } | null;
  ticket: { id: string; number: string } | null;
};

const OUTCOMES = ['reached', 'not_reached', 'callback_requested'];

/**
 * Calls for staff to make: follow-up calls (after a repair, a new installation, the quarterly contact) and
 * call-backs, the nearest due first. Each row logs its call's outcome with a note, which completes it.
 */
export function CallsView() {
  const { data, error } = useData(() => api<{ tasks: CallTask[] }>('/call-tasks'), []);
  const now = useNow();
  return (
    <section aria-labelledby="calls-title">
      <ViewTitle id="calls-title">{t('calls.title')}</ViewTitle>
      <p class="hint">{t('calls.hint')}</p>
      <Problem error={error} />
      {!data ? (
        error ? null : <Loading />
      ) : data.tasks.length === 0 ? (
        <Empty>{t('calls.empty')}</Empty>
      ) : (
        <ul class="cards">
          {data.tasks.map((task) => (
            <CallCard key={task.id} task={task} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One call: who, which number, why; and the outcome form (its own state: a live reload keeps a half-typed note). */
function CallCard({ task, now }: { task: CallTask; now: number }) {
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const due = task.dueAt ? countdown(task.dueAt, now) : null;
  const who = task.customer ? [task.customer.name, task.customer.company].filter(Boolean).join(' · ') || '—' : '—';
  const submit = (e: Event) => {
    e.preventDefault();
    void act(() => post(`/call-tasks/${task.id}/outcome`, { outcome, ...(note.trim() ? { note: note.trim() } : {}) }), t('calls.logged')).then((ok) => {
      if (ok) refreshNow();
    });
  };
  return (
    <li class="card" data-testid="call-task">
      <h3>
        {who} <Badge>{task.followUpKind ? term('followUpKind', task.followUpKind) : term('taskKind', task.kind)}</Badge>
      </h3>
      <dl class="facts">
        <dt>{t('calls.phone')}</dt>
        <dd>{task.phone ? <a href={`tel:${task.phone}`}>{task.phone}</a> : '—'}</dd>
        <dt>{t('calls.task')}</dt>
        <dd>
          {task.title}
          {task.reason ? ` (${task.reason})` : ''}
        </dd>
        <dt>{t('calls.due')}</dt>
        <dd>
          {when(task.dueAt)} {due ? <Badge tone={due.overdue ? 'danger' : due.soon ? 'warn' : undefined}>{due.label}</Badge> : null}
        </dd>
        <dt>{t('calls.ticket')}</dt>
        <dd>{task.ticket ? <a href={href('ticket', task.ticket.id)}>{task.ticket.number}</a> : text(null)}</dd>
      </dl>
      <form class="stack" aria-label={t('calls.logFor', { who })} onSubmit={submit}>
        <label>
          {t('calls.outcome')}
          <select value={outcome} required onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
            <option value="">{t('calls.pick')}</option>
            <TermOptions group="callOutcome" values={OUTCOMES} />
          </select>
        </label>
        <label>
          {t('calls.note')}
          <textarea rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </label>
        <button type="submit" class="primary">
          {t('calls.log')}
        </button>
      </form>
    </li>
  );
}
