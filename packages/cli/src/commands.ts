import type { parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';
import type { CliIo } from './io.ts';

/**
 * Every command: what `--help` says about it and which options it takes are here, static; the code that runs it is
 * imported only when it runs (`await import` in `run`). So `unknot --version` or `unknot learn` loads neither the
 * store nor the PDF writer nor the prompts, and starts in a few tens of milliseconds.
 */
export type CommandOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export interface Command {
  summary: string;
  usage: string;
  help: string;
  /** Whether the help ends with where the record is stored (worked out only when the help is shown). */
  showsDataLocation?: boolean;
  /**
   * The options it takes. Subcommands that give one option name different meanings (`admin create-clinic --admin
   * EMAIL`, `admin add-clinician --admin`) take a function of the subcommand, the first word after the command.
   */
  options: CommandOptions | ((subcommand: string | undefined) => CommandOptions);
  /** Whether the command takes words after its name (a search, a subcommand, an id). */
  positionals?: boolean;
  /**
   * Whether this run reads or writes the record on this computer. While signed in to a clinic (`unknot login`),
   * such a run is refused before it starts instead of splitting the record. Commands that send the record to the
   * clinic (`log`, `episode`) leave this out and choose for themselves.
   */
  localRecord?: boolean | ((values: Record<string, string | boolean | undefined>) => boolean);
  run: (
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
    io: CliIo,
  ) => Promise<number>;
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const commands: Record<string, Command> = {
  triage: {
    summary: 'Check your back pain for warning signs: do you need a doctor, and how soon?',
    usage: 'unknot triage [--answers FILE|-] [--json]',
    help: `Asks the 25 red-flag questions one at a time, emergency questions first. If an answer on its own
means you need emergency care, it stops and tells you at once. Otherwise it shows the result, every
reason with its sources, and when to get help.

Options:
  --answers FILE  Read the answers from a JSON file (- for standard input) instead of asking.
  --json          Print the result as JSON (the contract of triage.md §4).
  --save          Also store the result under the active episode (the interactive check always
                  does when there is one), so unknot plan can use it.
  -h, --help      Show this help.

Exit status: 0 a result was given; 2 the answers were invalid (nothing was assessed);
1 the file could not be read or is not JSON, or the command was used wrongly.`,
    options: {
      answers: { type: 'string' },
      json: { type: 'boolean', default: false },
      save: { type: 'boolean', default: false },
    },
    // Interactive triage saves under the active episode; with --answers only --save touches the record.
    localRecord: (values) => values.save === true || values.answers === undefined,
    run: async (values, _positionals, io) =>
      (await import('./commands/triage.ts')).triageCommand(
        { answers: str(values.answers), json: values.json === true, save: values.save === true },
        io,
      ),
  },
  learn: {
    summary: 'Search the knowledge base: what helps, what does not, and how sure we are.',
    usage: 'unknot learn QUERY [--json] | unknot learn --list [--json]',
    help: `Finds entries that match QUERY (for example "how long ice", "slipped disc", "paracetamol") and shows
each with its display policy, evidence grade and sources. Entries we do not recommend are shown as
such, with why, and without any how-to.

Options:
  --list      List every entry instead of searching.
  --json      Print JSON.
  -h, --help  Show this help.`,
    options: { list: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    positionals: true,
    run: async (values, positionals, io) =>
      (await import('./commands/learn.ts')).learnCommand(
        { query: positionals.join(' '), list: values.list === true, json: values.json === true },
        io,
      ),
  },
  episode: {
    summary: 'Start, list, choose or close an episode of back pain (stored like the app stores it).',
    usage:
      'unknot episode new --onset YYYY-MM-DD --location lower|middle|upper --trigger T [--conditions a,b] | list [--json] | use ID | close',
    help: `An episode is one bout of back pain: when it started, where, what set it off. Commands that record
things (the diary, sessions) record them under the active episode.

  new    Start an episode and make it the active one.
           --onset YYYY-MM-DD      the day the pain started
           --location L            lower, middle or upper
           --trigger T             lifting, sudden_movement, sport_twisting, prolonged_sitting,
                                   minor_fall, significant_injury, other or unknown
           --conditions a,b        conditions a doctor has named: disc_herniation, spinal_stenosis,
                                   degenerative_disc_disease, arthritis, spondylolisthesis, osteoporosis
           --timezone ZONE         IANA time zone (default: this computer's)
           --prefer heat|ice|either
  list   Every episode, newest first; * marks the active one. --json for JSON.
  use    Make episode ID the active one.
  close  Close the active episode.`,
    showsDataLocation: true,
    options: {
      onset: { type: 'string' },
      location: { type: 'string' },
      trigger: { type: 'string' },
      conditions: { type: 'string' },
      timezone: { type: 'string' },
      prefer: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    positionals: true,
    run: async (values, positionals, io) => {
      const [sub, ...args] = positionals;
      const json = values.json === true;
      if (sub !== 'new' && sub !== 'list' && sub !== 'use' && sub !== 'close') {
        throw new CliError(
          `${sub === undefined ? 'Missing' : `Unknown`} episode command${sub === undefined ? '' : ` "${sub}"`}: use new, list, use or close.`,
        );
      }
      const { episodeClose, episodeList, episodeNew, episodeUse } = await import('./commands/episode.ts');
      switch (sub) {
        case 'new':
          return episodeNew(
            {
              onset: str(values.onset),
              location: str(values.location),
              trigger: str(values.trigger),
              conditions: str(values.conditions),
              timezone: str(values.timezone),
              prefer: str(values.prefer),
              json,
            },
            io,
          );
        case 'list':
          return episodeList(json, io);
        case 'use':
          return episodeUse(args[0], io);
        case 'close':
          return episodeClose(io);
      }
    },
  },
  log: {
    summary: 'Add a pain score (0-10) to the diary of the active episode.',
    usage:
      'unknot log SCORE [--at ISO-TIME] [--pattern constant|intermittent] [--worse a,b] [--better a,b] [--note TEXT] [--json]',
    help: `Records how bad the pain is now, from 0 (no pain) to 10 (the worst you can imagine), in the diary
of the active episode (see unknot episode).

Options:
  --at ISO-TIME        when (default now), with a zone: 2026-11-21T08:30:00Z or 2026-11-21T09:30+01:00
  --pattern P          constant or intermittent
  --worse a,b          what made it worse: sitting, standing, walking, bending, lifting, twisting, lying_down,
                       coughing_or_sneezing, getting_up, morning, evening, stress, or your own words
  --better a,b         what eased it: rest, lying_down, walking, movement, stretching, heat, ice, medicine,
                       massage, changing_position, sleep, or your own words
  --note TEXT          anything else
  --json               print the stored entry as JSON`,
    options: {
      at: { type: 'string' },
      pattern: { type: 'string' },
      worse: { type: 'string' },
      better: { type: 'string' },
      note: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    positionals: true,
    run: async (values, positionals, io) => {
      if (positionals.length > 1) throw new CliError(`Give one score (got "${positionals.join(' ')}").`);
      return (await import('./commands/log.ts')).logCommand(
        {
          score: positionals[0],
          at: str(values.at),
          pattern: str(values.pattern),
          worse: str(values.worse),
          better: str(values.better),
          note: str(values.note),
          json: values.json === true,
        },
        io,
      );
    },
  },
  diary: {
    summary: "Show the active episode's pain by day, its trend, and when to see a doctor.",
    localRecord: true,
    usage: 'unknot diary [--json]',
    help: `Draws the pain diary of the active episode as one bar a day (the day's worst rating), says whether
it is improving, and lists what the diary says to do: book an appointment if it is not clearly better by
day 7, see a doctor with the summary by day 14, a review after six weeks, stop an exercise that made the
pain 2 or more points worse.

Options:
  --json  print the analysis, escalations and entries as JSON`,
    options: { json: { type: 'boolean', default: false } },
    run: async (values, _positionals, io) =>
      (await import('./commands/diary.ts')).diaryCommand(values.json === true, io),
  },
  plan: {
    summary: 'Show the day-by-day home-care plan for the active episode, or write it to a calendar.',
    // With --answers the plan is worked out without the store.
    localRecord: (values) => values.answers === undefined,
    usage:
      'unknot plan [--json] [--ics FILE] | unknot plan --onset YYYY-MM-DD --answers FILE [--location L] [--conditions a,b] [--prefer heat|ice|either]',
    help: `Builds today's plan from the active episode and its latest triage: what to do today (each with how
often, the evidence grade and sources), the day-7 and day-14 check-ins, what unlocks later, and what is
left out for you and why. After a triage that says to see a doctor, it shows that instead of a plan.

Options:
  --json              print the plan as JSON
  --ics FILE          also write reminders and check-ins to an iCalendar file
Without the store (no episode needed):
  --onset YYYY-MM-DD  the day the pain started
  --answers FILE      the red-flag answers as JSON (as for unknot triage --answers); required
  --location L        lower, middle or upper (default: from the answers)
  --trigger T         (default: from the answers)
  --conditions a,b    disc_herniation, spinal_stenosis, degenerative_disc_disease, arthritis,
                      spondylolisthesis, osteoporosis (default: from the answers)
  --prefer P          heat, ice or either
  --timezone ZONE     IANA time zone (default: this computer's)`,
    options: {
      json: { type: 'boolean', default: false },
      ics: { type: 'string' },
      onset: { type: 'string' },
      answers: { type: 'string' },
      location: { type: 'string' },
      trigger: { type: 'string' },
      conditions: { type: 'string' },
      prefer: { type: 'string' },
      timezone: { type: 'string' },
    },
    run: async (values, _positionals, io) =>
      (await import('./commands/plan.ts')).planCommand(
        {
          json: values.json === true,
          ics: str(values.ics),
          onset: str(values.onset),
          answers: str(values.answers),
          location: str(values.location),
          trigger: str(values.trigger),
          conditions: str(values.conditions),
          prefer: str(values.prefer),
          timezone: str(values.timezone),
        },
        io,
      ),
  },
  report: {
    summary: 'Write the doctor summary of the active episode as HTML, PDF and/or FHIR.',
    localRecord: true,
    usage: 'unknot report [--html FILE] [--pdf FILE] [--fhir FILE]',
    help: `Writes a one-page summary a doctor can read: when and how it started, where, constant or coming and
going, what makes it worse or better, pain by day, what you tried and how it went, medicines, triage
results with the warning-sign answers, the escalations shown, and questions to ask.

Options:
  --html FILE   a printable page
  --pdf FILE    a one-page PDF
  --fhir FILE   a FHIR R4 Bundle (JSON) for a clinical system`,
    options: { html: { type: 'string' }, pdf: { type: 'string' }, fhir: { type: 'string' } },
    run: async (values, _positionals, io) =>
      (await import('./commands/report.ts')).reportCommand(
        { html: str(values.html), pdf: str(values.pdf), fhir: str(values.fhir) },
        io,
      ),
  },
  'check-in': {
    summary: 'Record whether any warning sign has appeared since your last check.',
    localRecord: true,
    usage: 'unknot check-in --red-flag yes|no [--note TEXT]',
    help: `A quick check between full triages. If a warning sign has appeared (numbness between the legs, new
bladder or bowel trouble, weakness or numbness in both legs, chest pain, a pulsing tummy, a serious
fall), say yes: unknot tells you to run the red-flag check again now, and the diary keeps saying so until
you have.

Options:
  --red-flag yes|no   has a warning sign appeared?
  --note TEXT         anything else`,
    options: { 'red-flag': { type: 'string' }, note: { type: 'string' } },
    run: async (values, _positionals, io) =>
      (await import('./commands/check-in.ts')).checkInCommand(str(values['red-flag']), str(values.note), io),
  },
  session: {
    summary: 'Run a guided timer (ice, heat, a stretch, an exercise) in the terminal.',
    localRecord: true,
    usage: 'unknot session PROTOCOL_ID',
    help: `Runs the timed part of a protocol: shows its numbers and where they come from, asks you to
confirm its safety prompts (and its caveat, if the evidence is thin), then counts down each step with a
progress bar and a bell at every change. Exercises ask your pain before and after: if it rose by 2 or
more, stop that exercise for today. The session is logged to the active episode.

Keys while it runs: space pauses and resumes, n skips the step, q stops.
Protocols: tx-ice, tx-heat, tx-alternate-ice-heat, tx-contrast-shower, ex-gentle-stretching,
ex-prone-press-up, ex-knee-to-chest, ex-childs-pose, ex-core-back-strengthening, ex-walking.`,
    options: {},
    positionals: true,
    run: async (_values, positionals, io) =>
      (await import('./commands/session.ts')).sessionCommand(positionals[0], io),
  },
  serve: {
    summary: 'Run the unknot server and web app on this computer (same as npm start).',
    usage: 'unknot serve',
    help: `Migrates the database and serves the API (and the web app once built) on http://127.0.0.1:3000.
Environment: PORT, HOST (loopback only), UNKNOT_DATA_DIR or DATABASE_URL.`,
    options: {},
    run: async (_values, _positionals, io) => (await import('./commands/serve.ts')).serveCommand(io),
  },
  export: {
    summary: 'Save your whole record (episodes, checks, diary, sessions, check-ins) as one JSON file.',
    localRecord: true,
    usage: 'unknot export FILE|-',
    help: `Writes everything unknot has stored to FILE (only you can read it), or to the screen with -.
The file is yours: keep it as a backup, or move your record to another computer with unknot import.`,
    options: {},
    positionals: true,
    run: async (_values, positionals, io) =>
      (await import('./commands/data.ts')).exportCommand(positionals[0], io),
  },
  import: {
    summary: 'Take back a record saved with unknot export.',
    localRecord: true,
    usage: 'unknot import FILE|-',
    help: `Reads an export (FILE, or - for standard input) and stores what is not here yet. Importing the
same file twice changes nothing. If a record with the same id is stored here with different content,
nothing is imported and the record is named.`,
    options: {},
    positionals: true,
    run: async (_values, positionals, io) =>
      (await import('./commands/data.ts')).importCommand(positionals[0], io),
  },
  forget: {
    summary: 'Erase everything unknot has stored. Asks first.',
    localRecord: true,
    usage: 'unknot forget --all [--yes]',
    help: `Erases every episode and everything recorded under it, from the database file too (deleted
records are overwritten, not left in free space). Asks before it does; --yes skips the question.
Run unknot export first to keep a copy.`,
    options: { all: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false } },
    run: async (values, _positionals, io) =>
      (await import('./commands/data.ts')).forgetCommand(
        { all: values.all === true, yes: values.yes === true },
        io,
      ),
  },
  login: {
    summary: "Sign in to your clinic's unknot server, so log and episode keep your record there.",
    usage: 'unknot login URL [--email EMAIL]',
    help: `For a patient whose physiotherapist or GP runs an unknot clinic. Signs in with your e-mail and
password (asked for here; the password is not shown as you type) and keeps the session in the data folder,
readable by you only. From then on unknot log and unknot episode write to the clinic, and say so; the
commands that cannot work with a clinic yet refuse rather than write to this computer. unknot logout ends it.

  URL            the clinic's address, e.g. https://clinic.example (https only, except on this computer)
  --email EMAIL  your e-mail (asked for when not given)
Without a terminal, give --email and the password as the first line of standard input.

Exit status: 0 signed in; 1 a wrong e-mail or password, a locked account, or a server that cannot be reached.`,
    showsDataLocation: true,
    options: { email: { type: 'string' } },
    positionals: true,
    run: async (values, positionals, io) => {
      if (positionals.length > 1)
        throw new CliError(`Give one address (got "${positionals.join(' ')}"). Usage: unknot login URL`);
      return (await import('./commands/login.ts')).loginCommand(
        { url: positionals[0], email: str(values.email) },
        io,
      );
    },
  },
  logout: {
    summary: 'Sign out of the clinic: the record commands go back to this computer.',
    usage: 'unknot logout',
    help: 'Ends the session on the clinic server and removes it from this computer.',
    options: {},
    run: async (_values, _positionals, io) => (await import('./commands/login.ts')).logoutCommand(io),
  },
  whoami: {
    summary: 'Say which clinic and account you are signed in to, if any.',
    usage: 'unknot whoami',
    help: 'Asks the clinic server who the kept session belongs to (and whether it is still alive).',
    options: {},
    run: async (_values, _positionals, io) => (await import('./commands/login.ts')).whoamiCommand(io),
  },
  admin: {
    summary: 'Clinic mode: create a clinic, and enrolment links for its clinicians and admins.',
    usage:
      'unknot admin create-clinic NAME [--admin EMAIL [--name NAME]] | add-clinician EMAIL --clinic ID [--admin] [--name NAME]',
    help: `For whoever runs a clinic's unknot server. Staff cannot sign themselves up: this command makes their
account and prints a one-time enrolment link (<UNKNOT_PUBLIC_ORIGIN>/enrol#…) to send them privately. The link
works once and expires in 24 hours; opening it signs them in, and they add a passkey or a password.

  create-clinic NAME     Create a clinic and print its id.
           --admin EMAIL   also create its first clinic admin and print their link
           --name NAME     the admin's name as colleagues see it (default: the e-mail)
  add-clinician EMAIL    Create a clinician of a clinic and print their link.
           --clinic ID     the clinic's id (from create-clinic)
           --admin         a clinic admin (reads the clinic's audit trail) instead of a clinician
           --name NAME     their name as colleagues and patients see it (default: the e-mail)
  --json                 print JSON

Environment (both required): DATABASE_URL, the clinic's PostgreSQL database (postgres://…);
UNKNOT_PUBLIC_ORIGIN, the address people open the clinic at (https://clinic.example).
Exit status: 0 done; 1 a missing setting, a wrong option, an unknown clinic or an e-mail already in use.`,
    options: (subcommand) => ({
      admin: subcommand === 'create-clinic' ? { type: 'string' } : { type: 'boolean', default: false },
      clinic: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    }),
    positionals: true,
    run: async (values, positionals, io) => {
      const [sub, ...args] = positionals;
      const json = values.json === true;
      const admin = await import('./commands/admin.ts');
      if (sub === 'create-clinic') {
        if (values.clinic !== undefined)
          throw new CliError(`create-clinic takes no --clinic. Usage: ${admin.createClinicUsage}`);
        return admin.createClinicCommand(
          { name: args.join(' '), adminEmail: str(values.admin), adminName: str(values.name), json },
          io,
        );
      }
      if (sub === 'add-clinician') {
        if (args.length > 1)
          throw new CliError(
            `Give one e-mail address (got "${args.join(' ')}"). Usage: ${admin.addClinicianUsage}`,
          );
        return admin.addClinicianCommand(
          {
            email: args[0],
            clinicId: str(values.clinic),
            admin: values.admin === true,
            name: str(values.name),
            json,
          },
          io,
        );
      }
      throw new CliError(
        `${sub === undefined ? 'Missing admin command' : `Unknown admin command "${sub}"`}: use create-clinic or add-clinician.`,
      );
    },
  },
};
