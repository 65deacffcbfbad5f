/**
 * §5's day-7 and day-14 check-ins (`rf-no-improvement-1-2-weeks`, D10), and the recurrence card
 * (`rf-recurring-spasms`). The days come from the entry's `spec_default`, so the plan and the knowledge base
 * cannot drift apart.
 */
import { getEntry, type Entry } from '../knowledge/index.ts';
import { addDays } from './dates.ts';
import { whyFor } from './items.ts';
import type { CheckIn, CheckInId, RecurrenceCard } from './types.ts';

function entry(id: string): Entry {
  const found = getEntry(id);
  if (found === undefined) throw new Error(`the plan names an entry the knowledge base lacks: ${id}`);
  return found;
}

function promptDay(key: 'first_prompt_day' | 'second_prompt_day', fallback: 7 | 14): 7 | 14 {
  const value = entry('rf-no-improvement-1-2-weeks').protocol?.spec_default?.[key];
  return value === 7 || value === 14 ? value : fallback;
}

/** The check-in days: 7 and 14. */
export const checkInDays: Readonly<Record<CheckInId, 7 | 14>> = {
  'day-7': promptDay('first_prompt_day', 7),
  'day-14': promptDay('second_prompt_day', 14),
};

const ifWorse =
  'If it is getting worse at any point, rather than just not getting better, contact a doctor sooner and answer the warning-sign questions again.';

const checkInTexts: Readonly<
  Record<CheckInId, Pick<CheckIn, 'question' | 'ifNotBetter' | 'seeAlso' | 'diarySummary'>>
> = {
  'day-7': {
    question: 'One week on: is your back clearly better than when the spasm started?',
    ifNotBetter: 'If not, book an appointment with a GP or a physiotherapist.',
    seeAlso: ['pro-see-doctor-what-to-tell', 'pro-physiotherapy'],
    diarySummary: false,
  },
  'day-14': {
    question: 'Two weeks on: is your back clearly better now?',
    ifNotBetter:
      'If not, see a doctor. Take the summary of your diary with you; the checklist shows what to tell them.',
    seeAlso: ['pro-see-doctor-what-to-tell'],
    diarySummary: true,
  },
};

/** Both check-ins, dated, with their state on `todayDay`. */
export function checkInsFor(onsetDate: string, todayDay: number): CheckIn[] {
  return (['day-7', 'day-14'] as const).map((id) => {
    const day = checkInDays[id];
    const text = checkInTexts[id];
    return {
      id,
      day,
      date: addDays(onsetDate, day),
      state: day < todayDay ? 'past' : day === todayDay ? 'today' : 'upcoming',
      entryId: 'rf-no-improvement-1-2-weeks',
      question: text.question,
      ifNotBetter: text.ifNotBetter,
      ifWorse,
      seeAlso: [...text.seeAlso],
      diarySummary: text.diarySummary,
      why: whyFor(entry('rf-no-improvement-1-2-weeks')),
    };
  });
}

/** §5 "Trigger: second logged episode → rf-recurring-spasms", shown from the start of recovery. */
export function recurrenceCardFor(earlierEpisodes: number, recoveryStartDate: string): RecurrenceCard | null {
  if (earlierEpisodes < 1) return null;
  const card = entry('rf-recurring-spasms');
  return {
    entryId: 'rf-recurring-spasms',
    title: card.title,
    text: 'This is not your first back spasm logged here. Once this one settles, a check-up with a GP or physiotherapist can look for a cause you can change and set up an exercise plan to prevent the next.',
    fromDate: recoveryStartDate,
    why: whyFor(card),
  };
}
