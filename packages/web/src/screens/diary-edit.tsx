/**
 * Add or edit a diary entry, with every field the API takes: time, pain, pattern, what makes it worse and what
 * eases it (known factors and free text), what the person did (library items), medicines, sleep and a note.
 * Checked here against the same limits the server applies, so a queued write is not refused later.
 */
import { easeFactors, knowledgeEntries, worseFactors, type DiaryEntry, type Kind } from '@unknot/core';
import { useLocation } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import { fromLocalInput, toLocalInput } from '../lib/dates.ts';
import { diaryTimeError } from '../lib/diary-time.ts';
import { formatDateTime } from '../lib/dates.ts';
import {
  addDiaryEntry,
  conflicts,
  diary,
  dismissConflict,
  episode,
  restoreConflict,
  updateDiaryEntry,
  type DiaryDraft,
  type HistoryItem,
} from '../lib/records.ts';
import { t } from '../strings.ts';

const treatmentKinds: readonly Kind[] = [
  'treatment',
  'exercise',
  'position',
  'medication',
  'remedy',
  'professional_care',
];

interface Medicine {
  name: string;
  dose: string;
  /** A `datetime-local` value, or '' when not given. */
  at: string;
}

/** The knowledge base's medicines, offered as names to pick (free text stays allowed). */
const medicineNames: readonly string[] = knowledgeEntries
  .filter((e) => e.kind === 'medication')
  .map((e) => e.title)
  .sort((a, b) => a.localeCompare(b));

interface Form {
  at: string;
  pain: number | null;
  pattern: '' | 'constant' | 'intermittent';
  worse: string[];
  worseText: string;
  better: string[];
  betterText: string;
  treatments: string[];
  medicines: Medicine[];
  sleepHours: string;
  note: string;
}

type Errors = Partial<
  Record<'at' | 'pain' | 'sleepHours' | 'medicines' | 'note' | 'worseText' | 'betterText', string>
>;

function formFrom(entry: DiaryEntry | undefined): Form {
  return {
    at: toLocalInput(entry?.at ?? new Date().toISOString()),
    pain: entry?.pain ?? null,
    pattern: entry?.pattern ?? '',
    worse: [...(entry?.worse?.known ?? [])],
    worseText: entry?.worse?.text ?? '',
    better: [...(entry?.better?.known ?? [])],
    betterText: entry?.better?.text ?? '',
    treatments: [...(entry?.treatments ?? [])],
    medicines: (entry?.medicines ?? []).map((m) => ({
      name: m.name,
      dose: m.dose ?? '',
      at: m.at === undefined ? '' : toLocalInput(m.at),
    })),
    sleepHours: entry?.sleepHours === undefined ? '' : String(entry.sleepHours),
    note: entry?.note ?? '',
  };
}

/** The form as an API body, or the problems that stand in the way (same limits as diaryEntryInputSchema). */
export function toDraft(
  form: Form,
  onEpisode: Parameters<typeof diaryTimeError>[1],
): { draft: DiaryDraft } | { errors: Errors } {
  const errors: Errors = {};
  const at = fromLocalInput(form.at);
  if (at === null) errors.at = t.diary.invalid;
  else {
    const outside = diaryTimeError(at, onEpisode);
    if (outside !== null) errors.at = outside;
  }
  if (form.pain === null || !Number.isInteger(form.pain) || form.pain < 0 || form.pain > 10)
    errors.pain = t.diary.invalid;
  let sleepHours: number | undefined;
  if (form.sleepHours.trim() !== '') {
    sleepHours = Number(form.sleepHours.replace(',', '.'));
    if (!Number.isFinite(sleepHours) || sleepHours < 0 || sleepHours > 24)
      errors.sleepHours = t.diary.invalid;
  }
  const medicines = form.medicines
    .map((m) => ({ name: m.name.trim(), dose: m.dose.trim(), at: m.at === '' ? null : fromLocalInput(m.at) }))
    .filter((m) => m.name !== '' || m.dose !== '');
  if (
    medicines.some(
      (m) =>
        m.name === '' ||
        m.name.length > 100 ||
        m.dose.length > 100 ||
        (m.at !== null && diaryTimeError(m.at, onEpisode) !== null),
    ) ||
    medicines.length > 20 ||
    form.medicines.some((m) => m.at !== '' && fromLocalInput(m.at) === null)
  ) {
    errors.medicines = t.diary.invalid;
  }
  if (form.note.length > 2000) errors.note = t.diary.invalid;
  if (form.worseText.length > 500) errors.worseText = t.diary.invalid;
  if (form.betterText.length > 500) errors.betterText = t.diary.invalid;
  if (Object.keys(errors).length > 0 || at === null || form.pain === null) return { errors };

  const draft: DiaryDraft = { at, pain: form.pain };
  if (form.pattern) draft.pattern = form.pattern;
  if (form.worse.length > 0 || form.worseText.trim()) {
    draft.worse = { known: worseFactors.filter((f) => form.worse.includes(f)) };
    if (form.worseText.trim()) draft.worse.text = form.worseText.trim();
  }
  if (form.better.length > 0 || form.betterText.trim()) {
    draft.better = { known: easeFactors.filter((f) => form.better.includes(f)) };
    if (form.betterText.trim()) draft.better.text = form.betterText.trim();
  }
  if (form.treatments.length > 0) draft.treatments = [...form.treatments];
  if (medicines.length > 0)
    draft.medicines = medicines.map((m) => ({
      name: m.name,
      ...(m.dose ? { dose: m.dose } : {}),
      ...(m.at === null ? {} : { at: m.at }),
    }));
  if (sleepHours !== undefined) draft.sleepHours = sleepHours;
  if (form.note.trim()) draft.note = form.note.trim();
  return { draft };
}

