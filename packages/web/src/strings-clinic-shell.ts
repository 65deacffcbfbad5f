/**
 * The few clinic-mode words shown by screens that personal mode loads too (the plan item's mark and dose, the home
 * screen's PEG prompt, Settings' words about where the record lives), kept apart from strings-clinic.ts so that
 * personal mode downloads only these lines of clinic text. Our own words throughout.
 */

export const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

export const programmeText = {
  tag: 'From your physiotherapist',
  dose: 'Your dose:',
  hold: (s: number) => `hold ${s} s`,
  reps: (n: number) => `${n} ${plural(n, 'repetition', 'repetitions')}`,
  sets: (n: number) => `${n} ${plural(n, 'set', 'sets')}`,
};

export const pegPromptText = {
  title: 'Your weekly check-in',
  body: 'Three quick questions about your past week, for your physiotherapist.',
  action: 'Answer now',
};

/** Settings' words that differ in clinic mode: the record lives on the clinic's server, not on this computer. */
export const settingsClinicText = {
  intro:
    'What you record belongs to you. It is kept on this device and on your clinic’s server; your physiotherapist sees what you share with them.',
  deleteIntro:
    'Erase your records from this device and from your clinic’s server. Download your data first if you want to keep a copy. Your account stays, and so does the log of who looked at your record.',
  confirmServer: 'And everything of yours stored on your clinic’s server.',
};

/** The welcome's last line in clinic mode: the record lives on the clinic's server. */
export const welcomeOfflineClinic =
  'It works without a connection. Your records stay on this device and on your clinic’s server.';
