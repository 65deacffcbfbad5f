/**
 * The home screen's reminder of the weekly PEG check-in (clinic mode): shown while this week's is not answered
 * (lib/peg-due.ts). Personal mode has no clinician to read it, so it shows nothing there.
 */
import { deviceTimeZone } from '../lib/dates.ts';
import { mode } from '../lib/instance.ts';
import { pegDue } from '../lib/peg-due.ts';
import { episode, pegScores } from '../lib/records.ts';
import { pegPromptText } from '../strings-clinic-shell.ts';

export function PegPrompt() {
  if (mode.value !== 'clinic') return null;
  const timeZone = episode.value?.timeZone ?? deviceTimeZone();
  if (!pegDue(pegScores.value, new Date(), timeZone)) return null;
  return (
    <section class="card peg-prompt" aria-labelledby="peg-prompt-heading">
      <h2 id="peg-prompt-heading">{pegPromptText.title}</h2>
      <p>{pegPromptText.body}</p>
      <a class="button primary" href="/peg">
        {pegPromptText.action}
      </a>
    </section>
  );
}
