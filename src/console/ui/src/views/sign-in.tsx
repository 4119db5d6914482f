import { useState } from 'preact/hooks';
import { ApiError, post, session } from '../api';
import { t } from '../i18n';

/** E-mail and password (POST /console/api/session); a console token still works for installations without passwords. */
export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function withPassword(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const res = await post<{ token?: string; session?: { token?: string } }>('/session', { email: String(form.get('email')).trim(), password: String(form.get('password')) });
      const token = res.token ?? res.session?.token;
      if (!token) throw new Error(t('signIn.noToken'));
      session.set(token);
      await onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.unavailable ? t('signIn.passwordUnavailable') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function withToken(e: Event) {
    e.preventDefault();
    const token = String(new FormData(e.currentTarget as HTMLFormElement).get('token')).trim();
    if (!token) return;
    setError('');
    session.set(token);
    await onSignedIn();
    if (!session.token()) setError(t('signIn.badToken'));
  }

  return (
    <section class="panel sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signIn.title')}</h2>
      <form onSubmit={withPassword} class="stack">
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p id="sign-in-error" class="error" role="alert">
        {error}
      </p>
      <details>
        <summary>{t('signIn.tokenInstead')}</summary>
        <form onSubmit={withToken} class="stack">
          <label>
            {t('signIn.token')}
            <input name="token" type="password" autocomplete="off" />
          </label>
          <button type="submit">{t('signIn.withToken')}</button>
        </form>
      </details>
    </section>
  );
}
