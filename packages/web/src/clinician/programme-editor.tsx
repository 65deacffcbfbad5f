/**
 * The programme editor: the items chosen so far, each with its dose fields (number inputs bounded by the
 * protocol's range), and a picker of every exercise, treatment and position with its evidence grade. What this
 * patient cannot be given (do_not_recommend, inform_only, avoid_with one of their conditions) is listed disabled,
 * with core's reason naming the rule beside it. Saving PUTs the programme; a 422 is shown field by field, naming
 * the rule, with each problem linked to its input.
 *
 * Keyboard: the filter narrows the picker, arrow keys move through the choices (a radio group skips the disabled
 * ones), Enter on "Add" adds and moves focus to the new item's first dose; every item has its own remove button.
 */
import { getEntry, type HealthCondition, type ProgrammeInput, type ProgrammeItemInput } from '@unknot/core';
import { useMemo, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../lib/dates.ts';
import { t } from '../strings.ts';
import { saveProgramme } from './clinic-api.ts';
import {
  doseFields,
  draftProblems,
  newItem,
  parseDose,
  placeProblem,
  programmeCandidates,
  type DoseKey,
  type PlacedProblem,
} from './editor.ts';
import { problemText } from './problem-notice.tsx';
import { c } from './strings.ts';
import type { Problem, Programme } from './types.ts';

const doseLabel: Record<DoseKey, string> = {
  timesPerWeek: c.editor.timesPerWeek,
  holdSeconds: c.editor.holdSeconds,
  reps: c.editor.reps,
};

/** A dose field's label, or the field's own name for anything else the server names. */
const fieldLabel = (field: string): string =>
  Object.hasOwn(doseLabel, field) ? doseLabel[field as DoseKey] : field;

const titleOf = (entryId: string): string => getEntry(entryId)?.title ?? entryId;
const inputId = (index: number, field: string): string => `item-${String(index)}-${field}`;

function GradeTag({ entryId }: { entryId: string }) {
  const entry = getEntry(entryId);
  if (!entry) return null;
  return (
    <span class={`grade grade-${entry.evidence.certainty}`}>
      <span class="visually-hidden">{c.editor.grade}: </span>
      {t.learn.certainty[entry.evidence.certainty] ?? entry.evidence.certainty}
    </span>
  );
}

function DoseInput(props: {
  index: number;
  entryId: string;
  field: { key: DoseKey; min: number; max: number };
  text: string;
  problem: string | undefined;
  onInput: (text: string) => void;
}) {
  const { index, field, text, problem } = props;
  const id = inputId(index, field.key);
  const hint = `${id}-range`;
  const error = `${id}-error`;
  return (
    <div class="field dose-field">
      <label for={id}>
        {doseLabel[field.key]}
        <span class="visually-hidden">, {titleOf(props.entryId)}</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={field.min}
        max={field.max}
        step={1}
        value={text}
        aria-invalid={problem === undefined ? undefined : 'true'}
        aria-describedby={problem === undefined ? hint : `${hint} ${error}`}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
        }}
      />
      <span id={hint} class="hint">
        {c.editor.range(field.min, field.max)}
      </span>
      {problem === undefined ? null : (
        <span id={error} class="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The text each dose input shows, kept apart from the numbers so a half-typed value is not rewritten. */
type Texts = Record<string, string>;
const textKey = (entryId: string, key: DoseKey) => `${entryId}.${key}`;

function textsOf(items: readonly ProgrammeItemInput[]): Texts {
  const texts: Texts = {};
  for (const item of items) {
    for (const field of doseFields(item.entryId)) {
      const value = item[field.key];
      texts[textKey(item.entryId, field.key)] = value === undefined ? '' : String(value);
    }
  }
  return texts;
}

export function ProgrammeEditor(props: {
  patientId: string;
  conditions: readonly HealthCondition[];
  programme: Programme | null;
  onSaved: (programme: Programme) => void;
}) {
  const { conditions } = props;
  const [items, setItems] = useState<ProgrammeItemInput[]>(() => props.programme?.items ?? []);
  const [texts, setTexts] = useState<Texts>(() => textsOf(props.programme?.items ?? []));
  const [note, setNote] = useState(props.programme?.note ?? '');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const refusalRef = useRef<HTMLDivElement>(null);
  const itemsHeading = useRef<HTMLHeadingElement>(null);

  const candidates = useMemo(() => programmeCandidates(conditions), [conditions]);
  const draft: ProgrammeInput = note.trim() === '' ? { items } : { items, note };
  // Live hints from core's rules; an empty list is left to the server (its 422 says so when saving).
  // Checked on every render: at most 20 items against core's rules, cheaper than keeping a memo honest.
  const problems = draftProblems(draft, conditions).filter((p) => p.index !== null);
  const problemAt = (index: number, field: string): string | undefined =>
    problems.find((p) => p.index === index && p.field === field)?.problem;

  const chosen = new Set(items.map((item) => item.entryId));
  const needle = filter.trim().toLowerCase();
  const shown = candidates.filter((cand) => needle === '' || cand.entry.title.toLowerCase().includes(needle));
  const open = shown.filter((cand) => cand.refusals.length === 0);
  const refused = shown.filter((cand) => cand.refusals.length > 0);

  const changed = () => {
    setSaved(false);
  };

  const add = () => {
    if (picked === null || chosen.has(picked)) {
      setAnnounce(c.editor.pickFirst);
      return;
    }
    const item = newItem(picked);
    const index = items.length;
    setItems([...items, item]);
    setTexts({ ...texts, ...textsOf([item]) });
    setPicked(null);
    setAnnounce(c.editor.added(titleOf(item.entryId)));
    changed();
    // Once rendered, on to the new item's first dose (how often), where the clinician goes next.
    requestAnimationFrame(() => {
      document.getElementById(inputId(index, 'timesPerWeek'))?.focus();
    });
  };

  const remove = (index: number) => {
    const item = items[index];
    if (!item) return;
    setItems(items.filter((_, i) => i !== index));
    setAnnounce(c.editor.removed(titleOf(item.entryId)));
    changed();
    itemsHeading.current?.focus();
  };

  const setDose = (index: number, key: DoseKey, text: string) => {
    const item = items[index];
    if (!item) return;
    setTexts({ ...texts, [textKey(item.entryId, key)]: text });
    const value = parseDose(text);
    const next: ProgrammeItemInput = { ...item };
    // An empty optional dose is left out (the protocol's default applies); anything not a whole number is sent
    // as it is not, so core's schema names it (NaN travels as null: "must be a whole number").
    if (text.trim() !== '' || key === 'timesPerWeek') next[key] = value ?? Number.NaN;
    else if (key === 'holdSeconds') delete next.holdSeconds;
    else delete next.reps;
    setItems(items.map((it, i) => (i === index ? next : it)));
    changed();
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setRefusal(null);
    const answer = await saveProgramme(props.patientId, draft);
    setSaving(false);
    if (answer.ok) {
      setSaved(true);
      props.onSaved(answer.value);
      return;
    }
    setRefusal(answer.problem);
    requestAnimationFrame(() => refusalRef.current?.focus());
  };

  const refusedFields: PlacedProblem[] = (refusal?.fields ?? []).map(placeProblem);

  return (
    <section class="card clinic-card programme-editor" aria-labelledby="editor-heading">
      <h2 id="editor-heading">{c.editor.title}</h2>
      <p class="muted">
        {props.programme ? c.editor.current(formatDateTime(props.programme.createdAt)) : c.editor.none}{' '}
        {conditions.length === 0
          ? c.editor.noConditions
          : c.editor.conditions(conditions.map((cond) => t.conditions[cond] ?? cond).join(', '))}
      </p>
      <p class="visually-hidden" role="status">
        {announce}
      </p>

      <form noValidate onSubmit={(event) => void save(event)}>
        <h3 ref={itemsHeading} tabIndex={-1}>
          {c.editor.items}
        </h3>
        {items.length === 0 ? <p class="muted">{c.editor.empty}</p> : null}
        <ol class="programme-items plain-list">
          {items.map((item, index) => (
            <li key={item.entryId} class="programme-item">
              <div class="programme-item-head">
                <strong id={inputId(index, 'entryId')}>{titleOf(item.entryId)}</strong>{' '}
                <GradeTag entryId={item.entryId} />
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    remove(index);
                  }}
                >
                  {c.editor.remove(titleOf(item.entryId))}
                </button>
              </div>
              {problemAt(index, 'entryId') === undefined ? null : (
                <p class="field-error">{problemAt(index, 'entryId')}</p>
              )}
              <div class="dose-row">
                {doseFields(item.entryId).map((field) => (
                  <DoseInput
                    key={field.key}
                    index={index}
                    entryId={item.entryId}
                    field={field}
                    text={texts[textKey(item.entryId, field.key)] ?? ''}
                    problem={problemAt(index, field.key)}
                    onInput={(text) => {
                      setDose(index, field.key, text);
                    }}
                  />
                ))}
              </div>
            </li>
          ))}
        </ol>

        <fieldset class="picker">
          <legend>{c.editor.add}</legend>
          <div class="field">
            <label for="picker-filter">{c.editor.filter}</label>
            <input
              id="picker-filter"
              type="search"
              value={filter}
              autoComplete="off"
              onInput={(event) => {
                setFilter(event.currentTarget.value);
              }}
            />
          </div>
          {shown.length === 0 ? <p class="muted">{c.editor.filterNone}</p> : null}
          <ul class="plain-list picker-list">
            {open.map(({ entry }) => {
              const id = `pick-${entry.id}`;
              const already = chosen.has(entry.id);
              return (
                <li key={entry.id} class="pick">
                  <input
                    type="radio"
                    name="candidate"
                    id={id}
                    value={entry.id}
                    disabled={already}
                    checked={picked === entry.id}
                    onChange={() => {
                      setPicked(entry.id);
                    }}
                  />
                  <label for={id}>
                    {entry.title} <GradeTag entryId={entry.id} />
                    {already ? <span class="muted small"> ({c.editor.alreadyIn})</span> : null}
                  </label>
                </li>
              );
            })}
          </ul>
          {refused.length === 0 ? null : (
            <>
              <p class="picker-refused-title">{c.editor.cannot}</p>
              <ul class="plain-list picker-list picker-refused">
                {refused.map(({ entry, refusals }) => {
                  const id = `pick-${entry.id}`;
                  return (
                    <li key={entry.id} class="pick pick-refused">
                      <input
                        type="radio"
                        name="candidate"
                        id={id}
                        value={entry.id}
                        disabled
                        aria-describedby={`${id}-why`}
                      />
                      <label for={id}>
                        {entry.title} <GradeTag entryId={entry.id} />
                      </label>
                      <span id={`${id}-why`} class="refusal">
                        {refusals.join(' ')}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <button type="button" id="picker-add" class="button" onClick={add}>
            {c.editor.addButton}
          </button>
        </fieldset>

        <div class="field">
          <label for="programme-note">{c.editor.note}</label>
          <textarea
            id="programme-note"
            maxLength={500}
            value={note}
            onInput={(event) => {
              setNote(event.currentTarget.value);
              changed();
            }}
          />
        </div>

        {refusal === null ? null : (
          <div class="notice refusal-summary" role="alert" tabIndex={-1} ref={refusalRef}>
            <p>
              <strong>{refusedFields.length > 0 ? c.editor.refused : problemText(refusal)}</strong>
            </p>
            {refusedFields.length > 0 ? (
              <ul>
                {refusedFields.map((p) => {
                  const item = p.index === null ? undefined : items[p.index];
                  const where = item ? titleOf(item.entryId) : c.editor.programmeField;
                  const target =
                    p.index === null
                      ? 'programme-note'
                      : inputId(p.index, p.field === 'entryId' ? 'entryId' : p.field);
                  return (
                    <li key={`${String(p.index)}.${p.field}`}>
                      <a href={`#${target}`}>
                        {where}
                        {p.field === 'entryId' || p.index === null ? '' : ` — ${fieldLabel(p.field)}`}
                      </a>
                      : {p.problem}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        )}
        <div class="actions">
          <button type="submit" class="button primary" disabled={saving}>
            {saving ? c.editor.saving : c.editor.save}
          </button>
        </div>
        <p role="status" class="saved-status">
          {saved ? c.editor.saved : ''}
        </p>
      </form>
    </section>
  );
}
