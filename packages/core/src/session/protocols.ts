/**
 * Our own typed copy of `shared/clinical/protocols.json` (version 1.0): every timed protocol's numbers,
 * required prompts, timer policy, phases, condition badges, spec defaults and the source values behind them.
 *
 * Core cannot read files, and the app must keep working where `shared/` is not beside it, so the numbers live
 * here as data. protocols.test.ts deep-compares this copy with the JSON file and fails on any difference; to
 * change a number, change protocols.json first, then this file. Field names keep the file's snake_case so the
 * two compare as they are.
 */
import type { Condition, Display, Phase } from '../knowledge/types.ts';
import type { SeedFileName } from '../knowledge/seeds.ts';

/** A closed range with the default the timer uses; the unit is in the name of the field that holds it. */
export type RangeSpec = {
  readonly min: number;
  readonly max: number;
  readonly default: number;
};

/** A range as a seed article states it (no default: choosing one is the spec's job). */
export type SourceRange = {
  readonly min: number;
  readonly max: number;
};

/** The both-knees and single-knee forms of the knee-to-chest stretch. */
export type VariantSpec = {
  readonly name: string;
  readonly hold_s: RangeSpec;
  readonly reps_per_side?: RangeSpec;
  readonly reps?: RangeSpec;
  readonly origin?: string;
};

/** A target to build towards (walking), not a day-one amount. */
export type TargetSpec = {
  readonly sessions_per_week: number;
  readonly session_min: number;
};

/**
 * The numbers a timer uses. Seconds unless the key ends in `_min` (minutes) or `_h` (hours). Each protocol uses
 * only some of the fields.
 */
export type TimerSpec = {
  readonly on_s?: RangeSpec;
  readonly off_s?: RangeSpec;
  /** `until_relief`: the source sets no count; the session chooses one (see timeline.ts). */
  readonly cycles?: 'until_relief';
  readonly max_cycles?: number;
  /** The period after onset in which the protocol is offered. */
  readonly window_h?: RangeSpec;
  /** Warming time for a grain bag. */
  readonly prep_s?: RangeSpec;
  /** Protocols run one after another, with `skin_check` between them. */
  readonly sequence?: readonly string[];
  readonly hot_s?: RangeSpec;
  readonly cold_s?: RangeSpec;
  readonly hold_s?: RangeSpec;
  readonly reps?: RangeSpec;
  readonly reps_per_side?: RangeSpec;
  readonly alternate_sides?: boolean;
  readonly progression?: string;
  readonly variants?: readonly VariantSpec[];
  readonly sessions_per_week?: RangeSpec;
  readonly session_min?: RangeSpec;
  readonly not_before_phase?: Phase;
  readonly prevention_target?: TargetSpec;
};

/**
 * One seed passage and the numbers it states, keyed as in the timer (`on_s`, `hold_s`…): a value, a range, or a
 * word such as `until_relief`.
 */
export type SourceValue = {
  readonly file: SeedFileName;
  readonly section: string;
  readonly note?: string;
  readonly [key: string]: number | SourceRange | string | undefined;
};

/** Values the spec chose where no seed gives one, with the reason. */
export type SpecDefaults = {
  readonly reason?: string;
  readonly [key: string]: number | string | RangeSpec | TargetSpec | undefined;
};

/** One timed protocol of protocols.json. */
export type ProtocolSpec = {
  readonly id: string;
  readonly kind: 'treatment' | 'exercise';
  readonly display: Display;
  readonly display_by_phase?: Readonly<Partial<Record<Phase, Display>>>;
  readonly phases: readonly Phase[];
  /** `after_caveat`: only once the user has acknowledged the entry's display_note (§1.4). */
  readonly timer_allowed: true | 'after_caveat';
  readonly timer: TimerSpec;
  readonly suits?: readonly Condition[];
  readonly caution_with?: readonly Condition[];
  readonly avoid_with?: readonly Condition[];
  /** Shown, and acknowledged, before the first start in a session. */
  readonly required_prompts: readonly string[];
  readonly source_values: readonly SourceValue[];
  readonly spec_defaults: SpecDefaults;
};

/** An item with timing facts that is not a guided protocol (most have no timer at all). */
export type OtherTimedItem = {
  readonly id: string;
  readonly display: Display;
  readonly timer_allowed: boolean | 'after_caveat';
  readonly timer?: TimerSpec;
  readonly limit?: Readonly<Record<string, number>>;
  readonly target?: Readonly<Record<string, RangeSpec>>;
  readonly prompt_days?: readonly number[];
  readonly note?: string;
  readonly source_values: readonly SourceValue[];
};

