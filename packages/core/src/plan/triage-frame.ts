/**
 * The triage result decides the frame around the plan (knowledge-base.md §5, §1.4 rule 1, §6 check 9):
 *
 * - no triage, or one answered before the last change of symptoms, or before the current phase began →
 *   the questionnaire must be answered again; no plan;
 * - `emergency` or `urgent` → the escalation instead of a plan (no days, no items);
 * - `soon` → the plan with an appointment card;
 * - `self_care` → the plan.
 *
 * §1.7 lets an `urgent` result keep comfort measures on screen; the issue and §5 replace the plan entirely, and
 * this follows them: the escalation screen carries its own self-care lines in the safety-netting.
 */
import { dispositionAdvice, safetyNet, type Disposition } from '../triage/index.ts';
import { localDate } from './dates.ts';
import type {
  AppointmentCard,
  PlanEscalation,
  PlanProfile,
  PlanTriageNeeded,
  TriageNeededReason,
} from './types.ts';

const triageMessages: Readonly<Record<TriageNeededReason, string>> = {
  no_triage: 'Answer the warning-sign questions first. Your plan appears as soon as they are done.',
  symptoms_changed:
    'Your symptoms have changed since you last answered the warning-sign questions. Please answer them again before carrying on with your plan.',
  new_phase:
    'Your back has moved into a new stage of recovery. Please answer the warning-sign questions again before its plan starts.',
};

/** What the triage lets the plan do. */
export type TriageFrame =
  | {
      readonly kind: 'plan';
      readonly disposition: 'self_care' | 'soon';
      readonly appointment: AppointmentCard | null;
    }
  | PlanEscalation
  | PlanTriageNeeded;

function triageNeeded(reason: TriageNeededReason, last: Disposition | null): PlanTriageNeeded {
  return { kind: 'triage_needed', reason, message: triageMessages[reason], lastDisposition: last };
}

/**
 * Decides the frame. `phaseStartDate` is the first date of the phase `today` is in: §5 runs the questionnaire
 * again before every phase, so a triage answered on an earlier date (in the episode's zone) is stale.
 */
export function triageFrame(profile: PlanProfile, phaseStartDate: string): TriageFrame {
  const triage = profile.triage;
  if (triage === undefined) return triageNeeded('no_triage', null);
  const last = triage.result.disposition;
  if (
    profile.symptomsChangedAt !== undefined &&
    Date.parse(triage.at) < Date.parse(profile.symptomsChangedAt)
  ) {
    return triageNeeded('symptoms_changed', last);
  }
  // ISO dates compare correctly as strings.
  if (localDate(triage.at, profile.timeZone) < phaseStartDate) return triageNeeded('new_phase', last);
  const { disposition, reasons } = triage.result;
  switch (disposition) {
    case 'emergency':
    case 'urgent': {
      const advice = dispositionAdvice[disposition];
      return {
        kind: 'escalation',
        disposition,
        headline: advice.headline,
        advice: advice.advice,
        reasons: reasons.map((reason) => ({ ...reason, sources: [...reason.sources] })),
        safetyNet: advice.showSafetyNet ? copySafetyNet() : null,
      };
    }
    case 'soon':
      return {
        kind: 'plan',
        disposition,
        appointment: {
          disposition,
          headline: dispositionAdvice.soon.headline,
          advice: dispositionAdvice.soon.advice,
          reasons: reasons.map((reason) => ({ ...reason, sources: [...reason.sources] })),
        },
      };
    case 'self_care':
      return { kind: 'plan', disposition, appointment: null };
  }
}

/** A fresh copy of triage.md §5's safety-netting, so no caller can change the shared constant through a plan. */
export function copySafetyNet(): typeof safetyNet {
  return {
    groups: safetyNet.groups.map((group) => ({ heading: group.heading, items: [...group.items] })),
    closing: safetyNet.closing,
  };
}
