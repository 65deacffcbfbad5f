/**
 * knowledge-base.md §5, the default phased plan, as data: which entry goes in which slot at which stage, with
 * §5's note for that stage (in our words), how often, which protocol value the stage aims at, and when its
 * reminders fall. The builder only reads this table; changing the plan means changing rows here.
 *
 * Two rules bind the table to the catalogue, and the builder applies both:
 * - an entry appears only in stages whose phase is among the entry's own `phases` (§1.2 "where the entry appears
 *   in the plan"). §5 writes recovery and prevention as one table; the entry's phases split it, so
 *   `prev-keep-exercising` starts in prevention and `tx-heat` stays in recovery;
 * - an entry appears as an item only while its display in that phase is `recommend` or `option` (§1.4); anything
 *   else may sit in `library` with its caveat, never among the items.
 */
import type { HowOften, PlanSlot, PlanStage, SessionGroup, SessionSlot } from './types.ts';

/** Which value of each protocol range a stage aims at: the default (`start`) or the top of the range (`build`). */
export type Target = 'start' | 'build';

/** One §5 cell entry: an entry in a slot at one stage. */
export interface SlotRow {
  readonly entryId: string;
  readonly slot: Exclude<PlanSlot, 'always'>;
  readonly note?: string;
  readonly howOften: HowOften;
  readonly target?: Target;
  /** Last day since onset the row applies, when §5 stops it inside the stage (ice: 48 h). */
  readonly lastDay?: number;
  /** A note for one particular day (the last day of the ice window). */
  readonly dayNotes?: Readonly<Record<number, string>>;
  /** Reminder slots for entries with a timer. */
  readonly sessions?: readonly SessionSlot[];
  readonly group?: SessionGroup;
  /** Sessions a week, for entries not done daily (placed on fixed days counted from the stage's first day). */
  readonly perWeek?: number;
  /** Protocol numbers not to show at this stage (a long-term goal is not a day-one amount). */
  readonly hideNumbers?: readonly string[];
}

/** §5 "Stops": something that ends at this stage, and what replaces it. */
export interface StopRow {
  readonly entryId: string;
  readonly text: string;
  readonly instead: string | null;
}

/** One stage of §5. */
export interface StageTable {
  readonly rows: readonly SlotRow[];
  /** §5 "Library (caveat shown)" and "Not in the plan (library only)": referenced with their caveat only. */
  readonly library: readonly string[];
  readonly stops: readonly StopRow[];
}

const ours = (text: string): HowOften => ({ text, basis: 'ours' });
const source = (text: string): HowOften => ({ text, basis: 'source' });
const label = (text: string): HowOften => ({ text, basis: 'label' });

/** ex-walking's long-term goal (spec_default), shown from recovery on only. */
const walkingGoal = ['prevention_target.sessions_per_week', 'prevention_target.session_min'];

const twiceDaily = ['morning', 'evening'] as const satisfies readonly SessionSlot[];
const threeTimesDaily = ['morning', 'midday', 'evening'] as const satisfies readonly SessionSlot[];

/** Entries whose protocol has a guided timer (protocols.json `timer_allowed: true`). */
export const timedEntryIds: ReadonlySet<string> = new Set([
  'tx-ice',
  'tx-heat',
  'tx-alternate-ice-heat',
  'ex-gentle-stretching',
  'ex-prone-press-up',
  'ex-knee-to-chest',
  'ex-childs-pose',
  'ex-core-back-strengthening',
  'ex-walking',
]);

/** §5 "Always available", on every day of every stage. */
export const alwaysAvailable: readonly SlotRow[] = [
  {
    entryId: 'pro-see-doctor-what-to-tell',
    slot: 'core',
    note: 'You can choose to see a doctor at any point; this is what to tell them.',
    howOften: ours('Whenever you need it'),
  },
];

/** The entries §5 days 0–2 name as "not in the plan (library only)": warnings, never advice. */
const notAdvisedEarly = [
  'tx-prolonged-bed-rest',
  'tx-compression-brace',
  'med-paracetamol-alone',
  'rem-apple-cider-vinegar',
  'rem-celery-seed-tea',
  'rem-endorphin-scents-ginseng',
];

