/**
 * Check: the red-flag triage, one question a screen, emergency warning signs first. Each question has its own URL
 * (`/check?q=3`), so the browser's back and forward buttons move between questions too.
 *
 * Safety rules kept here:
 * - After every answer, `certainEmergencies` is asked whether an emergency is already certain; if it is, the
 *   emergency screen shows at once.
 * - At the end the result comes from `triage()` on the full answers, never from anything else; a validation error
 *   sends the person back to the question it names.
 * - "Not sure" shows the explanation again first; a second "not sure" submits the cautious value and says so.
 */
import {
  isValidationError,
  rulesVersion,
  triage,
  type AnswerValue,
  type Question,
  type QuestionId,
} from '@unknot/core';
import { useLocation } from 'preact-iso';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import {
  answers,
  cautiousNotice,
  cautiousValue,
  firstUnanswered,
  loadCheckFlow,
  nextStep,
  orderedQuestions,
  resetCheck,
  setAnswer,
  unsure,
  warningSignCount,
} from '../lib/check-flow.ts';
import { saveCheck } from '../lib/records.ts';
import { t } from '../strings.ts';

let loaded = false;

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function answerLabel(question: Question, value: AnswerValue): string {
  const type = question.type;
  switch (type.kind) {
    case 'boolean':
      return value === true ? t.check.yes : t.check.no;
    case 'integer':
      return String(value);
    case 'enum':
      return capitalise(type.options.find((o) => o.value === value)?.label ?? String(value));
    case 'multi':
      return (Array.isArray(value) ? value : [])
        .map((v: unknown) => capitalise(type.options.find((o) => o.value === v)?.label ?? String(v)))
        .join(', ');
  }
}

type Answer = (value: AnswerValue, wasUnsure?: boolean) => void;

function ChoiceButtons(props: {
  question: Question;
  options: readonly { value: AnswerValue; label: string }[];
  current: AnswerValue | undefined;
  onAnswer: Answer;
  onNotSure: (() => void) | null;
  labelledBy: string;
  grid?: boolean;
}) {
  return (
    <div
      class={props.grid ? 'choices choices-grid' : 'choices'}
      role="group"
      aria-labelledby={props.labelledBy}
    >
      {props.options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          class="choice"
          aria-pressed={props.current === o.value}
          onClick={() => {
            props.onAnswer(o.value);
          }}
        >
          {o.label}
        </button>
      ))}
      {props.onNotSure ? (
        <button type="button" class="choice choice-unsure" onClick={props.onNotSure}>
          {t.check.notSure}
        </button>
      ) : null}
    </div>
  );
}

function IntegerInput(props: { question: Question; current: AnswerValue | undefined; onAnswer: Answer }) {
  const type = props.question.type;
  const [min, max] = type.kind === 'integer' ? [type.min, type.max] : [0, 0];
  const [text, setText] = useState(typeof props.current === 'number' ? String(props.current) : '');
  const [error, setError] = useState(false);
  const inputId = `answer-${props.question.id}`;
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(text.trim());
        if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
          setError(true);
          return;
        }
        props.onAnswer(value);
      }}
    >
      <label class="visually-hidden" for={inputId}>
        {props.question.text}
      </label>
      <input
        id={inputId}
        class="big-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        value={text}
        aria-invalid={error}
        aria-describedby={`${inputId}-hint`}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setError(false);
        }}
      />
      <p id={`${inputId}-hint`} class={error ? 'field-error' : 'hint'}>
        {error ? t.check.integerError(min, max) : t.check.integerHint(min, max)}
      </p>
      <button type="submit" class="button primary">
        {t.check.next}
      </button>
    </form>
  );
}

