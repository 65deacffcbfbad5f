/**
 * Sessions another device (a phone, another browser) has in progress, or left unfinished: shown on Today and the
 * plan, so the person does not start the same one twice. Read from the synced session logs (lib/records.ts).
 */
import { getEntry } from '@unknot/core';
import { formatDateTime } from '../lib/dates.ts';
import { sessions } from '../lib/records.ts';
import { loadRun, runningSessionId } from '../lib/running-session.ts';
import { sessionsElsewhere } from '../lib/sessions-elsewhere.ts';
import { t } from '../strings.ts';

export function SessionsElsewhere() {
  const ownRun = runningSessionId();
  const ownLogId = ownRun === null ? null : (loadRun(ownRun).logId ?? null);
  const { running, unfinished } = sessionsElsewhere(sessions.value, ownLogId, Date.now());
  if (running.length === 0 && unfinished.length === 0) return null;
  const title = (protocolId: string): string => getEntry(protocolId)?.title ?? protocolId;
  return (
    <>
      {running.length > 0 ? (
        <section class="card sessions-elsewhere" aria-labelledby="elsewhere-heading" data-testid="elsewhere">
          <h2 id="elsewhere-heading">{t.sync.elsewhereTitle}</h2>
          <ul class="plain-list">
            {running.map((log) => (
              <li key={log.id}>{t.sync.elsewhere(title(log.protocolId), formatDateTime(log.startedAt))}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {unfinished.length > 0 ? (
        <section class="card sessions-elsewhere" aria-labelledby="unfinished-heading">
          <h2 id="unfinished-heading">{t.sync.unfinishedTitle}</h2>
          <ul class="plain-list">
            {unfinished.map((log) => (
              <li key={log.id}>{t.sync.unfinished(title(log.protocolId), formatDateTime(log.startedAt))}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
