/**
 * Sign-in (clinic mode): the passkey first — one button, no e-mail, the browser offers the passkeys it holds for
 * this site — and e-mail with password as the fallback, folded away below. Once signed in, a patient goes to
 * their app and a clinician or clinic admin to the workspace.
 */
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import {
  account,
  homeOf,
  signInWithPasskey,
  signInWithPassword,
  signOut,
  type Outcome,
} from '../lib/account.ts';
import { problemText } from '../lib/problem-text.ts';
import { requestSync } from '../lib/records.ts';
import { tc } from '../strings-clinic.ts';

/** How long a locked account waits (docs/clinic.md: five failures lock it for 15 minutes). */
const lockMinutes = 15;

function failureText(kind: 'passkey' | 'password', outcome: Exclude<Outcome, { ok: true }>): string {
  if ('cancelled' in outcome) return tc.signIn.cancelled;
  if ('unsupported' in outcome) return tc.signIn.unsupported;
  const { problem } = outcome;
  if (problem.code === 'account_locked') return tc.signIn.locked(lockMinutes);
  if (problem.code === 'invalid_credentials') {
    // The same answer for an unknown e-mail and a wrong password (docs/clinic.md): it says neither.
    return kind === 'passkey' ? tc.signIn.unknownPasskey : tc.signIn.wrongPassword;
  }
  return problemText(problem);
}

function AlreadySignedIn({ name, home }: { name: string; home: string }) {
  return (
    <section class="screen sign-in">
      <Heading>{tc.signIn.title}</Heading>
      <p>{tc.signIn.signedInAs(name)}</p>
      <div class="actions">
        <a class="button primary" href={home}>
          {tc.signIn.continue}
        </a>
        <button type="button" class="button" onClick={() => void signOut()}>
          {tc.settings.signOut}
        </button>
      </div>
    </section>
  );
}

export default function SignInScreen() {
  const { route } = useLocation();
  const [busy, setBusy] = useState<'passkey' | 'password' | null>(null);
  const [failure, setFailure] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const current = account.value;
  if (current) return <AlreadySignedIn name={current.displayName} home={homeOf(current.role)} />;

  const attempt = async (kind: 'passkey' | 'password', run: () => Promise<Outcome>): Promise<void> => {
    if (busy) return;
    setBusy(kind);
    setFailure('');
    const outcome = await run();
    setBusy(null);
    if (!outcome.ok) {
      setFailure(failureText(kind, outcome));
      return;
    }
    if (outcome.value.role === 'patient') void requestSync();
    route(homeOf(outcome.value.role));
  };

  return (
    <section class="screen sign-in">
      <Heading>{tc.signIn.title}</Heading>
      <p>{tc.signIn.intro}</p>
      <button
        type="button"
        class="button primary wide"
        aria-disabled={busy !== null}
        onClick={() => void attempt('passkey', signInWithPasskey)}
      >
        {busy === 'passkey' ? tc.signIn.working : tc.signIn.passkey}
      </button>
      <p role="status" class="field-error" data-testid="sign-in-problem">
        {failure}
      </p>
      <details class="card password-sign-in">
        <summary>{tc.signIn.passwordTitle}</summary>
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void attempt('password', () => signInWithPassword(email.trim(), password));
          }}
        >
          <div class="field">
            <label for="sign-in-email">{tc.signIn.email}</label>
            <input
              id="sign-in-email"
              type="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => {
                setEmail(e.currentTarget.value);
              }}
            />
          </div>
          <div class="field">
            <label for="sign-in-password">{tc.signIn.password}</label>
            <input
              id="sign-in-password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => {
                setPassword(e.currentTarget.value);
              }}
            />
          </div>
          <button type="submit" class="button" aria-disabled={busy !== null}>
            {tc.signIn.submit}
          </button>
        </form>
      </details>
      <p>
        {tc.signIn.newHere} <a href="/join">{tc.signIn.joinLink}</a>
      </p>
    </section>
  );
}
