import { useState } from 'preact/hooks';
import { post } from '../api';
import { countdown, text, when } from '../format';
import { t, term } from '../i18n';
import { useNow } from '../live';
import type { Me } from '../me';
import { act, Badge, TermOptions } from '../ui';

/** The complaint-flow fields of a ticket (src/complaints/complaint-service.ts). */
export type ComplaintFields = {
  complaintSeverity: string | null;
  complaintGradedAt: string | null;
  investigationDueAt: string | null;
  investigatedAt: string | null;
  complaintFinding: string | null;
  complaintResponsibility: string | null;
  complaintRemedy: string | null;
  remediedAt: string | null;
  revisitOutcome: string | null;
  revisitedAt: string | null;
};

const SEVERITIES = ['minor', 'major', 'critical'];
const RESPONSIBILITIES = ['product', 'service_staff', 'logistics', 'customer', 'other'];
const OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'];

/** Where the complaint is in the flow; the server checks the same order. */
function stepOf(c: ComplaintFields): 'recorded' | 'graded' | 'investigated' | 'remedied' | 'revisited' {
  if (c.revisitedAt) return 'revisited';
  if (c.remediedAt) return 'remedied';
  if (c.investigatedAt) return 'investigated';
  if (c.complaintGradedAt) return 'graded';
  return 'recorded';
}

function Choice({ label, value, options, group, onChange }: { label: string; value: string; options: string[]; group: string; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} required onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('complaint.pick')}</option>
        <TermOptions group={group} values={options} />
      </select>
    </label>
  );
}

/**
 * The complaint flow on a complaint ticket: severity and its investigation deadline, the finding and who is
 * responsible (歸屬), the remedy and the call back. Each step is one form, offered when the flow has reached it.
 */
export function ComplaintPanel({ ticketId, complaint, me, after }: { ticketId: string; complaint: ComplaintFields; me: Me; after: () => void }) {
  const now = useNow(60_000);
  const step = stepOf(complaint);
  const [severity, setSeverity] = useState(complaint.complaintSeverity ?? '');
  const [finding, setFinding] = useState('');
  const [responsibility, setResponsibility] = useState('');
  const [remedy, setRemedy] = useState('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const canEdit = me.role !== 'engineer';
  const base = `/tickets/${ticketId}/complaint`;
  const send = (path: string, body: unknown, done: string, reset: () => void) => (e: Event) => {
    e.preventDefault();
    void act(() => post(`${base}/${path}`, body), done).then((ok) => {
      if (ok) reset();
      after();
    });
  };
  const due = complaint.investigationDueAt && !complaint.investigatedAt ? countdown(complaint.investigationDueAt, now) : null;
  return (
    <section aria-labelledby="complaint-title" class="card complaint" data-testid="complaint-panel">
      <h3 id="complaint-title">{t('complaint.title')}</h3>
      <p class="meta">
        {t('complaint.step')}: <Badge>{term('complaintStep', step)}</Badge>
      </p>
      <dl class="facts">
        <dt>{t('complaint.severity')}</dt>
        <dd>{complaint.complaintSeverity ? `${term('severity', complaint.complaintSeverity)} · ${when(complaint.complaintGradedAt)}` : '—'}</dd>
        <dt>{t('complaint.investigationDue')}</dt>
        <dd>
          {when(complaint.investigationDueAt)} {due ? <Badge tone={due.overdue ? 'danger' : due.soon ? 'warn' : undefined}>{due.label}</Badge> : null}
        </dd>
        <dt>{t('complaint.finding')}</dt>
        <dd>{complaint.investigatedAt ? `${text(complaint.complaintFinding)} · ${when(complaint.investigatedAt)}` : '—'}</dd>
        <dt>{t('complaint.responsibility')}</dt>
        <dd>{term('responsibility', complaint.complaintResponsibility)}</dd>
        <dt>{t('complaint.remedy')}</dt>
        <dd>{complaint.remediedAt ? `${text(complaint.complaintRemedy)} · ${when(complaint.remediedAt)}` : '—'}</dd>
        <dt>{t('complaint.revisit')}</dt>
        <dd>{complaint.revisitedAt ? `${term('revisit', complaint.revisitOutcome)} · ${when(complaint.revisitedAt)}` : '—'}</dd>
      </dl>
      {canEdit && (step === 'recorded' || step === 'graded') ? (
        <form class="inline-form" aria-label={t('complaint.grade')} onSubmit={send('grade', { severity }, t('complaint.graded'), () => undefined)}>
          <Choice label={t('complaint.severity')} value={severity} options={SEVERITIES} group="severity" onChange={setSeverity} />
          <button type="submit">{t('complaint.grade')}</button>
        </form>
      ) : null}
      {canEdit && step === 'graded' ? (
        <form
          class="stack"
          aria-label={t('complaint.recordInvestigation')}
          onSubmit={send('investigation', { finding: finding.trim(), responsibility }, t('complaint.investigated'), () => setFinding(''))}
        >
          <label>
            {t('complaint.finding')}
            <textarea rows={2} required maxLength={4000} value={finding} onInput={(e) => setFinding((e.target as HTMLTextAreaElement).value)} />
          </label>
          <Choice label={t('complaint.responsibility')} value={responsibility} options={RESPONSIBILITIES} group="responsibility" onChange={setResponsibility} />
          <button type="submit">{t('complaint.recordInvestigation')}</button>
        </form>
      ) : null}
      {canEdit && step === 'investigated' ? (
        <form class="stack" aria-label={t('complaint.recordRemedy')} onSubmit={send('remedy', { remedy: remedy.trim() }, t('complaint.remedied'), () => setRemedy(''))}>
          <label>
            {t('complaint.remedy')}
            <textarea rows={2} required maxLength={4000} value={remedy} onInput={(e) => setRemedy((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="submit">{t('complaint.recordRemedy')}</button>
        </form>
      ) : null}
      {canEdit && step === 'remedied' ? (
        <form
          class="stack"
          aria-label={t('complaint.recordRevisit')}
          onSubmit={send('revisit', { outcome, ...(note.trim() ? { note: note.trim() } : {}) }, t('complaint.revisited'), () => setNote(''))}
        >
          <Choice label={t('complaint.revisit')} value={outcome} options={OUTCOMES} group="revisit" onChange={setOutcome} />
          <label>
            {t('complaint.revisitNote')}
            <input value={note} maxLength={4000} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{t('complaint.recordRevisit')}</button>
        </form>
      ) : null}
    </section>
  );
}
