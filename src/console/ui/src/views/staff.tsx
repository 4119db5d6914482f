import { useState } from 'preact/hooks';
import { api, patch, post } from '../api';
import { text, when } from '../format';
import { t } from '../i18n';
import { refreshNow, useData } from '../live';
import type { Me } from '../me';
import { loadStaff, type StaffMember } from '../staff-names';

type Shift = { day: number; from: string; to: string };
type StaffRow = StaffMember & { onDutyFlag?: boolean; shifts?: Shift[]; lockedUntil?: string | null; canSignIn?: boolean };
import { act, ActionButton, Empty, Loading, Problem, ViewTitle } from '../ui';

type Approval = { id: string; staffId: string; customerId: string; reason: string; status: string; requestedAt: string; staffName: string | null; customer: { name: string | null; company: string | null } | null };
const ROLES = ['agent', 'engineer', 'supervisor', 'admin'];

/** Staff accounts, who is on duty, and archive-access requests waiting for a supervisor. */
export function StaffView({ me }: { me: Me }) {
  const { data, error, reload } = useData(() => api<{ staff: StaffRow[] }>('/staff?all=1'), []);
  const after = () => {
    reload();
    void loadStaff();
    refreshNow();
  };
  return (
    <section aria-labelledby="staff-title">
      <ViewTitle id="staff-title">{t('staff.title')}</ViewTitle>
      <Problem error={error} />
      {!data ? (
        error ? null : <Loading />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('staff.name')}</th>
                <th scope="col">{t('staff.email')}</th>
                <th scope="col">{t('staff.role')}</th>
                <th scope="col">{t('staff.region')}</th>
                <th scope="col">{t('staff.onDuty')}</th>
                <th scope="col">{t('staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.staff.map((s) => (
                <tr key={s.id} class={s.active === false ? 'inactive' : undefined}>
                  <td>{s.name}</td>
                  <td>{text(s.email)}</td>
                  <td>{t(`role.${s.role}`)}</td>
                  <td>{text(s.region)}</td>
                  <td>
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={s.onDutyFlag ?? !!s.onDuty}
                        onChange={(e) => act(() => patch(`/staff/${s.id}`, { onDuty: (e.target as HTMLInputElement).checked }), t('staff.saved')).then(after)}
                      />
                      <span class="sr-only">{t('staff.onDutyFor', { name: s.name })}</span>
                    </label>{' '}
                    {s.onDuty && !s.onDutyFlag ? <small class="meta">{t('staff.onShift')}</small> : null}
                    <Rota staff={s} after={after} />
                  </td>
                  <td>
                    {s.id !== me.id && s.active !== false ? (
                      <ActionButton onClick={() => act(() => patch(`/staff/${s.id}`, { active: false }), t('staff.saved')).then(after)}>{t('staff.deactivate')}</ActionButton>
                    ) : null}{' '}
                    {s.id !== me.id ? (
                      <ActionButton onClick={() => act(() => post(`/staff/${s.id}/revoke-sessions`, {}), t('staff.signedOut')).then(after)}>{t('staff.revoke')}</ActionButton>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddStaff after={after} />
      <Approvals />
    </section>
  );
}

function AddStaff({ after }: { after: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', role: 'agent', region: '' });
  const [issued, setIssued] = useState<string | null>(null);
  return (
    <form
      class="card inline-form"
      aria-labelledby="add-staff-title"
      onSubmit={(e) => {
        e.preventDefault();
        void act(async () => {
          const res = await post<{ oneTimePassword?: string; password?: string }>('/staff', { ...form, region: form.region || undefined });
          setIssued(res.oneTimePassword ?? res.password ?? null);
          setForm({ name: '', email: '', role: 'agent', region: '' });
        }, t('staff.added')).then(after);
      }}
    >
      <h3 id="add-staff-title">{t('staff.add')}</h3>
      <label>
        {t('staff.name')}
        <input value={form.name} required maxLength={120} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        {t('staff.email')}
        <input type="email" value={form.email} required onInput={(e) => setForm({ ...form, email: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        {t('staff.role')}
        <select value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('staff.region')}
        <input value={form.region} maxLength={60} onInput={(e) => setForm({ ...form, region: (e.target as HTMLInputElement).value })} />
      </label>
      <button type="submit" class="primary">
        {t('staff.addButton')}
      </button>
      {issued ? (
        <p class="notice" role="status">
          {t('staff.oneTimePassword')} <code>{issued}</code>
        </p>
      ) : null}
    </form>
  );
}

function Approvals() {
  const { data, error, reload } = useData(() => api<{ requests: Approval[] }>('/access-requests?status=requested'), []);
  return (
    <section class="card" aria-labelledby="approvals-title">
      <h3 id="approvals-title">{t('approvals.title')}</h3>
      <Problem error={error} />
      {data && data.requests.length === 0 ? <Empty>{t('approvals.empty')}</Empty> : null}
      <ul class="list compact">
        {data?.requests.map((r) => (
          <li key={r.id}>
            <strong>{r.staffName ?? t('staff.former')}</strong> → {r.customer?.name ?? t('customer.unnamed')} · {when(r.requestedAt)} · {r.reason}{' '}
            <ActionButton kind="primary" onClick={() => act(() => post(`/access-requests/${r.id}/approve`, {}), t('approvals.approved')).then(reload)}>
              {t('approvals.approve')}
            </ActionButton>{' '}
            <ActionButton onClick={() => act(() => post(`/access-requests/${r.id}/deny`, {}), t('approvals.denied')).then(reload)}>{t('approvals.deny')}</ActionButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The weekly rota: shifts in the business time zone (a shift whose end is before its start runs past midnight). */
function Rota({ staff, after }: { staff: StaffRow; after: () => void }) {
  const [shifts, setShifts] = useState<Shift[]>(staff.shifts ?? []);
  if (!staff.shifts) return null;
  return (
    <details class="rota">
      <summary>{t('staff.rota', { n: staff.shifts.length })}</summary>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => patch(`/staff/${staff.id}`, { shifts }), t('staff.saved')).then(after);
        }}
      >
        {shifts.map((shift, i) => (
          <div class="inline-form" key={i}>
            <label>
              {t('staff.day')}
              <select value={shift.day} onChange={(e) => setShifts(shifts.map((x, j) => (j === i ? { ...x, day: Number((e.target as HTMLSelectElement).value) } : x)))}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`day.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('staff.shiftFrom')}
              <input type="time" value={shift.from} required onInput={(e) => setShifts(shifts.map((x, j) => (j === i ? { ...x, from: (e.target as HTMLInputElement).value } : x)))} />
            </label>
            <label>
              {t('staff.shiftTo')}
              <input type="time" value={shift.to} required onInput={(e) => setShifts(shifts.map((x, j) => (j === i ? { ...x, to: (e.target as HTMLInputElement).value } : x)))} />
            </label>
            <button type="button" aria-label={t('staff.removeShift', { n: i + 1 })} onClick={() => setShifts(shifts.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <div class="actions">
          <button type="button" onClick={() => setShifts([...shifts, { day: 1, from: '09:00', to: '18:00' }])}>
            {t('staff.addShift')}
          </button>
          <button type="submit" class="primary">
            {t('staff.saveRota')}
          </button>
        </div>
      </form>
    </details>
  );
}
