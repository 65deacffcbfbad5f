/**
 * Questions the person may want to ask the doctor, in our words. A few suit everyone; the rest are picked from
 * their own record (knowledge-base `pro-see-doctor-what-to-tell`; seed 003: a spasm not settling within a week or
 * two is the time to see a doctor), and each says what put it on the list.
 */
import type {
  QuestionToAsk,
  SummaryAnswer,
  SummaryAssessment,
  SummaryEpisode,
  SummaryMedicine,
  SummaryPain,
  SummarySession,
} from './types.ts';

/** What the questions are chosen from: parts of the summary already worked out. */
export interface QuestionContext {
  episode: SummaryEpisode;
  pain: SummaryPain;
  /** Newest first; only the newest is read. */
  assessments: readonly SummaryAssessment[];
  /** Newest first. */
  sessions: readonly SummarySession[];
  medicines: readonly SummaryMedicine[];
}

/** A rise of this many points from before to after a session is worth asking about (the diary's own threshold). */
const sessionRise = 2;

function answerOf(assessment: SummaryAssessment | undefined, id: string): SummaryAnswer | undefined {
  return assessment?.answers.find((a) => a.questionId === id);
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The questions for this person, in the order worth asking: what is going on, what in their record needs a
 * doctor's view, then how to carry on and when to come back. Deterministic.
 */
export function questionsToAsk(context: QuestionContext): QuestionToAsk[] {
  const { episode, pain, sessions, medicines } = context;
  const latest = context.assessments[0];
  const asked = (id: string) => answerOf(latest, id);
  const out: QuestionToAsk[] = [
    {
      id: 'cause',
      text: 'What do you think is causing the pain? Does anything here point to something other than a muscle spasm?',
      because: null,
    },
  ];
  const add = (id: string, text: string, because: string) => out.push({ id, text, because });

  if (asked('leg_weakness')?.value === 'one_leg' || asked('leg_weakness')?.value === 'both_legs') {
    add(
      'leg_weakness',
      'One of my legs feels weak. Does that need a scan or a specialist, and how quickly?',
      'Leg weakness was reported in the latest check.',
    );
  }
  const fragile =
    asked('osteoporosis_or_steroids')?.value === true ||
    episode.knownConditions.some((c) => c.code === 'osteoporosis');
  if (episode.trigger.code === 'minor_fall' || fragile) {
    add(
      'fracture',
      'Could a bone in my spine be damaged, and do I need an X-ray?',
      episode.trigger.code === 'minor_fall'
        ? 'It started after a fall or knock.'
        : 'Osteoporosis or long-term steroid tablets were reported.',
    );
  }
  const below = asked('pain_below_knee')?.value;
  const numb = asked('leg_numbness')?.value;
  if ((below !== undefined && below !== 'none') || (numb !== undefined && numb !== 'none')) {
    const what = [
      below !== undefined && below !== 'none' ? 'pain spreading below the knee' : '',
      numb !== undefined && numb !== 'none' ? 'numbness or tingling in a leg' : '',
    ].filter((w) => w !== '');
    add(
      'leg_symptoms',
      'Is a nerve involved? Which changes in my leg symptoms would mean I should come back at once?',
      `The latest check reported ${listWords(what)}.`,
    );
  }
  if (pain.trend === 'worsening') {
    add(
      'worsening',
      'My pain ratings are higher now than at the start. What could explain that, and what should I change?',
      pain.baseline !== null && pain.latest !== null
        ? `Diary: about ${pain.baseline} at the start, about ${pain.latest} lately (0–10).`
        : 'The diary shows the pain rising.',
    );
  }
  if (episode.day >= 7 && !pain.clinicallyImportantImprovement) {
    add(
      'not_improving',
      'It has not clearly improved yet. Would physiotherapy, a test or a change of treatment help now?',
      `Day ${episode.day} since it started, and the diary shows no clear improvement.`,
    );
  }
  if (episode.day >= 43) {
    add(
      'long_duration',
      'This has gone on for more than six weeks. What is the plan from here?',
      `It started ${episode.day} days ago.`,
    );
  }
  if (asked('cancer_history')?.value === true) {
    add(
      'cancer_history',
      'I have had cancer in the past. Does this pain need any checks because of that?',
      'A past cancer was reported in the latest check.',
    );
  }
  if (asked('night_pain')?.value === true) {
    add(
      'night_pain',
      'The pain keeps me awake or wakes me. What can I do about the nights?',
      'Night pain was reported in the latest check.',
    );
  }
  const hurtBy = new Map<string, SummarySession>();
  for (const s of sessions)
    if (s.change !== null && s.change >= sessionRise && !hurtBy.has(s.protocolId))
      hurtBy.set(s.protocolId, s);
  if (hurtBy.size > 0) {
    const named = [...hurtBy.values()].map((s) => `${s.title} (${s.painBefore} → ${s.painAfter})`);
    add(
      'session_hurt',
      'Some of what I tried made the pain worse. Should I change how I do it, or stop?',
      `Pain rose by ${sessionRise} or more points during: ${named.join('; ')}.`,
    );
  }
  if (episode.knownConditions.length > 0) {
    add(
      'known_conditions',
      'Does the back condition I have been told about change what I should do or avoid?',
      `Named before: ${episode.knownConditions.map((c) => c.text).join('; ')}.`,
    );
  }
  if (medicines.length > 0) {
    add(
      'medicines',
      'Are the medicines I have taken right for me, and for how long should I keep taking them?',
      `Taken so far: ${medicines.map((m) => m.name).join(', ')}.`,
    );
  } else {
    add(
      'pain_relief',
      'Which pain relief is safe for me, with my health and any other medicines I take?',
      'No medicines were logged in the diary.',
    );
  }
  if (episode.work !== null) {
    add(
      'work',
      episode.work === 'physical'
        ? 'When and how can I go back to physical work?'
        : 'How should I arrange my work and breaks while this settles?',
      episode.work === 'physical' ? 'Work is physical.' : `Work is mostly ${episode.work}.`,
    );
  }
  out.push(
    {
      id: 'activity',
      text: 'Which activities and exercise should I keep up, and is there anything to avoid for now?',
      because: null,
    },
    {
      id: 'when_to_return',
      text: 'If it does not settle, when should I come back, and which changes mean I should get help at once?',
      because: null,
    },
  );
  return out;
}