function MultiInput(props: { question: Question; current: AnswerValue | undefined; onAnswer: Answer }) {
  const type = props.question.type;
  const options = type.kind === 'multi' ? type.options : [];
  const exclusive = type.kind === 'multi' ? type.exclusive : '';
  const [chosen, setChosen] = useState<string[]>(Array.isArray(props.current) ? [...props.current] : []);
  const [error, setError] = useState(false);
  const toggle = (value: string, on: boolean): void => {
    setError(false);
    if (!on) setChosen(chosen.filter((v) => v !== value));
    else if (value === exclusive) setChosen([value]);
    else setChosen([...chosen.filter((v) => v !== exclusive), value]);
  };
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen.length === 0) {
          setError(true);
          return;
        }
        // Keep the questionnaire's order, so the same choices always give the same answer.
        props.onAnswer(options.map((o) => o.value).filter((v) => chosen.includes(v)) as AnswerValue);
      }}
    >
      <fieldset class="checks" aria-describedby="multi-hint">
        <legend class="visually-hidden">{props.question.text}</legend>
        {options.map((o) => (
          <label key={o.value} class="check-row">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(event) => {
                toggle(o.value, event.currentTarget.checked);
              }}
            />
            <span>{capitalise(o.label)}</span>
          </label>
        ))}
      </fieldset>
      <p id="multi-hint" class={error ? 'field-error' : 'hint'} role={error ? 'alert' : undefined}>
        {error ? t.check.multiError : t.check.multiHint}
      </p>
      <button type="submit" class="button primary">
        {t.check.next}
      </button>
    </form>
  );
}

