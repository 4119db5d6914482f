import { api } from '../api';
import { text, when } from '../format';
import { t, term } from '../i18n';
import { useData } from '../live';
import { Empty, Loading, Problem, ViewTitle } from '../ui';

type Outbound = { id: string; createdAt: string; channel: string; to: string; purpose: string; status: string; text: string; lastError: string | null };

/** Messages waiting for channel credentials, or that failed, with the last error. */
export function OutboxView() {
  const { data, error } = useData(() => api<{ messages: Outbound[] }>('/outbox'), []);
  return (
    <section aria-labelledby="outbox-title">
      <ViewTitle id="outbox-title">{t('outbox.title')}</ViewTitle>
      <p class="hint">{t('outbox.hint')}</p>
      <Problem error={error} />
      {!data ? (
        error ? null : <Loading />
      ) : data.messages.length === 0 ? (
        <Empty>{t('outbox.empty')}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.when')}</th>
                <th scope="col">{t('ticket.channel')}</th>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.purpose')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.text')}</th>
                <th scope="col">{t('outbox.error')}</th>
              </tr>
            </thead>
            <tbody>
              {data.messages.map((m) => (
                <tr key={m.id}>
                  <td>{when(m.createdAt)}</td>
                  <td>{term('channel', m.channel)}</td>
                  <td>{m.channel === 'chat' ? t('outbox.webchat') : m.to}</td>
                  <td>{term('purpose', m.purpose)}</td>
                  <td>{term('outboundStatus', m.status)}</td>
                  <td class="wrap">{m.text}</td>
                  <td class="wrap">{text(m.lastError)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