const acute: StageTable = {
  rows: [
    {
      entryId: 'tx-reassurance-self-care',
      slot: 'first_screen',
      note: 'Your answers to the warning-sign questions allow home care. Most spasms settle within days to a few weeks.',
      howOften: ours('Read it once, and again whenever you need it'),
    },
    {
      entryId: 'tx-short-rest-then-activity',
      slot: 'core',
      note: 'Ease off for up to two days, but get up and move gently several times a day.',
      howOften: ours('Short spells of gentle movement several times a day, resting in between'),
    },
    {
      entryId: 'ex-walking',
      slot: 'core',
      note: 'Walk for a few minutes at a time.',
      howOften: ours('Several times a day'),
      hideNumbers: walkingGoal,
      sessions: threeTimesDaily,
      group: 'walk',
    },
    {
      entryId: 'tx-heat',
      slot: 'core',
      note: 'Heat is the home measure with the best evidence. Keep each session to the time limit.',
      howOften: ours('When it helps, with the skin back to normal between sessions'),
      sessions: twiceDaily,
      group: 'thermal',
    },
    {
      entryId: 'tx-sleep-routine',
      slot: 'core',
      howOften: source('Every night, at regular times'),
    },
    {
      entryId: 'tx-ice',
      slot: 'choice',
      note: 'A choice for the first 48 hours only. Heat has better evidence; a cold pack is fine if you prefer it.',
      howOften: source('One timed round at a time, with a full rest before the next, while it helps'),
      lastDay: 2,
      dayNotes: {
        2: 'Only while less than 48 hours have passed since the spasm began; after that, use heat.',
      },
      sessions: twiceDaily,
      group: 'thermal',
    },
    {
      entryId: 'tx-alternate-ice-heat',
      slot: 'choice',
      note: 'One cold round, a skin check, then one heat round. Offered up to day 7.',
      howOften: ours('When you want both; one sequence at a time'),
      sessions: twiceDaily,
      group: 'thermal',
    },
    {
      entryId: 'pos-supine-knees-supported',
      slot: 'choice',
      note: 'For rest breaks between spells of movement.',
      howOften: ours('For short rests'),
    },
    {
      entryId: 'pos-90-90-legs-on-chair',
      slot: 'choice',
      note: 'For rest breaks between spells of movement.',
      howOften: ours('For short rests'),
    },
    {
      entryId: 'pos-legs-raised-in-bed',
      slot: 'choice',
      howOften: ours('When you lie down in bed'),
    },
    {
      entryId: 'pos-foot-stool-sitting',
      slot: 'choice',
      howOften: ours('When you sit'),
    },
    {
      entryId: 'pos-sleep-not-face-down',
      slot: 'choice',
      howOften: ours('At night'),
    },
    {
      entryId: 'tx-finger-pressure',
      slot: 'choice',
      howOften: ours('When the muscle tightens'),
    },
    {
      entryId: 'ex-gentle-stretching',
      slot: 'choice',
      note: 'Keep the stretches small and pain-free, with short holds.',
      howOften: ours('Once or twice a day'),
      target: 'start',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'tx-activity-modification',
      slot: 'choice',
      note: 'Pause the sport or heavy task that set it off; keep the rest of the day moving.',
      howOften: source('For a day or two'),
    },
    {
      entryId: 'med-oral-nsaid-otc',
      slot: 'choice',
      note: 'Only if it is safe for you: follow the label or ask a pharmacist.',
      howOften: label('As the label says, for the shortest time needed'),
    },
    {
      entryId: 'med-topical-cream-otc',
      slot: 'choice',
      howOften: label('As the label says'),
    },
    {
      entryId: 'tx-massage-with-oils',
      slot: 'choice',
      note: 'Alongside moving, not instead of it.',
      howOften: ours('Now and then, for short-term relief'),
    },
  ],
  library: notAdvisedEarly,
  stops: [],
};

