/**
 * "Add a passkey": offered at once after joining or enrolling (so the next sign-in needs nothing typed), and in
 * Settings. The result is announced in a status region; a cancelled prompt is not an error.
 */
import { useState } from 'preact/hooks';
import { addPasskey, type Outcome } from '../lib/account.ts';
import { problemText } from '../lib/problem-text.ts';
import { tc } from '../strings-clinic.ts';

function outcomeText(outcome: Outcome<string>): string {
  if (outcome.ok) return tc.passkey.added;
  if ('cancelled' in outcome) return tc.passkey.cancelled;
  if ('unsupported' in outcome) return tc.passkey.unsupported;
  return problemText(outcome.problem);
}

export function PasskeyOffer({ onAdded }: { onAdded?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome<string> | null>(null);
  const add = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const result = await addPasskey();
    setBusy(false);
    setOutcome(result);
    if (result.ok) onAdded?.();
  };
  return (
    <>
      {/* Stays after success: the focus stays put, and a second device may want its own passkey. */}
      <button type="button" class="button primary" aria-disabled={busy} onClick={() => void add()}>
        {busy ? tc.passkey.working : tc.passkey.add}
      </button>
      <p role="status" class={outcome && !outcome.ok && 'problem' in outcome ? 'field-error' : undefined}>
        {outcome ? outcomeText(outcome) : ''}
      </p>
    </>
  );
}
