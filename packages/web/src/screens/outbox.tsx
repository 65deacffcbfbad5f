/** What is still waiting to reach the server, and what the server refused (with its reason). */
import { Heading } from '../components/heading.tsx';
import { discardOp, requestSync, retryOp, type OutboxOp } from '../lib/outbox.ts';
import { failedOps, pendingCount } from '../lib/records.ts';
import { outbox } from '../lib/outbox.ts';
import { formatDateTime } from '../lib/dates.ts';
import { t } from '../strings.ts';

function describe(op: OutboxOp): string {
  return `${t.sync.kind[op.kind] ?? op.kind} (${t.sync.method[op.method] ?? op.method}), ${formatDateTime(op.createdAt)}`;
}

export default function OutboxScreen() {
  const pending = outbox.value.filter((o) => o.status === 'pending');
  const failed = failedOps.value;
  return (
    <section class="screen">
      <Heading>{t.sync.title}</Heading>
      <p>{t.sync.intro}</p>
      {pendingCount.value === 0 && failed.length === 0 ? <p class="notice">{t.sync.nothing}</p> : null}
      {pending.length > 0 ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t.sync.pendingHeading}</h2>
          <ul class="plain-list">
            {pending.map((op) => (
              <li key={op.seq}>
                {describe(op)} · {t.sync.attempts(op.attempts)}
              </li>
            ))}
          </ul>
          <button type="button" class="button" onClick={() => void requestSync()}>
            {t.sync.sendNow}
          </button>
        </section>
      ) : null}
      {failed.length > 0 ? (
        <section aria-labelledby="failed-heading">
          <h2 id="failed-heading">{t.sync.failedHeading}</h2>
          <p>{t.sync.failedIntro}</p>
          <ul class="plain-list">
            {failed.map((op) => (
              <li key={op.seq} class="card">
                <p>
                  <strong>{describe(op)}</strong>
                </p>
                <p>
                  {op.error?.status === 409 ? t.sync.conflict : op.error?.detail}{' '}
                  <span class="muted">({t.sync.status(op.error?.status ?? 0)})</span>
                </p>
                <div class="actions">
                  <button type="button" class="button" onClick={() => void retryOp(op.seq ?? -1)}>
                    {t.sync.retry}
                  </button>
                  <button type="button" class="button danger" onClick={() => void discardOp(op.seq ?? -1)}>
                    {t.sync.discard}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