function Checkboxes(props: {
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="chips">
        {props.options.map((o) => (
          <label key={o.value} class="check-row">
            <input
              type="checkbox"
              name={props.name}
              value={o.value}
              checked={props.chosen.includes(o.value)}
              onChange={(event) => {
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.chosen, o.value]
                    : props.chosen.filter((v) => v !== o.value),
                );
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} class="field-error">
      {error}
    </p>
  ) : null;
}

/**
 * The entry was edited on two devices and the later edit won (docs/sync.md): the edit it replaced, from the
 * episode's history, and a way to put it back (a new edit) or to keep the entry as it is.
 */
function ConflictNotice({
  item,
  onRestored,
}: {
  item: HistoryItem;
  onRestored: (entry: DiaryEntry) => void;
}) {
  const replaced = item.record as DiaryEntry;
  return (
    <section class="card card-caution conflict-notice" aria-labelledby="conflict-heading" role="region">
      <h2 id="conflict-heading">{t.sync.conflictTitle}</h2>
      <p>{t.sync.conflictIntro}</p>
      <p data-testid="replaced-entry">
        <strong>{t.diary.painValue(replaced.pain)}</strong>, {formatDateTime(replaced.at)}
        {replaced.note ? ` — ${replaced.note}` : ''}
      </p>
      <p class="muted">{t.sync.conflictReplacedAt(formatDateTime(item.replacedAt))}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            void restoreConflict(item).then(() => {
              onRestored(replaced);
            });
          }}
        >
          {t.sync.conflictRestore}
        </button>
        <button type="button" class="button" onClick={() => void dismissConflict(item)}>
          {t.sync.conflictKeep}
        </button>
      </div>
    </section>
  );
}