const subacuteEarly: StageTable = {
  rows: [
    {
      entryId: 'ex-walking',
      slot: 'core',
      note: 'Walk a little longer and more often; add some stairs when you can.',
      howOften: ours('Several times a day'),
      hideNumbers: walkingGoal,
      sessions: threeTimesDaily,
      group: 'walk',
    },
    {
      entryId: 'tx-short-rest-then-activity',
      slot: 'core',
      note: 'Move back into your normal activities and work, adding a little each day.',
      howOften: ours('Every day'),
    },
    {
      entryId: 'tx-heat',
      slot: 'core',
      howOften: ours('When it helps, with the skin back to normal between sessions'),
      sessions: twiceDaily,
      group: 'thermal',
    },
    {
      entryId: 'prev-break-up-sitting-lying',
      slot: 'core',
      howOften: ours('Through the day'),
    },
    {
      entryId: 'tx-sleep-routine',
      slot: 'core',
      howOften: source('Every night, at regular times'),
    },
    {
      entryId: 'ex-gentle-stretching',
      slot: 'choice',
      howOften: ours('Once or twice a day'),
      target: 'start',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-knee-to-chest',
      slot: 'choice',
      note: 'Start with the shortest hold, one knee at a time.',
      howOften: ours('Once or twice a day'),
      target: 'start',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-prone-press-up',
      slot: 'choice',
      note: 'Start with the shortest hold.',
      howOften: ours('Once or twice a day'),
      target: 'start',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-childs-pose',
      slot: 'choice',
      note: 'Start with the shortest hold.',
      howOften: ours('Once or twice a day'),
      target: 'start',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'tx-alternate-ice-heat',
      slot: 'choice',
      note: 'Offered up to day 7; after that, heat on its own.',
      howOften: ours('When you want both; one sequence at a time'),
      sessions: twiceDaily,
      group: 'thermal',
    },
    {
      entryId: 'med-oral-nsaid-otc',
      slot: 'choice',
      note: 'A short course only, as the label says.',
      howOften: label('As the label says, for the shortest time needed'),
    },
    {
      entryId: 'med-topical-cream-otc',
      slot: 'choice',
      howOften: label('As the label says'),
    },
    {
      entryId: 'tx-activity-modification',
      slot: 'choice',
      note: 'Time to end the pause: go back to the sport gradually once everyday movement is comfortable.',
      howOften: ours('Winding down this week'),
    },
  ],
  library: [
    'tx-contrast-shower',
    'rem-lavender-oil-rub',
    'rem-epsom-salt-bath',
    'rem-cayenne-in-food',
    'tx-hydration-electrolytes',
  ],
  stops: [
    {
      entryId: 'tx-ice',
      text: 'The cold pack on its own was for the first 48 hours.',
      instead: 'Use heat instead; cold then heat stays available up to day 7.',
    },
  ],
};

const subacuteLate: StageTable = {
  rows: [
    {
      entryId: 'ex-walking',
      slot: 'core',
      note: 'Make the walks steadily longer.',
      howOften: ours('Once or twice a day'),
      hideNumbers: walkingGoal,
      sessions: ['midday'],
      group: 'walk',
    },
    {
      entryId: 'tx-short-rest-then-activity',
      slot: 'core',
      note: 'Back to your normal activities, including work.',
      howOften: ours('Every day'),
    },
    {
      entryId: 'prev-break-up-sitting-lying',
      slot: 'core',
      howOften: ours('Through the day'),
    },
    {
      entryId: 'tx-heat',
      slot: 'core',
      note: 'As needed.',
      howOften: ours('When it helps'),
      sessions: ['evening'],
      group: 'thermal',
    },
    {
      entryId: 'tx-sleep-routine',
      slot: 'core',
      howOften: source('Every night, at regular times'),
    },
    {
      entryId: 'ex-knee-to-chest',
      slot: 'choice',
      note: 'Lengthen the hold and add repeats; when single knees feel easy, bring both knees up together.',
      howOften: ours('Once or twice a day'),
      target: 'build',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-prone-press-up',
      slot: 'choice',
      note: 'Lengthen the hold step by step.',
      howOften: ours('Once or twice a day'),
      target: 'build',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-childs-pose',
      slot: 'choice',
      note: 'Lengthen the hold and add a repeat.',
      howOften: ours('Once or twice a day'),
      target: 'build',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'ex-gentle-stretching',
      slot: 'choice',
      howOften: ours('Once or twice a day'),
      target: 'build',
      sessions: twiceDaily,
      group: 'stretch',
    },
    {
      entryId: 'pro-physiotherapy',
      slot: 'choice',
      note: 'Worth considering, especially if the back is slow to settle.',
      howOften: ours('One assessment, then as the physiotherapist advises'),
    },
    {
      entryId: 'rem-capsaicin-topical',
      slot: 'choice',
      note: 'If the pain lingers.',
      howOften: label('As the label says'),
    },
  ],
  library: [],
  stops: [],
};

