/**
 * The one-time enrolment link an admin hands a clinician (`<origin>/enrol#<token>`, docs/clinic.md): the token
 * is in the fragment, so it never reaches a server log or a Referer. One press redeems it and signs in; then the
 * offer to add a passkey, and on to the person's place (the workspace for staff).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { PasskeyOffer } from '../components/passkey-offer.tsx';
import { account, enrol, homeOf } from '../lib/account.ts';
import { problemText } from '../lib/problem-text.ts';
import { tc } from '../strings-clinic.ts';

function tokenOfPage(): string {
  return typeof location === 'undefined' ? '' : decodeURIComponent(location.hash.replace(/^#/, ''));
}

export default function EnrolScreen() {
  const [token] = useState(tokenOfPage);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState(false);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  const start = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setFailure('');
    const outcome = await enrol(token);
    setBusy(false);
    if (outcome.ok) {
      // The token is spent: take it out of the address bar and the history.
      history.replaceState(history.state, '', location.pathname);
      setDone(true);
    } else if ('problem' in outcome) {
      setFailure(
        outcome.problem.code === 'invite_unusable' ? tc.enrol.unusable : problemText(outcome.problem),
      );
    }
  };

  const current = account.value;
  return (
    <section class="screen enrol">
      <Heading>{tc.enrol.title}</Heading>
      {done && current ? (
        <section class="card" aria-labelledby="enrolled-heading">
          <h2 id="enrolled-heading" ref={doneHeading} tabIndex={-1}>
            {tc.enrol.done(current.displayName)}
          </h2>
          <p>{tc.join.passkeyIntro}</p>
          <PasskeyOffer />
          <p>
            <a class="button" href={homeOf(current.role)}>
              {tc.join.goOn}
            </a>
          </p>
        </section>
      ) : token === '' ? (
        <p class="notice">{tc.enrol.noToken}</p>
      ) : (
        <>
          <p>{tc.enrol.intro}</p>
          <button type="button" class="button primary" aria-disabled={busy} onClick={() => void start()}>
            {busy ? tc.enrol.working : tc.enrol.submit}
          </button>
          <p role="alert" class="field-error">
            {failure}
          </p>
        </>
      )}
    </section>
  );
}
