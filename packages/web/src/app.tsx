/**
 * The app shell: skip link, header (sync state, settings, theme), the screens, and the bottom navigation. Heavy
 * screens (plan, session player, diary with its chart, the library with its search index) and the rarely used
 * ones (settings, summary, outbox) load on demand; the welcome, the check and its result are in the first bundle
 * so the safety path never waits for the network.
 *
 * Clinic mode (lib/instance.ts) adds the sign-in, join and clinic screens and the clinician's workspace, each its
 * own chunk: personal mode has no route to them, so it never downloads them. The clinic gate (who is signed in)
 * is a chunk too, mounted only in clinic mode.
 */
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { noteUrl } from './components/heading.tsx';
import { Header } from './components/header.tsx';
import { Nav } from './components/nav.tsx';
import { Redirect } from './components/redirect.tsx';
import { redirectFor, showNavigation } from './lib/gate.ts';
import { loadInstance, mode, modeSettled } from './lib/instance.ts';
import { episode, latestCheck, ready } from './lib/records.ts';
import { CheckScreen } from './screens/check.tsx';
import { NotFound } from './screens/not-found.tsx';
import { ResultScreen } from './screens/result.tsx';
import { StartScreen } from './screens/start.tsx';
import { t } from './strings.ts';

const PreferencesScreen = lazy(() => import('./screens/preferences.tsx'));
const PlanScreen = lazy(() => import('./screens/plan.tsx'));
const SessionScreen = lazy(() => import('./screens/session.tsx'));
const DiaryScreen = lazy(() => import('./screens/diary.tsx'));
const DiaryEditScreen = lazy(() => import('./screens/diary-edit.tsx'));
const LearnScreen = lazy(() => import('./screens/learn.tsx'));
const LearnEntryScreen = lazy(() => import('./screens/learn-entry.tsx'));
const OutboxScreen = lazy(() => import('./screens/outbox.tsx'));
const SummaryScreen = lazy(() => import('./screens/summary.tsx'));
const SettingsScreen = lazy(() => import('./screens/settings.tsx'));

// Clinic mode only.
const ClinicGate = lazy(() => import('./screens/clinic-gate.tsx'));
const SignInScreen = lazy(() => import('./screens/sign-in.tsx'));
const JoinScreen = lazy(() => import('./screens/join.tsx'));
const EnrolScreen = lazy(() => import('./screens/enrol.tsx'));
const ClinicSharingScreen = lazy(() => import('./screens/clinic-sharing.tsx'));
const PegScreen = lazy(() => import('./screens/peg.tsx'));
const ClinicianWorkspace = lazy(() => import('./clinician/workspace.tsx'));

/** Addresses that exist only in clinic mode: before the server has said which mode this is, they wait. */
const clinicPaths = ['/sign-in', '/join', '/enrol', '/clinic-sharing', '/peg'];
const isWorkspace = (path: string): boolean => path === '/clinic' || path.startsWith('/clinic/');

const clinicRoutes = [
  <Route key="sign-in" path="/sign-in" component={SignInScreen} />,
  <Route key="join" path="/join" component={JoinScreen} />,
  <Route key="enrol" path="/enrol" component={EnrolScreen} />,
  <Route key="clinic-sharing" path="/clinic-sharing" component={ClinicSharingScreen} />,
  <Route key="peg" path="/peg" component={PegScreen} />,
];

/**
 * The clinician's workspace owns the whole page (its own header, navigation and `<main id="main">`): a desktop
 * layout, not the patient's phone column. It checks its own session and sends a signed-out person to /sign-in.
 */
function Workspace() {
  return (
    <ErrorBoundary>
      <Router>
        {/* `/clinic/*` needs a segment after the slash: the workspace's home is `/clinic` itself. */}
        <Route path="/clinic" component={ClinicianWorkspace} />
        <Route path="/clinic/*" component={ClinicianWorkspace} />
        <Route default component={NotFound} />
      </Router>
    </ErrorBoundary>
  );
}

function Screens() {
  const { path, url } = useLocation();
  noteUrl(url);
  // The first render takes over the welcome prerendered into index.html (main.tsx hydrates it). It must render
  // what the prerender did: a lazy chunk that suspends while hydrating would leave the prerendered welcome in the
  // page beside the screen that replaces it. So the clinic parts join from the second render on.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    void loadInstance();
  }, []);
  const clinic = mode.value === 'clinic' && hydrated;
  const waiting = !clinic && !modeSettled.value && (clinicPaths.includes(path) || isWorkspace(path));
  const latest = latestCheck.value?.result.disposition ?? null;
  const redirect = ready.value ? redirectFor(path, latest, episode.value !== null) : null;
  const navigation = showNavigation(latest);
  if (clinic && isWorkspace(path)) return <Workspace />;
  const screens = redirect ? (
    <Redirect to={redirect} />
  ) : waiting ? (
    <p role="status">{t.app.loading}</p>
  ) : (
    <Router>
      <Route path="/" component={StartScreen} />
      <Route path="/check" component={CheckScreen} />
      <Route path="/result" component={ResultScreen} />
      <Route path="/preferences" component={PreferencesScreen} />
      <Route path="/plan" component={PlanScreen} />
      <Route path="/session/:id" component={SessionScreen} />
      <Route path="/diary" component={DiaryScreen} />
      <Route path="/diary/new" component={DiaryEditScreen} />
      <Route path="/diary/:entryId" component={DiaryEditScreen} />
      <Route path="/learn" component={LearnScreen} />
      <Route path="/learn/:id" component={LearnEntryScreen} />
      <Route path="/outbox" component={OutboxScreen} />
      <Route path="/summary" component={SummaryScreen} />
      <Route path="/settings" component={SettingsScreen} />
      {clinic ? clinicRoutes : []}
      <Route default component={NotFound} />
    </Router>
  );
  return (
    <>
      <Header path={path} settings={navigation} />
      <main id="main">
        <ErrorBoundary>{clinic ? <ClinicGate path={path}>{screens}</ClinicGate> : screens}</ErrorBoundary>
      </main>
      {navigation ? <Nav path={path} /> : null}
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <Screens />
    </LocationProvider>
  );
}