/** §5 "After recovery (recovery → prevention)": one table; each entry's own phases split it. */
const afterRecovery: StageTable = {
  rows: [
    {
      entryId: 'ex-core-back-strengthening',
      slot: 'core',
      note: 'Start light and build up over the weeks.',
      howOften: source('2–4 sessions a week'),
      target: 'start',
      sessions: ['evening'],
      group: 'strength',
      perWeek: 2,
    },
    {
      entryId: 'ex-walking',
      slot: 'core',
      note: 'Build up, over months, towards the weekly walking goal.',
      howOften: ours('Most days'),
      target: 'build',
      sessions: ['midday'],
      group: 'walk',
    },
    {
      entryId: 'ex-yoga',
      slot: 'core',
      note: 'One choice among exercise types, no better or worse than the others; pick what you enjoy.',
      howOften: ours('In place of a strength session, if you prefer it'),
      sessions: ['evening'],
      group: 'strength',
      perWeek: 2,
    },
    {
      entryId: 'ex-gentle-stretching',
      slot: 'core',
      note: 'Part of your regular routine now.',
      howOften: ours('Most days'),
      target: 'build',
      sessions: ['morning'],
      group: 'stretch',
    },
    {
      entryId: 'prev-keep-exercising',
      slot: 'core',
      howOften: source('2–4 sessions a week'),
      target: 'start',
    },
    {
      entryId: 'prev-break-up-sitting-lying',
      slot: 'core',
      howOften: ours('Through the day'),
    },
    {
      entryId: 'tx-sleep-routine',
      slot: 'core',
      howOften: source('Every night, at regular times'),
    },
    {
      entryId: 'pro-physiotherapy',
      slot: 'core',
      note: 'If episodes keep coming back, or you are unsure what to do.',
      howOften: ours('One assessment, then as the physiotherapist advises'),
    },
    {
      entryId: 'ex-knee-to-chest',
      slot: 'choice',
      note: 'As a maintenance stretch.',
      howOften: ours('Most days'),
      target: 'build',
      sessions: ['morning'],
      group: 'stretch',
    },
    {
      entryId: 'ex-childs-pose',
      slot: 'choice',
      note: 'As a maintenance stretch.',
      howOften: ours('Most days'),
      target: 'build',
      sessions: ['morning'],
      group: 'stretch',
    },
    {
      entryId: 'prev-healthy-weight',
      slot: 'choice',
      howOften: ours('Over the long term'),
    },
    {
      entryId: 'rem-capsaicin-topical',
      slot: 'choice',
      note: 'For pain that lingers.',
      howOften: label('As the label says'),
    },
    {
      entryId: 'tx-heat',
      slot: 'choice',
      note: 'After activity, if the back feels stiff.',
      howOften: ours('When it helps'),
    },
  ],
  library: [
    'prev-footwear',
    'pos-mattress-firmness',
    'pro-chiropractic-manipulation',
    'pro-acupuncture',
    'pro-imaging-tests',
    'pro-surgery',
  ],
  stops: [],
};

/** §5, stage by stage. */
export const planTable: Readonly<Record<PlanStage, StageTable>> = {
  acute,
  subacute_early: subacuteEarly,
  subacute_late: subacuteLate,
  recovery: afterRecovery,
  prevention: afterRecovery,
};

/** Reminder length per group, in minutes: our estimate for the calendar, not a number from the sources. */
export const sessionMinutes: Readonly<Record<SessionGroup, number>> = {
  thermal: 20,
  walk: 10,
  stretch: 10,
  strength: 30,
};

/** Days (counted from the stage's first day, modulo 7) that carry a `perWeek` session: 2 a week by default. */
export function weeklySessionDays(perWeek: number): readonly number[] {
  // Spread evenly over the week, starting on the stage's first day: 2 → days 0 and 3 (or 4), 3 → 0, 2, 4…
  return Array.from({ length: Math.min(7, Math.max(0, perWeek)) }, (_, i) => Math.floor((i * 7) / perWeek));
}
