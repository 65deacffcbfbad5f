/**
 * Settings' clinic part (clinic mode only, its own chunk): who is signed in, the way to the clinic screen and the
 * weekly check-in, adding a passkey, and signing out here or on every device.
 */
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { PasskeyOffer } from '../components/passkey-offer.tsx';
import { account, signOut } from '../lib/account.ts';
import { problemText } from '../lib/problem-text.ts';
import { tc } from '../strings-clinic.ts';

export default function ClinicSettings() {
  const { route } = useLocation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const who = account.value;
  if (!who) return null;
  const leave = async (everywhere: boolean): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setFailure('');
    const outcome = await signOut(everywhere);
    setBusy(false);
    if (outcome.ok) route('/', true);
    else if ('problem' in outcome) setFailure(problemText(outcome.problem));
  };
  return (
    <section class="card" aria-labelledby="account-heading">
      <h2 id="account-heading">{tc.settings.title}</h2>
      <p>{tc.settings.signedInAs(who.displayName)}</p>
      {who.role === 'patient' ? (
        <ul class="plain-list link-list">
          <li>
            <a href="/clinic-sharing">{tc.settings.sharing}</a>
          </li>
          <li>
            <a href="/peg">{tc.settings.peg}</a>
          </li>
        </ul>
      ) : null}
      <h3>{tc.settings.passkeyTitle}</h3>
      <p>{tc.settings.passkeyIntro}</p>
      <PasskeyOffer />
      <div class="actions">
        <button type="button" class="button" aria-disabled={busy} onClick={() => void leave(false)}>
          {busy ? tc.settings.signingOut : tc.settings.signOut}
        </button>
        <button type="button" class="button" aria-disabled={busy} onClick={() => void leave(true)}>
          {tc.settings.signOutEverywhere}
        </button>
      </div>
      <p role="alert" class="field-error">
        {failure}
      </p>
    </section>
  );
}
