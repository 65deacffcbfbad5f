/**
 * The summary's values as short phrases, shared by the HTML and the PDF so both pages say the same thing in the
 * same words. Plain text: escaping belongs to the HTML writer.
 */
import { formatDate, formatShortDate } from './dates.ts';
import type {
  DoctorSummary,
  SummaryFactors,
  SummaryMedicine,
  SummaryPain,
  SummaryPattern,
  SummarySession,
  SummaryTreatment,
} from './types.ts';
import { patternWords, trendWords, workWords } from './words.ts';

/** Section headings, so the two pages use one set. */
export const headings = {
  title: 'Back pain: summary for the doctor',
  episode: 'The episode',
  chart: 'Pain, day by day',
  worse: 'What makes it worse',
  better: 'What eases it',
  treatments: 'What has been tried',
  sessions: 'Guided sessions',
  medicines: 'Medicines taken',
  triage: 'Warning-sign checks',
  escalations: 'Alerts the app showed',
  questions: 'Questions to ask',
  notes: 'Notes from the diary',
} as const;

/** Labels of the episode facts, short enough for a narrow printed column. */
export const episodeKeys = {
  age: 'Age',
  started: 'Started',
  trigger: 'Set off by',
  location: 'Where',
  pattern: 'Pattern',
  conditions: 'Named before',
  work: 'Work',
} as const;

export const none = 'None recorded';

/** The episode's facts as label and value, for the HTML list and the PDF band alike. */
export function episodeRows(s: DoctorSummary): [string, string][] {
  const conditions = s.episode.knownConditions.map((c) => c.text).join('; ');
  const work = workText(s);
  return [
    ...(s.episode.age === null ? [] : [[episodeKeys.age, `${s.episode.age} years`] as [string, string]]),
    [episodeKeys.started, onsetText(s)],
    [episodeKeys.trigger, s.episode.trigger.text],
    [episodeKeys.location, s.episode.location.text],
    [episodeKeys.pattern, patternText(s.pattern)],
    [episodeKeys.conditions, conditions === '' ? 'None' : conditions],
    ...(work === '' ? [] : [[episodeKeys.work, work] as [string, string]]),
  ];
}

/** Says what the chart's separate mark is, or nothing when there is none. */
export function checkPainText(p: SummaryPain): string {
  return p.check === null
    ? ''
    : `Ring: ${p.check.pain}/10, the worst pain in the 24 hours before the first check (${formatShortDate(p.check.date)}).`;
}

export function painText(n: number | null): string {
  return n === null ? '–' : `${n}/10`;
}

/** A signed number with a real minus sign, e.g. −2.5 or +1. */
export function signed(n: number): string {
  if (n === 0) return '0';
  return n > 0 ? `+${n}` : `−${Math.abs(n)}`;
}

export function onsetText(s: DoctorSummary): string {
  const day = s.episode.day;
  const when = day === 0 ? 'today' : day === 1 ? '1 day ago' : `${day} days ago`;
  return `${formatDate(s.episode.onsetDate)} (${when}, day ${day})`;
}

export function patternText(p: SummaryPattern): string {
  if (p.latest === null || p.latestDate === null) return none;
  const counts = [
    p.constant > 0 ? `constant ${p.constant}×` : '',
    p.intermittent > 0 ? `comes and goes ${p.intermittent}×` : '',
  ].filter((c) => c !== '');
  return `${patternWords[p.latest]} (latest, ${formatShortDate(p.latestDate)}); diary: ${counts.join(', ')}`;
}

/** "Sitting ×5, Bending ×3" — the ticked factors with how many entries named each. */
export function factorsText(f: SummaryFactors): string {
  if (f.known.length === 0) return f.texts.length === 0 ? none : '';
  return f.known.map((k) => `${k.text} ×${k.count}`).join(', ');
}

/** "7/10 at the start, 4/10 lately (−3, −43 %). Improving: …" */
export function trendText(p: SummaryPain): string {
  const parts: string[] = [];
  if (p.baseline !== null) parts.push(`${painText(p.baseline)} at the start`);
  if (p.latest !== null) parts.push(`${painText(p.latest)} lately`);
  let text = parts.join(', ');
  if (p.change !== null) {
    const pct = p.change.percent === null ? '' : `, ${signed(p.change.percent)} %`;
    text += ` (${signed(p.change.points)} points${pct})`;
  }
  return text === '' ? trendWords[p.trend] : `${text}. ${trendWords[p.trend]}.`;
}

export function highestText(p: SummaryPain): string {
  return p.highest === null
    ? ''
    : `Highest rating ${painText(p.highest.pain)} on ${formatShortDate(p.highest.date)}.`;
}

export function sleepText(p: SummaryPain): string {
  if (p.sleepMeanHours === null) return '';
  return `Sleep: ${p.sleepMeanHours} h a night on average (${p.sleepNights} ${p.sleepNights === 1 ? 'night' : 'nights'} logged).`;
}

export function workText(s: DoctorSummary): string {
  return s.episode.work === null ? '' : workWords[s.episode.work];
}

export function treatmentUse(t: SummaryTreatment): string {
  const parts = [
    t.logged > 0 ? `logged ${t.logged}×` : '',
    t.sessions > 0 ? `${t.sessions} ${t.sessions === 1 ? 'session' : 'sessions'}` : '',
  ].filter((p) => p !== '');
  return `${parts.join(', ')}, last ${formatShortDate(t.lastDate)}`;
}

export function sessionPain(s: SummarySession): string {
  if (s.painBefore === null && s.painAfter === null) return '–';
  const change = s.change === null ? '' : ` (${signed(s.change)})`;
  return `${s.painBefore ?? '?'} → ${s.painAfter ?? '?'}${change}`;
}

/** A session with no step done was skipped through, not completed (the steps count comes from `completedSteps`). */
export function sessionOutcome(s: SummarySession): string {
  if (s.stoppedEarly) return s.stopReason === null ? 'Stopped early' : `Stopped early: ${s.stopReason}`;
  return s.stepsCompleted === 0 ? 'Skipped' : 'Completed';
}

export function medicineDoses(m: SummaryMedicine): string {
  return m.doses.length === 0 ? 'dose not given' : m.doses.join('; ');
}

export function medicineUse(m: SummaryMedicine): string {
  const span =
    m.firstDate === m.lastDate
      ? formatShortDate(m.firstDate)
      : `${formatShortDate(m.firstDate)}–${formatShortDate(m.lastDate)}`;
  if (m.lastTakenAt === null) return `${m.times}× (${span})`;
  const [date = '', time = ''] = m.lastTakenAt.split(' ');
  return `${m.times}× (${span}), last taken ${formatShortDate(date)} ${time}`;
}

export function generatedText(s: DoctorSummary): string {
  const [date = '', time = ''] = s.generatedAt.split('T');
  return `Made ${formatDate(date)} ${time.slice(0, 5)} UTC by the unknot app`;
}