export function CheckScreen() {
  if (!loaded && typeof sessionStorage !== 'undefined') {
    loaded = true;
    loadCheckFlow();
  }
  const { query, route } = useLocation();
  const total = orderedQuestions.length;
  const reachable = firstUnanswered();
  const requested = Number.parseInt(query.q ?? '', 10);
  const index =
    Number.isInteger(requested) && requested >= 1
      ? Math.min(requested - 1, reachable, total - 1)
      : reachable === total
        ? total - 1
        : reachable;
  const question = orderedQuestions[index] as Question;
  const current = answers.value[question.id];
  const [helpOpen, setHelpOpen] = useState(false);
  const [unsureStep, setUnsureStep] = useState<QuestionId | null>(null);
  const [missing, setMissing] = useState<QuestionId | null>(null);
  const helpRef = useRef<HTMLDivElement>(null);
  const cautious = cautiousValue(question);
  const notice = cautiousNotice.value;

  // A new question starts with its explanation closed.
  useLayoutEffect(() => {
    setHelpOpen(false);
    setUnsureStep(null);
  }, [question.id]);

  // The first "not sure" moves focus to the explanation, so it is read out before anything else.
  useLayoutEffect(() => {
    if (unsureStep === question.id) helpRef.current?.focus();
  }, [unsureStep, question.id]);

  // Keep the address in step with the question shown (after a reload, or a link to a question not reached yet).
  useEffect(() => {
    if (query.q !== String(index + 1)) route(`/check?q=${index + 1}`, true);
  }, [index, query.q, route]);

  const go = (i: number): void => {
    route(`/check?q=${i + 1}`);
  };

  const finish = async (): Promise<void> => {
    const outcome = triage(answers.value);
    if (isValidationError(outcome)) {
      // Never a result from incomplete answers: ask the first question the engine names again.
      const field = outcome.fields[0]?.field;
      const at = orderedQuestions.findIndex((q) => q.id === field);
      setMissing((field ?? null) as QuestionId | null);
      go(at === -1 ? 0 : at);
      return;
    }
    await saveCheck(answers.value, outcome, unsure.value, true);
    resetCheck();
    route('/result');
  };

  const onAnswer: Answer = (value, wasUnsure = false) => {
    setAnswer(question.id, value, wasUnsure);
    setMissing(null);
    cautiousNotice.value = wasUnsure ? t.check.unsureCounted(answerLabel(question, value)) : null;
    const next = nextStep(answers.value, index);
    if (next.kind === 'emergency') {
      void saveCheck(
        answers.value,
        { disposition: 'emergency', reasons: next.reasons, rulesVersion },
        unsure.value,
        false,
      ).then(() => {
        resetCheck();
        route('/result');
      });
      return;
    }
    if (next.kind === 'finish') void finish();
    else go(next.index);
  };

  const onNotSure =
    cautious === null
      ? null
      : (): void => {
          if (unsureStep !== question.id) {
            setUnsureStep(question.id);
            setHelpOpen(true);
            return;
          }
          onAnswer(cautious, true);
        };

  const headingId = 'question-text';
  const type = question.type;
  let input;
  switch (type.kind) {
    case 'boolean':
      input = (
        <ChoiceButtons
          question={question}
          options={[
            { value: true, label: t.check.yes },
            { value: false, label: t.check.no },
          ]}
          current={current}
          onAnswer={onAnswer}
          onNotSure={onNotSure}
          labelledBy={headingId}
        />
      );
      break;
    case 'enum':
      input = (
        <ChoiceButtons
          question={question}
          options={type.options.map((o) => ({ value: o.value as AnswerValue, label: capitalise(o.label) }))}
          current={current}
          onAnswer={onAnswer}
          onNotSure={onNotSure}
          labelledBy={headingId}
        />
      );
      break;
    case 'integer':
      input =
        question.id === 'pain_score' ? (
          <>
            <ChoiceButtons
              question={question}
              options={Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }))}
              current={current}
              onAnswer={onAnswer}
              onNotSure={null}
              labelledBy={headingId}
              grid
            />
            <p class="hint scale-ends">
              <span>{t.check.painLow}</span>
              <span>{t.check.painHigh}</span>
            </p>
          </>
        ) : (
          <IntegerInput key={question.id} question={question} current={current} onAnswer={onAnswer} />
        );
      break;
    case 'multi':
      input = <MultiInput key={question.id} question={question} current={current} onAnswer={onAnswer} />;
      break;
  }

  return (
    <section class="screen check" aria-describedby="check-progress">
      <div class="progress-row">
        <p id="check-progress" class="progress-text">
          {t.check.progress(index + 1, total)}
          {index < warningSignCount ? <span class="tag tag-warning">{t.check.warningSigns}</span> : null}
        </p>
        <progress max={total} value={index} aria-hidden="true" />
      </div>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {missing === question.id ? (
        <p class="field-error" role="alert">
          {t.check.missing}
        </p>
      ) : null}
      <Heading id={headingId} title={t.check.title} focusKey={question.id} class="question">
        {question.text}
      </Heading>
      <button
        type="button"
        class="link-button help-toggle"
        aria-expanded={helpOpen}
        aria-controls="question-help"
        onClick={() => {
          setHelpOpen(!helpOpen);
        }}
      >
        <Icon name="help" />
        {helpOpen ? t.check.hideHelp : t.check.showHelp}
      </button>
      <div id="question-help" class="help" hidden={!helpOpen} ref={helpRef} tabIndex={-1}>
        <p>{question.help}</p>
        {unsureStep === question.id && cautious !== null ? (
          <p class="notice">{t.check.unsureFirst(answerLabel(question, cautious))}</p>
        ) : null}
      </div>
      {input}
      <div class="step-nav">
        <button
          type="button"
          class="button"
          disabled={index === 0}
          onClick={() => {
            go(index - 1);
          }}
        >
          <Icon name="back" />
          {t.check.back}
        </button>
        {current !== undefined && index + 1 < total && index + 1 <= reachable ? (
          <button
            type="button"
            class="button"
            onClick={() => {
              go(index + 1);
            }}
          >
            {t.check.forward}
            <Icon name="forward" />
          </button>
        ) : null}
        {current !== undefined && reachable >= total ? (
          <button type="button" class="button primary" onClick={() => void finish()}>
            {t.check.finish}
          </button>
        ) : null}
      </div>
    </section>
  );
}
