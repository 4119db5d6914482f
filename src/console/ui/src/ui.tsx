import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { t, term } from './i18n';
import { createStore, useStore } from './store';

/** A short status line for the person's own actions (role=status, read by screen readers). */
export const flashStore = createStore<{ text: string; error: boolean } | null>(null);
let flashTimer: ReturnType<typeof setTimeout> | undefined;
export function flash(text: string, error = false): void {
  flashStore.set({ text, error });
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => flashStore.set(null), 5000);
}

export function Flash() {
  const message = useStore(flashStore);
  return (
    <p class={`flash${message?.error ? ' flash-error' : ''}`} role="status" aria-live="polite">
      {message?.text ?? ''}
    </p>
  );
}

/** Runs an action and reports its outcome; returns whether it worked. */
export async function act(action: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await action();
    if (done) flash(done);
    return true;
  } catch (err) {
    flash(errorText(err), true);
    return false;
  }
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.unavailable) return t('error.unavailable');
  return err instanceof Error ? err.message : String(err);
}

/** What a view shows when its data failed: a missing API says so plainly instead of faking data. */
export function Problem({ error }: { error: Error | null }) {
  if (!error) return null;
  if (error instanceof ApiError && error.unavailable) {
    return (
      <p class="notice" role="note">
        {t('error.unavailable')}
      </p>
    );
  }
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}

export function Loading({ what }: { what?: string }) {
  return <p class="hint" aria-busy="true">{what ?? t('common.loading')}</p>;
}

/** A view's heading, focused when the view opens so keyboard and screen-reader users land on it. */
export function ViewTitle({ children, id }: { children: ComponentChildren; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} class="view-title">
      {children}
    </h2>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="hint">{children}</p>;
}

/** A button that runs an async action once at a time. */
export function ActionButton({ onClick, children, kind, disabled, label }: { onClick: () => Promise<unknown>; children: ComponentChildren; kind?: 'primary' | 'danger'; disabled?: boolean; label?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={kind}
      aria-label={label}
      disabled={disabled || busy}
      aria-busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await onClick();
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
    </button>
  );
}

export function Badge({ children, tone }: { children: ComponentChildren; tone?: string }) {
  return <span class={`badge${tone ? ` badge-${tone}` : ''}`}>{children}</span>;
}

/** Previous / "page n of m" / next, for a list the server pages. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.pageOf', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/** One <option> per value, each named in the staff member's language (`term(group, value)`). */
export function TermOptions({ group, values }: { group: string; values: readonly string[] }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {term(group, v)}
        </option>
      ))}
    </>
  );
}