export default function DiaryEditScreen({ entryId }: { entryId?: string }) {
  const { route } = useLocation();
  const existing = entryId === undefined ? undefined : diary.value.find((e) => e.id === entryId);
  const [form, setForm] = useState<Form>(() => formFrom(existing));
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof Form>(key: K, value: Form[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
  };
  /** Changes one field of the i-th medicine row. */
  const setMedicine = (i: number, change: Partial<Form['medicines'][number]>): void => {
    set(
      'medicines',
      form.medicines.map((x, j) => (j === i ? { ...x, ...change } : x)),
    );
  };
  const treatmentOptions = useMemo(
    () =>
      knowledgeEntries
        .filter((e) => treatmentKinds.includes(e.kind))
        .map((e) => ({ value: e.id, label: e.title }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [],
  );
  const title = existing ? t.diary.editTitle : t.diary.newTitle;
  const conflict = conflicts.value.find((c) => c.kind === 'diary' && c.id === entryId);
  const [restored, setRestored] = useState(false);

  if (entryId !== undefined && !existing) {
    return (
      <section class="screen">
        <Heading>{t.app.notFoundTitle}</Heading>
        <a href="/diary">{t.diary.title}</a>
      </section>
    );
  }

  return (
    <section class="screen diary-edit">
      <Heading>{title}</Heading>
      {conflict ? (
        <ConflictNotice
          item={conflict}
          onRestored={(entry) => {
            setForm(formFrom(entry));
            setRestored(true);
          }}
        />
      ) : null}
      {restored ? (
        <p role="status" class="notice">
          {t.sync.conflictRestored}
        </p>
      ) : null}
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const result = toDraft(form, episode.value);
          if ('errors' in result) {
            setErrors(result.errors);
            return;
          }
          const save = existing ? updateDiaryEntry(existing.id, result.draft) : addDiaryEntry(result.draft);
          void save.then(() => {
            route('/diary');
          });
        }}
      >
        {Object.keys(errors).length > 0 ? (
          <p class="field-error" role="alert">
            {t.diary.invalid}
          </p>
        ) : null}
        <div class="field">
          <label for="diary-at">{t.diary.at}</label>
          <input
            id="diary-at"
            type="datetime-local"
            value={form.at}
            aria-invalid={errors.at !== undefined}
            aria-describedby={errors.at ? 'diary-at-error' : undefined}
            onInput={(event) => {
              set('at', event.currentTarget.value);
            }}
          />
          <ErrorText id="diary-at-error" error={errors.at} />
        </div>
        <fieldset aria-describedby={errors.pain ? 'diary-pain-error' : undefined}>
          <legend>{t.diary.pain}</legend>
          <div class="pain-scale">
            {Array.from({ length: 11 }, (_, n) => (
              <label key={n} class="pain-option">
                <input
                  type="radio"
                  name="pain"
                  value={n}
                  checked={form.pain === n}
                  onChange={() => {
                    set('pain', n);
                  }}
                />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <ErrorText id="diary-pain-error" error={errors.pain} />
        </fieldset>
        <fieldset>
          <legend>{t.diary.pattern}</legend>
          {(['', 'constant', 'intermittent'] as const).map((p) => (
            <label key={p} class="check-row">
              <input
                type="radio"
                name="pattern"
                checked={form.pattern === p}
                onChange={() => {
                  set('pattern', p);
                }}
              />
              <span>{p === '' ? t.diary.patternUnset : t.diary.patternOptions[p]}</span>
            </label>
          ))}
        </fieldset>
        <Checkboxes
          legend={t.diary.worse}
          name="worse"
          options={worseFactors.map((f) => ({ value: f, label: t.factors[f] ?? f }))}
          chosen={form.worse}
          onChange={(v) => {
            set('worse', v);
          }}
        />
        <div class="field">
          <label for="diary-worse-text">{t.diary.otherText}</label>
          <input
            id="diary-worse-text"
            type="text"
            maxLength={500}
            value={form.worseText}
            onInput={(event) => {
              set('worseText', event.currentTarget.value);
            }}
          />
        </div>
        <Checkboxes
          legend={t.diary.better}
          name="better"
          options={easeFactors.map((f) => ({ value: f, label: t.factors[f] ?? f }))}
          chosen={form.better}
          onChange={(v) => {
            set('better', v);
          }}
        />
        <div class="field">
          <label for="diary-better-text">{t.diary.otherText}</label>
          <input
            id="diary-better-text"
            type="text"
            maxLength={500}
            value={form.betterText}
            onInput={(event) => {
              set('betterText', event.currentTarget.value);
            }}
          />
        </div>
        <details class="treatments" open={form.treatments.length > 0}>
          <summary>{t.diary.treatments}</summary>
          <Checkboxes
            legend={t.diary.treatmentsHint}
            name="treatments"
            options={treatmentOptions}
            chosen={form.treatments}
            onChange={(v) => {
              set('treatments', v);
            }}
          />
        </details>
        <fieldset aria-describedby="dose-note">
          <legend>{t.diary.medicines}</legend>
          <p id="dose-note" class="hint">
            {t.diary.doseNote}
          </p>
          {form.medicines.map((m, i) => (
            <div key={i} class="medicine-row">
              <div class="field">
                <label for={`med-name-${i}`}>{t.diary.medicineName}</label>
                <input
                  id={`med-name-${i}`}
                  type="text"
                  list="medicine-names"
                  maxLength={100}
                  value={m.name}
                  onInput={(event) => {
                    setMedicine(i, { name: event.currentTarget.value });
                  }}
                />
              </div>
              <div class="field">
                <label for={`med-dose-${i}`}>{t.diary.medicineDose}</label>
                <input
                  id={`med-dose-${i}`}
                  type="text"
                  maxLength={100}
                  value={m.dose}
                  onInput={(event) => {
                    setMedicine(i, { dose: event.currentTarget.value });
                  }}
                />
              </div>
              <div class="field">
                <label for={`med-at-${i}`}>{t.diary.medicineAt}</label>
                <input
                  id={`med-at-${i}`}
                  type="datetime-local"
                  value={m.at}
                  onInput={(event) => {
                    setMedicine(i, { at: event.currentTarget.value });
                  }}
                />
              </div>
              <button
                type="button"
                class="button"
                aria-label={t.diary.removeMedicine(m.name)}
                onClick={() => {
                  set(
                    'medicines',
                    form.medicines.filter((_, j) => j !== i),
                  );
                }}
              >
                <Icon name="trash" />
              </button>
            </div>
          ))}
          <datalist id="medicine-names">
            {medicineNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <ErrorText id="diary-med-error" error={errors.medicines} />
          <button
            type="button"
            class="button"
            onClick={() => {
              set('medicines', [...form.medicines, { name: '', dose: '', at: '' }]);
            }}
          >
            <Icon name="plus" />
            {t.diary.addMedicine}
          </button>
        </fieldset>
        <div class="field">
          <label for="diary-sleep">{t.diary.sleepHours}</label>
          <input
            id="diary-sleep"
            type="text"
            inputMode="decimal"
            value={form.sleepHours}
            aria-invalid={errors.sleepHours !== undefined}
            aria-describedby={errors.sleepHours ? 'diary-sleep-error' : undefined}
            onInput={(event) => {
              set('sleepHours', event.currentTarget.value);
            }}
          />
          <ErrorText id="diary-sleep-error" error={errors.sleepHours} />
        </div>
        <div class="field">
          <label for="diary-note">{t.diary.note}</label>
          <textarea
            id="diary-note"
            maxLength={2000}
            value={form.note}
            onInput={(event) => {
              set('note', event.currentTarget.value);
            }}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button primary">
            {t.diary.save}
          </button>
          <a class="button" href="/diary">
            {t.diary.cancel}
          </a>
        </div>
      </form>
    </section>
  );
}
