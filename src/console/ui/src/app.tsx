import { useEffect, useState } from 'preact/hooks';
import { api, del, post, session } from './api';
import { LANGUAGES, lang, setLang, t, type Lang } from './i18n';
import { liveMode, startLive, stopLive } from './live';
import { isSupervisor, meStore, type Me } from './me';
import { href, useRoute, type View } from './router';
import { loadStaff, staffStore } from './staff-names';
import { useStore } from './store';
import { act, Flash } from './ui';
import { ChangePassword } from './views/password';
import { AuditView } from './views/audit';
import { CallsView } from './views/calls';
import { CustomerView } from './views/customer';
import { InboxView } from './views/inbox';
import { KpiView } from './views/kpis';
import { OutboxView } from './views/outbox';
import { ReportsView } from './views/reports';
import { SignIn } from './views/sign-in';
import { StaffView } from './views/staff';
import { TicketView } from './views/ticket';
import { TicketsView } from './views/tickets';
import { VisitsView } from './views/visits';

/** `supervisor`: supervisors and admins only; `desk`: customer service (not engineers), as the API allows. */
type NavItem = { view: View; supervisor?: boolean; desk?: boolean };
const NAV: NavItem[] = [
  { view: 'inbox' },
  { view: 'tickets' },
  { view: 'customer' },
  { view: 'visits' },
  { view: 'calls', desk: true },
  { view: 'kpis', supervisor: true },
  { view: 'reports', supervisor: true },
  { view: 'audit', supervisor: true },
  { view: 'staff', supervisor: true },
  { view: 'outbox' },
];

export function LanguagePicker() {
  const current = useStore(lang);
  return (
    <label class="lang">
      <span class="sr-only">{t('app.language')}</span>
      <select aria-label={t('app.language')} value={current} onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  useStore(lang); // every text follows the chosen language (re-render, never remount: drafts stay)
  const me = useStore(meStore);
  const [checking, setChecking] = useState(!!session.token());

  useEffect(() => {
    const off = session.onSignedOut(() => {
      stopLive();
      meStore.set(null);
    });
    if (session.token()) {
      void signedIn().finally(() => setChecking(false));
    }
    return off;
  }, []);

  if (checking) return <p class="hint">{t('common.loading')}</p>;
  if (!me) {
    return (
      <>
        <header class="bar">
          <h1>{t('app.title')}</h1>
          <LanguagePicker />
        </header>
        <main id="main">
          <SignIn onSignedIn={signedIn} />
        </main>
        <Flash />
      </>
    );
  }
  if (me.mustChangePassword) {
    return (
      <>
        <header class="bar">
          <h1>{t('app.title')}</h1>
          <LanguagePicker />
          <button type="button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </header>
        <main id="main">
          <ChangePassword
            onChanged={() => {
              meStore.set({ ...me, mustChangePassword: false });
              startLive();
            }}
          />
        </main>
        <Flash />
      </>
    );
  }
  return <Shell me={me} />;
}

/** Anyone switches themselves on or off duty (urgent notices go to who is on duty). */
function DutyToggle({ me }: { me: Me }) {
  const staff = useStore(staffStore);
  const mine = staff.find((s) => s.id === me.id);
  if (!mine) return null;
  return (
    <label class="check duty">
      <input
        type="checkbox"
        checked={!!mine.onDuty}
        onChange={(e) => act(() => post('/me/duty', { onDuty: (e.target as HTMLInputElement).checked }), t('staff.saved')).then(() => loadStaff())}
      />
      {t('staff.meOnDuty')}
    </label>
  );
}

/** After a token is stored: who am I, the staff names, and live updates. */
export async function signedIn(): Promise<void> {
  try {
    const me = await api<Me>('/me');
    await loadStaff().catch(() => undefined);
    meStore.set(me);
    // After a one-time password the server answers nothing but the password change: no live stream yet.
    if (!me.mustChangePassword) startLive();
  } catch {
    session.clear();
  }
}

async function signOut(): Promise<void> {
  // Revoke the session on the server when it can; sign out locally either way.
  await del('/session').catch(() => undefined);
  session.clear();
}

type CalendarHealth = { region: string; coveredUntil: string | null; file?: string; warning: string | null };

/**
 * The holiday calendar's reach (from /healthz): a banner when it does not cover the next 90 days, saying how
 * to add a year to the file the policy reads (its officialCalendarFile may point away from config/calendars):
 * npm run calendar:import reads Taiwan's DGPA file only, other regions' files are edited by hand.
 */
function CalendarBanner() {
  const [short, setShort] = useState<{ region: string; until: string; file: string } | null>(null);
  useEffect(() => {
    void fetch('/healthz')
      .then((res) => res.json() as Promise<{ calendar?: CalendarHealth }>)
      .then(({ calendar }) =>
        setShort(calendar?.warning ? { region: calendar.region, until: calendar.coveredUntil ?? '—', file: calendar.file ?? `config/calendars/${calendar.region}.yaml` } : null),
      )
      .catch(() => undefined);
  }, []);
  if (short === null) return null;
  const { region, until, file } = short;
  const text =
    region === 'TW'
      ? t('app.calendarShort', { until, file })
      : t('app.calendarShortEdit', { until, file, notice: t(region === 'HK' || region === 'CN' ? `app.calendarNotice.${region}` : 'app.calendarNotice.other') });
  return (
    <p class="banner" role="status">
      {text}
    </p>
  );
}

function Shell({ me }: { me: Me }) {
  const route = useRoute();
  const mode = useStore(liveMode);
  const items = NAV.filter((item) => (!item.supervisor || isSupervisor(me)) && (!item.desk || me.role !== 'engineer'));
  const navView: View = route.view === 'ticket' ? 'tickets' : route.view;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      <header class="bar">
        <h1>{t('app.title')}</h1>
        <p class="who">
          {me.name} · {t(`role.${me.role}`)}
        </p>
        <DutyToggle me={me} />
        <span class={`live live-${mode}`} title={t(`live.${mode}`)}>
          {t(`live.${mode}`)}
        </span>
        <LanguagePicker />
        <button type="button" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <CalendarBanner />
      <nav class="tabs" aria-label={t('app.sections')}>
        {items.map((item) => (
          <a key={item.view} href={href(item.view)} aria-current={navView === item.view ? 'page' : undefined}>
            {t(`nav.${item.view}`)}
          </a>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <CurrentView view={route.view} id={route.id} me={me} />
      </main>
      <Flash />
    </>
  );
}

/** Only the chosen view is in the page at all: the others are not rendered (nothing to stack or to hide). */
function CurrentView({ view, id, me }: { view: View; id: string | null; me: Me }) {
  switch (view) {
    case 'inbox':
      return <InboxView id={id} me={me} />;
    case 'tickets':
      return <TicketsView me={me} />;
    case 'ticket':
      return id ? <TicketView id={id} me={me} /> : <TicketsView me={me} />;
    case 'customer':
      return <CustomerView id={id} />;
    case 'visits':
      return <VisitsView id={id} me={me} />;
    case 'calls':
      return <CallsView />;
    case 'kpis':
      return <KpiView />;
    case 'reports':
      return <ReportsView />;
    case 'audit':
      return <AuditView />;
    case 'staff':
      return <StaffView me={me} />;
    case 'outbox':
      return <OutboxView />;
  }
}