/** The whole file. */
export type ProtocolsDocument = {
  readonly schema: string;
  readonly version: string;
  readonly spec: string;
  readonly units: string;
  readonly value_origin: Readonly<Record<'source_values' | 'timer' | 'spec_defaults', string>>;
  readonly general_rules: readonly string[];
  readonly timer_policy: Readonly<Record<Display, string>>;
  readonly protocols: readonly ProtocolSpec[];
  readonly other_timed_items: readonly OtherTimedItem[];
};

export const protocolsDocument = {
  schema: 'back-spasm-kb/protocols',
  version: '1.0',
  spec: 'knowledge-base.md in this folder; ids match its catalogue (section 2)',
  units:
    'Seconds unless the key ends in _min (minutes), _h (hours) or _days (days). A range is {min, max, default}.',
  value_origin: {
    source_values: 'numbers stated in the seed articles (cited by file name and section)',
    timer: "the values the app's timer must use; each number equals a source value or a spec_defaults value",
    spec_defaults: 'values chosen by the spec for safety or usability; no seed states them',
  },
  general_rules: [
    'The user can stop any timer early; maxima are caps, not targets.',
    'Timers never start while an emergency or urgent red flag is active.',
    'Every timer screen shows its required_prompts before the first start in a session.',
  ],
  timer_policy: {
    recommend: 'timer allowed',
    option: 'timer allowed',
    inform_only: 'timer allowed only after the caveat (display_note) has been acknowledged',
    do_not_recommend: 'no timer, and no how-to amounts shown',
  },
  protocols: [
    {
      id: 'tx-ice',
      kind: 'treatment',
      display: 'option',
      phases: ['acute'],
      timer_allowed: true,
      timer: {
        on_s: {
          min: 900,
          max: 1200,
          default: 1200,
        },
        off_s: {
          min: 1200,
          max: 1800,
          default: 1800,
        },
        cycles: 'until_relief',
        window_h: {
          min: 48,
          max: 48,
          default: 48,
        },
      },
      required_prompts: [
        'Wrap the cold pack in a thin towel or cloth; never put ice on bare skin (frostbite risk).',
        'Remove early if the skin goes numb, white or blotchy.',
        'Do not fall asleep with the pack on.',
      ],
      source_values: [
        {
          file: '001_bd30bd02c355b2a0.txt',
          section: '¶4 ice in the first two days',
          on_s: 1200,
          off_s: 1800,
          window_h: 48,
          note: 'about 20 min on, re-apply after half an hour; first two days (continuation wording ambiguous)',
        },
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Ice the Tender Area',
          on_s: 1200,
          off_s: 1200,
          note: '20 on / 20 off, repeated; towel between pack and skin',
        },
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: '¶ice packs',
          on_s: {
            min: 900,
            max: 1200,
          },
          note: '15-20 min at a time, especially acute',
        },
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Ice or Heat',
          note: 'no timings',
        },
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'Conservative Treatment for Back Spasms',
          note: 'no timings; ice wrapped in cloth, then heating pad',
        },
      ],
      spec_defaults: {
        on_s: 1200,
        off_s: 1800,
        after_window: 'suggest tx-heat',
        reason:
          'cap 20 min (upper bound shared by all timed sources); default gap is the longer, safer 30 min; user may shorten to 20 min',
      },
    },
    {
      id: 'tx-heat',
      kind: 'treatment',
      display: 'recommend',
      phases: ['acute', 'subacute', 'recovery'],
      timer_allowed: true,
      timer: {
        on_s: {
          min: 1200,
          max: 1200,
          default: 1200,
        },
        prep_s: {
          min: 20,
          max: 30,
          default: 20,
        },
      },
      required_prompts: [
        'Test the temperature on your inner wrist first.',
        'Keep a layer of cloth between the heat source and your skin.',
        'Do not fall asleep on an electric heating pad.',
        'Heat grain bags in short bursts only; overheated bags can scorch or catch fire.',
      ],
      source_values: [
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Ice the Tender Area',
          prep_s: {
            min: 20,
            max: 30,
          },
          note: 'rice-filled sock microwaved 20-30 s; or damp towel heated in a dryer',
        },
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Ice or Heat',
          note: 'heating pad; no duration',
        },
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'Conservative Treatment for Back Spasms',
          note: 'heating pad after ice; no duration',
        },
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: '¶heat',
          note: "heat 'in a measured way'; no duration",
        },
      ],
      spec_defaults: {
        on_s: 1200,
        reason:
          'no seed gives an application time; 20-minute cap per session, then skin check, to limit burn risk',
      },
    },
    {
      id: 'tx-alternate-ice-heat',
      kind: 'treatment',
      display: 'option',
      phases: ['acute', 'subacute'],
      timer_allowed: true,
      timer: {
        sequence: ['tx-ice', 'skin_check', 'tx-heat'],
        window_h: {
          min: 168,
          max: 168,
          default: 168,
        },
      },
      required_prompts: ['Do not apply heat while the skin is still numb from cold.'],
      source_values: [
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'Conservative Treatment for Back Spasms',
          note: 'ice pack, then heating pad; no durations',
        },
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: '¶alternate packs',
          note: 'alternating cool and warm packs; no durations',
        },
      ],
      spec_defaults: {
        window_h: 168,
        reason:
          'sources give no durations, gap or limit; reuse the tx-ice and tx-heat timers; offered for the first 7 days',
      },
    },
    {
      id: 'tx-contrast-shower',
      kind: 'treatment',
      display: 'inform_only',
      phases: ['subacute'],
      timer_allowed: 'after_caveat',
      timer: {
        hot_s: {
          min: 180,
          max: 180,
          default: 180,
        },
        cold_s: {
          min: 30,
          max: 30,
          default: 30,
        },
        cycles: 'until_relief',
        max_cycles: 4,
      },
      required_prompts: [
        'Not tested for back pain.',
        'Keep the water comfortably hot, not scalding.',
        'Use a non-slip mat; skip it if standing is hard or you feel faint.',
      ],
      source_values: [
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Other Treatments',
          hot_s: 180,
          cold_s: 30,
          cycles: 'until_relief',
        },
      ],
      spec_defaults: {
        max_cycles: 4,
        reason:
          'source says repeat until relief with no limit; capped at 4 rounds (about 14 minutes) for scald and slip risk',
      },
    },
    {
      id: 'ex-gentle-stretching',
      kind: 'exercise',
      display: 'option',
      display_by_phase: {
        recovery: 'recommend',
        prevention: 'recommend',
      },
      phases: ['acute', 'subacute', 'recovery', 'prevention'],
      timer_allowed: true,
      timer: {
        hold_s: {
          min: 8,
          max: 10,
          default: 8,
        },
        reps: {
          min: 2,
          max: 3,
          default: 2,
        },
      },
      required_prompts: [
        'Move slowly; no bouncing.',
        'Stop at a mild pull, never pain.',
        'Stop if pain increases or spreads into a leg.',
      ],
      source_values: [
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Stretch Your Muscles',
          hold_s: {
            min: 8,
            max: 10,
          },
          note: 'slow, controlled, no bouncing, stop at slight discomfort',
        },
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Physical Exercise',
          note: 'hip and back stretches; start slowly; no numbers',
        },
        {
          file: '001_bd30bd02c355b2a0.txt',
          section: '¶7 sleep posture and later exercise',
          note: 'stop if exercises increase pain; no numbers',
        },
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Stretching Exercises',
          note: 'general basic stretches; no numbers',
        },
      ],
      spec_defaults: {
        reps: {
          min: 2,
          max: 3,
          default: 2,
        },
        reason:
          'no seed gives repetitions for general stretches; borrowed from the 2-3 repetitions of the kneeling stretch in 004_1ae8f1526db4ddd3.txt',
      },
    },
    {
      id: 'ex-prone-press-up',
      kind: 'exercise',
      display: 'option',
      phases: ['subacute', 'recovery'],
      timer_allowed: true,
      timer: {
        hold_s: {
          min: 10,
          max: 30,
          default: 10,
        },
        reps: {
          min: 10,
          max: 10,
          default: 10,
        },
        progression: 'lengthen the hold step by step toward 30 s when comfortable',
      },
      suits: ['disc_herniation'],
      caution_with: ['spinal_stenosis'],
      avoid_with: ['spondylolysis', 'spondylolisthesis'],
      required_prompts: [
        'Hips stay on the floor; back muscles relaxed.',
        'Rise only as far as is comfortable.',
        'Stop if pain or tingling moves further down the leg.',
      ],
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Prone Press Up Exercise…',
          hold_s: 10,
          reps: 10,
          hold_s_progression_max: 30,
          note: 'lumbar extension; suits spasm with disc herniation',
        },
      ],
      spec_defaults: {},
    },
    {
      id: 'ex-knee-to-chest',
      kind: 'exercise',
      display: 'option',
      phases: ['subacute', 'recovery', 'prevention'],
      timer_allowed: true,
      timer: {
        hold_s: {
          min: 15,
          max: 30,
          default: 15,
        },
        reps_per_side: {
          min: 2,
          max: 4,
          default: 2,
        },
        alternate_sides: true,
        progression: 'lengthen the hold over time; then both knees together with the same hold',
        variants: [
          {
            name: 'single_knee',
            hold_s: {
              min: 15,
              max: 30,
              default: 15,
            },
            reps_per_side: {
              min: 2,
              max: 4,
              default: 2,
            },
          },
          {
            name: 'both_knees',
            hold_s: {
              min: 15,
              max: 30,
              default: 15,
            },
            reps: {
              min: 2,
              max: 4,
              default: 2,
            },
            origin:
              'the source says to repeat the exercise with both legs; hold and repetitions are carried over from the single-knee version',
          },
        ],
      },
      suits: ['spinal_stenosis'],
      caution_with: ['disc_herniation'],
      avoid_with: [],
      required_prompts: [
        'Feel the stretch in the lower back or buttock, not pain.',
        'Stop if leg symptoms increase.',
      ],
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Single Knee to Chest Exercise…',
          hold_s: {
            min: 15,
            max: 30,
          },
          reps_per_side: {
            min: 2,
            max: 4,
          },
          note: 'start at the minimum hold; alternate knees; progress to both knees; lumbar flexion suits spinal stenosis',
        },
      ],
      spec_defaults: {
        both_knees_reps: {
          min: 2,
          max: 4,
          default: 2,
        },
        reason: 'the source gives no separate numbers for the both-knees version',
      },
    },
    {
      id: 'ex-childs-pose',
      kind: 'exercise',
      display: 'option',
      phases: ['subacute', 'recovery', 'prevention'],
      timer_allowed: true,
      timer: {
        hold_s: {
          min: 10,
          max: 30,
          default: 10,
        },
        reps: {
          min: 2,
          max: 3,
          default: 2,
        },
        progression: 'lengthen the hold over time',
      },
      suits: [],
      caution_with: ['disc_herniation'],
      avoid_with: [],
      required_prompts: ['Skip it, or use a cushion, if kneeling hurts.', 'Stop if leg symptoms increase.'],
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: "Prayer Stretch or Child's Pose Exercise…",
          hold_s: {
            min: 10,
            max: 30,
          },
          reps: {
            min: 2,
            max: 3,
          },
          note: 'start at the minimum hold',
        },
      ],
      spec_defaults: {},
    },
    {
      id: 'ex-core-back-strengthening',
      kind: 'exercise',
      display: 'recommend',
      phases: ['recovery', 'prevention'],
      timer_allowed: true,
      timer: {
        sessions_per_week: {
          min: 2,
          max: 4,
          default: 2,
        },
        session_min: {
          min: 30,
          max: 45,
          default: 30,
        },
        not_before_phase: 'recovery',
      },
      required_prompts: ['Good technique before load.', 'Stop if an exercise increases the pain.'],
      source_values: [
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Strengthen Your Core',
          sessions_per_week: {
            min: 2,
            max: 4,
          },
          session_min: {
            min: 30,
            max: 45,
          },
          note: 'back (upper, middle, lower) plus abdominals; whole body; proper form',
        },
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Rest Your Back',
          note: 'skip high-intensity back training while the spasm lasts',
        },
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Physical Exercise',
          note: 'strength training including abdominals; not back only; start slowly',
        },
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'Preventing Spasms',
          note: 'abdominal strengthening programme; no numbers',
        },
      ],
      spec_defaults: {},
    },
    {
      id: 'ex-walking',
      kind: 'exercise',
      display: 'recommend',
      phases: ['acute', 'subacute', 'recovery', 'prevention'],
      timer_allowed: true,
      timer: {
        prevention_target: {
          sessions_per_week: 5,
          session_min: 30,
        },
      },
      required_prompts: [
        'Start with a few minutes several times a day and add a little each day.',
        'Use the handrail on stairs.',
      ],
      source_values: [
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'Conservative Treatment for Back Spasms',
          note: 'take walks during recovery; no numbers',
        },
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Stretching Exercises',
          note: 'treadmill walking and stair climbing; no numbers',
        },
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Other Treatments',
          note: 'walk once the spasm eases; no numbers',
        },
      ],
      spec_defaults: {
        prevention_target: {
          sessions_per_week: 5,
          session_min: 30,
        },
        reason:
          'not from the seeds: WalkBack trial goal (external reference WALKBACK-DETAIL), built up over about 6 months',
      },
    },
  ],
  other_timed_items: [
    {
      id: 'tx-short-rest-then-activity',
      display: 'recommend',
      timer_allowed: false,
      limit: {
        max_rest_days: 2,
      },
      source_values: [
        {
          file: '000_2f3779810b56e61f.txt',
          section: 'Back Pain Remedies',
          note: 'rest a couple of days, then slowly increase activity',
        },
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Rest Your Back',
          note: 'one or two days off physically demanding work',
        },
      ],
    },
    {
      id: 'tx-activity-modification',
      display: 'option',
      timer_allowed: false,
      limit: {
        max_days_off_heavy_work: 2,
      },
      source_values: [
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Rest Your Back',
          note: 'one or two days off a physically demanding job',
        },
      ],
    },
    {
      id: 'rf-no-improvement-1-2-weeks',
      display: 'recommend',
      timer_allowed: false,
      prompt_days: [7, 14, 43],
      note: 'days 7 and 14 follow the seed; day 43 (more than six weeks) matches the pain_over_6_weeks rule in triage.md',
      source_values: [
        {
          file: '003_e4685ed4c058ddb9.txt',
          section: 'untitled intro',
          note: 'seek medical attention if not resolved within a week or two',
        },
      ],
    },
    {
      id: 'tx-sleep-routine',
      display: 'recommend',
      timer_allowed: false,
      target: {
        sleep_h: {
          min: 7,
          max: 9,
          default: 8,
        },
      },
      source_values: [
        {
          file: '002_e310bbdc0bb54cbd.txt',
          section: 'Get Adequate Sleep',
          note: '7-9 hours on most nights; regular schedule',
        },
      ],
    },
    {
      id: 'rem-lavender-oil-rub',
      display: 'inform_only',
      timer_allowed: 'after_caveat',
      timer: {
        on_s: {
          min: 600,
          max: 600,
          default: 600,
        },
      },
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Lavender Oil',
          on_s: 600,
          note: 'equal parts lavender and olive oil; wipe off after about 10 min',
        },
      ],
    },
    {
      id: 'rem-celery-seed-tea',
      display: 'do_not_recommend',
      timer_allowed: false,
      note: 'source gives a 10-minute steep, twice daily; the app must show neither the timer nor the amounts',
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Celery Seeds',
          steep_s: 600,
          per_day: 2,
        },
      ],
    },
    {
      id: 'rem-apple-cider-vinegar',
      display: 'do_not_recommend',
      timer_allowed: false,
      note: 'source gives a once-daily drink; the app must show neither a schedule nor the amounts',
      source_values: [
        {
          file: '004_1ae8f1526db4ddd3.txt',
          section: 'Apple Cider Vinegar (ACV)',
          per_day: 1,
        },
      ],
    },
  ],
} as const satisfies ProtocolsDocument;

/** The timed protocols, in the file's order. */
export const protocols: readonly ProtocolSpec[] = protocolsDocument.protocols;

/** Items with timing facts that are not guided protocols (rest days, sleep, remedies…). */
export const otherTimedItems: readonly OtherTimedItem[] = protocolsDocument.other_timed_items;

/** How each display may use a timer (§1.4). */
export const timerPolicy: Readonly<Record<Display, string>> = protocolsDocument.timer_policy;

/** The ids of the timed protocols. */
export type TimedProtocolId = (typeof protocolsDocument.protocols)[number]['id'];

const protocolsById: ReadonlyMap<string, ProtocolSpec> = new Map(protocols.map((p) => [p.id, p]));
const othersById: ReadonlyMap<string, OtherTimedItem> = new Map(otherTimedItems.map((p) => [p.id, p]));

/** The timed protocol with this id, or `undefined`. */
export function getProtocol(id: string): ProtocolSpec | undefined {
  return protocolsById.get(id);
}

/** The other timed item with this id, or `undefined`. */
export function getOtherTimedItem(id: string): OtherTimedItem | undefined {
  return othersById.get(id);
}
