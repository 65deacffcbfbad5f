import type { Disposition } from './types.ts';

export interface DispositionAdvice {
  headline: string;
  advice: string;
  /** Whether the §5 safety-netting is shown with this result (not with emergency: it would slow the person down). */
  showSafetyNet: boolean;
}

/** Headline and advice per disposition, exactly as in triage.md §1. */
export const dispositionAdvice: Readonly<Record<Disposition, DispositionAdvice>> = {
  emergency: {
    headline: 'Get emergency help now',
    advice:
      'Call emergency services now (999 in the UK, 112 in the EU, 911 in the US and Canada) or go straight to the nearest emergency department. Do not drive yourself. Do not wait to see whether it settles. If you can, take a list of your medicines and tell staff which warning sign you have.',
    showSafetyNet: false,
  },
  urgent: {
    headline: 'See a doctor today',
    advice:
      'Speak to a doctor today, within 24 hours. Ask your GP practice for an urgent same-day appointment. If the practice is closed, use your local urgent-care service (NHS 111 in England). If you get worse while you wait, or any emergency warning sign in the list below appears, call emergency services.',
    showSafetyNet: true,
  },
  soon: {
    headline: 'Book an appointment in the next few days',
    advice:
      'Book an appointment with a GP or physiotherapist within the next few days (within one week at the latest). Keep following the self-care advice in the meantime. If any of the warning signs listed below appear, get help straight away; do not wait for the appointment.',
    showSafetyNet: true,
  },
  self_care: {
    headline: 'Safe to look after at home',
    advice:
      'Your answers do not show any of the warning signs we check for, so it is reasonable to look after this at home. Keep moving gently, use heat or cold and simple pain relief, and read the safety advice below, which tells you when to get help.',
    showSafetyNet: true,
  },
};
