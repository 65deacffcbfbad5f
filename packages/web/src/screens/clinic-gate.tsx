/**
 * Clinic mode's front door, loaded only in clinic mode. It asks who is signed in (once per page load, and again
 * when any request finds the session over), applies the clinic gate (lib/gate.ts `clinicRedirectFor`) and shows a
 * signed-out person at `/` the choice: sign in, join with a code — or do the safety check, which needs no
 * account (safety first: docs/clinic.md "In the web app").
 */
import { useSignalEffect } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { Redirect } from '../components/redirect.tsx';
import { account, loadSession, noteSignInNeeded } from '../lib/account.ts';
import { signInNeeded } from '../lib/api.ts';
import { clinicRedirectFor } from '../lib/gate.ts';
import { requestSync } from '../lib/records.ts';
import { tc } from '../strings-clinic.ts';

function SignedOutChoice() {
  return (
    <section class="screen clinic-welcome">
      <Heading>{tc.welcome.title}</Heading>
      <p class="lead">{tc.welcome.intro}</p>
      <div class="actions">
        <a class="button primary" href="/sign-in">
          {tc.welcome.signIn}
        </a>
        <a class="button" href="/join">
          {tc.welcome.join}
        </a>
      </div>
      <section class="card card-caution" aria-labelledby="check-first-heading">
        <h2 id="check-first-heading">{tc.welcome.checkTitle}</h2>
        <p>{tc.welcome.checkIntro}</p>
        <a class="button" href="/check">
          {tc.welcome.check}
        </a>
      </section>
    </section>
  );
}

let asked = false;

export default function ClinicGate({ path, children }: { path: string; children: ComponentChildren }) {
  useEffect(() => {
    if (asked) return;
    asked = true;
    void loadSession().then((who) => {
      // A patient's records come from the server: pull them as soon as the session is known.
      if (who?.role === 'patient') void requestSync();
    });
  }, []);
  // A 401 from any request (api.ts) signs the person out here too, and the gate closes.
  useSignalEffect(() => {
    if (signInNeeded.value) noteSignInNeeded();
  });
  const who = account.value;
  if (who === undefined) {
    return (
      <p class="screen" role="status">
        {tc.loading}
      </p>
    );
  }
  const redirect = clinicRedirectFor(path, who?.role ?? null);
  if (redirect !== null) return <Redirect to={redirect} />;
  if (who === null && path === '/') return <SignedOutChoice />;
  return <>{children}</>;
}
