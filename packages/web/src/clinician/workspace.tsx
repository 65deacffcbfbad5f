/**
 * The clinician's workspace, mounted by the app at /clinic/* as one lazy chunk (a patient in personal mode never
 * downloads it). It owns the whole page: a navigation bar (a sidebar on a desktop, a top bar on a tablet) and
 * the wide content area (`main`, the app's skip-link target) with the patient list, a patient's page and the
 * invite codes.
 *
 * It asks who is signed in first (lib/account.ts, which also keeps the CSRF token): signed out, now or on any
 * later request's 401 → the sign-in screen; signed in without the clinician role → a message, since every route
 * here answers 403 to anyone else.
 */
import { ErrorBoundary, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { account, loadSession, signOut } from '../lib/account.ts';
import { signInNeeded } from '../lib/api.ts';
import { NotFound } from '../screens/not-found.tsx';
import { InvitesScreen } from './invites.tsx';
import { PatientListScreen } from './patient-list.tsx';
import { PatientScreen } from './patient-page.tsx';
import { clinicPaths, signInPath } from './paths.ts';
import { c } from './strings.ts';
import './workspace.css';

function WorkspaceNav({ path, name }: { path: string; name: string | null }) {
  const { route } = useLocation();
  const [failed, setFailed] = useState(false);
  const onPatients = path === '/clinic' || path === '/clinic/' || path.startsWith('/clinic/patients');
  const leave = async () => {
    const answer = await signOut();
    if (answer.ok) route(signInPath);
    else setFailed(true);
  };
  return (
    <nav class="clinic-nav" aria-label={c.workspace.nav}>
      <p class="clinic-nav-title">{c.workspace.title}</p>
      <ul>
        <li>
          <a href={clinicPaths.list} aria-current={onPatients ? 'page' : undefined}>
            {c.workspace.patients}
          </a>
        </li>
        <li>
          <a
            href={clinicPaths.invites}
            aria-current={path.startsWith(clinicPaths.invites) ? 'page' : undefined}
          >
            {c.workspace.invites}
          </a>
        </li>
      </ul>
      {name === null ? null : (
        <div class="clinic-nav-who">
          <p class="muted">{c.workspace.signedInAs(name)}</p>
          <button type="button" class="link-button" onClick={() => void leave()}>
            {c.workspace.signOut}
          </button>
          {failed ? (
            <p class="field-error" role="alert">
              {c.workspace.signOutFailed}
            </p>
          ) : null}
        </div>
      )}
    </nav>
  );
}

function ToSignIn() {
  const { route } = useLocation();
  useEffect(() => {
    route(signInPath, true);
  }, [route]);
  return <p role="status">{c.workspace.signingIn}</p>;
}

export default function ClinicWorkspace() {
  const { path } = useLocation();
  useEffect(() => {
    void loadSession();
  }, []);

  const who = account.value;
  let content;
  if (signInNeeded.value || who === null) content = <ToSignIn />;
  else if (who === undefined) content = <p role="status">{c.workspace.loading}</p>;
  else if (who.role !== 'clinician') content = <p class="notice">{c.workspace.notClinician}</p>;
  else
    content = (
      <ErrorBoundary>
        {/* Both forms of each path: mounted at `/clinic/*` the router sees the rest (`/invites`); at `/clinic`
            (which `/clinic/*` does not match) it sees the whole path. preact-iso cannot be told which. */}
        <Router>
          <Route path="/" component={PatientListScreen} />
          <Route path="/clinic" component={PatientListScreen} />
          <Route path="/patients/:id" component={PatientScreen} />
          <Route path="/clinic/patients/:id" component={PatientScreen} />
          <Route path="/invites" component={InvitesScreen} />
          <Route path="/clinic/invites" component={InvitesScreen} />
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    );

  return (
    <div class="clinic-workspace">
      <WorkspaceNav path={path} name={who ? who.displayName : null} />
      <main id="main" class="clinic-content">
        {content}
      </main>
    </div>
  );
}
