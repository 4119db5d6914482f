import { useState } from 'preact/hooks';
import { post } from '../api';
import { t } from '../i18n';
import { errorText, flash } from '../ui';

/** After a one-time password the server allows nothing but choosing one's own. */
export function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const [error, setError] = useState('');
  return (
    <section class="panel sign-in" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <p class="hint">{t('password.hint')}</p>
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget as HTMLFormElement);
          const next = String(form.get('new'));
          if (next !== String(form.get('repeat'))) return setError(t('password.mismatch'));
          try {
            await post('/me/password', { currentPassword: String(form.get('current')), newPassword: next });
            flash(t('password.changed'));
            onChanged();
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <label>
          {t('password.current')}
          <input name="current" type="password" autocomplete="current-password" required />
        </label>
        <label>
          {t('password.new')}
          <input name="new" type="password" autocomplete="new-password" required minLength={10} />
        </label>
        <label>
          {t('password.repeat')}
          <input name="repeat" type="password" autocomplete="new-password" required minLength={10} />
        </label>
        <button type="submit" class="primary">
          {t('password.save')}
        </button>
        <p class="error" role="alert">
          {error}
        </p>
      </form>
    </section>
  );
}
