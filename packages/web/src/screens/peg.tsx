/**
 * The weekly PEG-3 check-in (docs/clinic.md "PEG-3"): pain on average, and how much pain interfered with
 * enjoyment of life and with general activity, each 0–10, about the past week. Saved through the sync layer
 * (on this device first, then to the server), so it works offline. Due once a local week (lib/peg-due.ts).
 */
import { pegScore, type PegInput } from '@unknot/core';
import { useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { deviceTimeZone, formatDateTime } from '../lib/dates.ts';
import { pegDue } from '../lib/peg-due.ts';
import { addPegScore, episode, pegScores } from '../lib/records.ts';
import { tc } from '../strings-clinic.ts';

const questions = ['pain', 'enjoyment', 'activity'] as const satisfies readonly (keyof PegInput)[];
type Answers = Partial<PegInput>;

function Question({
  id,
  value,
  invalid,
  onChange,
}: {
  id: (typeof questions)[number];
  value: number | undefined;
  invalid: boolean;
  onChange: (n: number) => void;
}) {
  const [low, high] = tc.peg.ends[id];
  return (
    <fieldset class="peg-question" aria-describedby={invalid ? `peg-${id}-ends peg-error` : `peg-${id}-ends`}>
      <legend>{tc.peg.questions[id]}</legend>
      <p class="hint scale-ends" id={`peg-${id}-ends`}>
        <span>{low}</span> <span>{high}</span>
      </p>
      <div class="pain-scale">
        {Array.from({ length: 11 }, (_, n) => (
          <label key={n} class="pain-option">
            <input
              type="radio"
              name={`peg-${id}`}
              value={n}
              checked={value === n}
              onChange={() => {
                onChange(n);
              }}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function PegScreen() {
  const [answers, setAnswers] = useState<Answers>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const timeZone = episode.value?.timeZone ?? deviceTimeZone();
  const scores = pegScores.value;
  const due = pegDue(scores, new Date(), timeZone);
  const latest = [...scores].sort((a, b) => (a.at < b.at ? 1 : -1))[0];

  const save = async (): Promise<void> => {
    if (busy) return;
    const { pain, enjoyment, activity } = answers;
    if (pain === undefined || enjoyment === undefined || activity === undefined) {
      setMissing(true);
      // The first unanswered question, so a keyboard user lands where the answer is needed.
      const first = questions.find((q) => answers[q] === undefined);
      document.querySelector<HTMLInputElement>(`input[name="peg-${first ?? 'pain'}"]`)?.focus();
      return;
    }
    setBusy(true);
    await addPegScore({ pain, enjoyment, activity });
    setBusy(false);
    setSaved(true);
    requestAnimationFrame(() => savedRef.current?.focus());
  };

  return (
    <section class="screen peg">
      <Heading>{tc.peg.title}</Heading>
      {saved ? (
        <>
          <p class="notice" ref={savedRef} tabIndex={-1} role="status">
            {tc.peg.saved}
          </p>
          <a class="button primary" href="/">
            {tc.peg.goHome}
          </a>
        </>
      ) : !due && latest ? (
        <>
          <p class="notice">{tc.peg.done(formatDateTime(latest.at))}</p>
          <a class="button" href="/">
            {tc.peg.goHome}
          </a>
        </>
      ) : (
        <form
          class="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <p>{tc.peg.intro}</p>
          {questions.map((id) => (
            <Question
              key={id}
              id={id}
              value={answers[id]}
              invalid={missing && answers[id] === undefined}
              onChange={(n) => {
                setAnswers({ ...answers, [id]: n });
              }}
            />
          ))}
          <p role="alert" id="peg-error" class="field-error">
            {missing && questions.some((q) => answers[q] === undefined) ? tc.peg.missing : ''}
          </p>
          <button type="submit" class="button primary" aria-disabled={busy}>
            {busy ? tc.peg.saving : tc.peg.save}
          </button>
        </form>
      )}
      {scores.length > 0 ? (
        <section aria-labelledby="peg-history-heading">
          <h2 id="peg-history-heading">{tc.peg.history}</h2>
          <ul class="plain-list">
            {[...scores]
              .sort((a, b) => (a.at < b.at ? 1 : -1))
              .map((score) => (
                <li key={score.id}>
                  {formatDateTime(score.at)}: {tc.peg.score(pegScore(score).toFixed(1))}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
