/**
 * `/`: the welcome on a first visit; afterwards today's screen, or the result while it says to get help.
 */
import { lazy } from 'preact-iso';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import { Redirect } from '../components/redirect.tsx';
import { mode } from '../lib/instance.ts';
import { episode, latestCheck, ready } from '../lib/records.ts';
import { welcomeOfflineClinic } from '../strings-clinic-shell.ts';
import { t } from '../strings.ts';

const HomeScreen = lazy(() => import('./home.tsx'));

export function Welcome() {
  return (
    <section class="screen welcome">
      <div class="welcome-mark">
        <Icon name="logo" />
      </div>
      <Heading title={t.app.shortName}>{t.welcome.title}</Heading>
      <p class="lead">{t.welcome.tagline}</p>
      <p>{t.welcome.what}</p>
      <aside class="card card-caution" aria-labelledby="not-diagnosis">
        <h2 id="not-diagnosis">{t.welcome.notDiagnosisTitle}</h2>
        <p>{t.welcome.notDiagnosis}</p>
      </aside>
      <p class="muted">{t.welcome.time}</p>
      {/* Above the fold on a phone: what it is and that it is not a diagnosis come first, the rest after. */}
      <a class="button primary wide" href="/check?q=1">
        {t.welcome.start}
      </a>
      <p class="center">
        <a href="/learn">{t.welcome.learn}</a>
      </p>
      {/* The prerendered first paint is personal mode's; clinic mode's words replace it once the mode is known. */}
      <p>{mode.value === 'clinic' ? welcomeOfflineClinic : t.welcome.offline}</p>
    </section>
  );
}

export function StartScreen() {
  const latest = latestCheck.value;
  if (!ready.value || (!latest && !episode.value)) return <Welcome />;
  const disposition = latest?.result.disposition;
  if (!latest || disposition === 'emergency' || disposition === 'urgent')
    return <Redirect to={latest ? '/result' : '/check'} />;
  if (!episode.value) return <Redirect to="/check" />;
  return <HomeScreen />;
}
