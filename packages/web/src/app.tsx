/**
 * The app shell: skip link, header (sync state, settings, theme), the screens, and the bottom navigation. Heavy
 * screens (plan, session player, diary with its chart, the library with its search index) and the rarely used
 * ones (settings, summary, outbox) load on demand; the welcome, the check and its result are in the first bundle
 * so the safety path never waits for the network.
 */
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { noteUrl } from './components/heading.tsx';
import { Header } from './components/header.tsx';
import { Nav } from './components/nav.tsx';
import { Redirect } from './components/redirect.tsx';
import { redirectFor, showNavigation } from './lib/gate.ts';
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

function Screens() {
  const { path, url } = useLocation();
  noteUrl(url);
  const latest = latestCheck.value?.result.disposition ?? null;
  const redirect = ready.value ? redirectFor(path, latest, episode.value !== null) : null;
  const navigation = showNavigation(latest);
  return (
    <>
      <Header path={path} settings={navigation} />
      <main id="main">
        {redirect ? (
          <Redirect to={redirect} />
        ) : (
          <ErrorBoundary>
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
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        )}
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
