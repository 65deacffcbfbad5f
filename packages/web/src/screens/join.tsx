/**
 * Joining a clinic with the invite code a physiotherapist gave (docs/clinic.md "Joining and leaving"). Signed
 * out, the code and a name make the patient's account and sign it in: no e-mail, no password. Then, at once, the
 * offer to add a passkey, so the next sign-in is one tap. Signed in as a patient, a code links one more clinic.
 */
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { PasskeyOffer } from '../components/passkey-offer.tsx';
import { account, redeemInvite, type Problem } from '../lib/account.ts';
import { loadLinks } from '../lib/care.ts';
import { problemText } from '../lib/problem-text.ts';
import { requestSync } from '../lib/records.ts';
import { tc } from '../strings-clinic.ts';

type Field = 'code' | 'name';

function refusal(problem: Problem): { field: Field | null; text: string } {
  if (problem.code === 'invite_unusable') return { field: 'code', text: tc.join.codeUnusable };
  const named = problem.fields?.[0]?.field ?? '';
  if (named.endsWith('displayName')) return { field: 'name', text: tc.join.nameNeeded };
  if (named.endsWith('code')) return { field: 'code', text: tc.join.codeNeeded };
  return { field: null, text: problemText(problem) };
}

/** After a successful join: which clinic, then the passkey offer. Focus moves here, so it is read at once. */
function Joined({ clinic, newAccount }: { clinic: string | null; newAccount: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section class="card" aria-labelledby="joined-heading">
      <h2 id="joined-heading" ref={heading} tabIndex={-1}>
        {clinic === null ? tc.join.joinedSomeone : tc.join.joined(clinic)}
      </h2>
      {newAccount ? (
        <>
          <h3>{tc.join.passkeyTitle}</h3>
          <p>{tc.join.passkeyIntro}</p>
          <PasskeyOffer />
        </>
      ) : null}
      <p>
        <a class="button" href="/">
          {newAccount ? tc.join.later : tc.join.goOn}
        </a>
      </p>
    </section>
  );
}

export default function JoinScreen() {
  const { query } = useLocation();
  const [code, setCode] = useState(query.code ?? '');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: Field | null; text: string } | null>(null);
  const [joined, setJoined] = useState<{ clinic: string | null; newAccount: boolean } | null>(null);
  const signedOut = account.value === null || account.value === undefined;
  const staff = account.value && account.value.role !== 'patient';

  const submit = async (): Promise<void> => {
    if (busy) return;
    if (code.trim() === '') {
      setError({ field: 'code', text: tc.join.codeNeeded });
      return;
    }
    if (signedOut && name.trim() === '') {
      setError({ field: 'name', text: tc.join.nameNeeded });
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await redeemInvite(code.trim(), signedOut ? name.trim() : undefined);
    if (!outcome.ok) {
      setBusy(false);
      if ('problem' in outcome) setError(refusal(outcome.problem));
      return;
    }
    void requestSync();
    const links = await loadLinks();
    const link = links.ok ? links.value.find((l) => l.id === outcome.value) : undefined;
    setBusy(false);
    setJoined({ clinic: link?.clinicName ?? null, newAccount: signedOut });
  };

  const codeError = error?.field === 'code';
  const nameError = error?.field === 'name';
  return (
    <section class="screen join">
      <Heading>{tc.join.title}</Heading>
      {joined ? (
        <Joined clinic={joined.clinic} newAccount={joined.newAccount} />
      ) : staff ? (
        <p class="notice">{tc.join.staff}</p>
      ) : (
        <>
          <p>{tc.join.intro}</p>
          <form
            class="stack"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <div class="field">
              <label for="join-code">{tc.join.code}</label>
              <input
                id="join-code"
                type="text"
                class="join-code"
                autocomplete="one-time-code"
                autocapitalize="characters"
                spellcheck={false}
                maxLength={40}
                aria-describedby={codeError ? 'join-code-hint join-error' : 'join-code-hint'}
                aria-invalid={codeError}
                value={code}
                onInput={(e) => {
                  setCode(e.currentTarget.value);
                }}
              />
              <p class="hint" id="join-code-hint">
                {tc.join.codeHint}
              </p>
            </div>
            {signedOut ? (
              <div class="field">
                <label for="join-name">{tc.join.name}</label>
                <input
                  id="join-name"
                  type="text"
                  autocomplete="name"
                  maxLength={100}
                  aria-describedby={nameError ? 'join-name-hint join-error' : 'join-name-hint'}
                  aria-invalid={nameError}
                  value={name}
                  onInput={(e) => {
                    setName(e.currentTarget.value);
                  }}
                />
                <p class="hint" id="join-name-hint">
                  {tc.join.nameHint}
                </p>
              </div>
            ) : null}
            <p role="alert" id="join-error" class="field-error">
              {error?.text ?? ''}
            </p>
            <button type="submit" class="button primary" aria-disabled={busy}>
              {busy ? tc.join.working : tc.join.submit}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
