import { confirm, isCancel, log, note, text } from '@clack/prompts';
import {
  afterExercise,
  localDate,
  numberLabel,
  sourceDisplayName,
  buildTimeline,
  type Timeline,
  daysBetween,
} from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { CliError } from '../cli-error.ts';
import type { CliIo, Style } from '../io.ts';
import { runTimeline, type RunnerTerminal } from '../session-runner.ts';
import { readActiveEpisodeId, withStore } from '../store-access.ts';

interface EpisodeContext {
  episodeId: string;
  day: number;
  disposition: 'self_care' | 'soon' | 'urgent' | 'emergency' | undefined;
}

/** The active episode's day and latest triage, which choose the numbers and can block the timer. */
async function episodeContext(env: NodeJS.ProcessEnv): Promise<EpisodeContext | undefined> {
  const id = readActiveEpisodeId(env);
  if (!id) return undefined;
  return withStore(env, async (store) => {
    const snapshot = await store.episodeSnapshot(id);
    const today = localDate(new Date().toISOString(), snapshot.episode.timeZone);
    return {
      episodeId: id,
      day: daysBetween(snapshot.episode.onsetDate, today),
      disposition: snapshot.assessments.at(-1)?.result.disposition,
    };
  }).catch(() => undefined);
}

const refusals: Record<string, string> = {
  unknown_protocol: 'There is no such entry. See the timed ones with: unknot learn --list',
  no_timer: 'This entry has no timer: either it is not timed, or it is not advised (see unknot learn).',
  red_flag_active:
    'Your latest check says you should see a doctor first, so timers are off. Run unknot triage again if things change.',
  invalid_option: 'An option is not valid.',
};

async function askPain(message: string): Promise<number | undefined> {
  const value = await text({
    message,
    placeholder: '0 to 10',
    validate: (v) => (/^(10|[0-9])$/.test((v ?? '').trim()) ? undefined : 'A whole number from 0 to 10.'),
  });
  return isCancel(value) ? undefined : Number(value.trim());
}

function realTerminal(): RunnerTerminal & { close: () => void } {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let pending: ((key: string | undefined) => void) | undefined;
  const onData = (key: string) => {
    const resolve = pending;
    pending = undefined;
    resolve?.(key);
  };
  stdin.on('data', onData);
  return {
    now: () => performance.timeOrigin + performance.now(),
    draw: (line) => process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns || 100) - 1)}`),
    print: (line) => process.stdout.write(`\r\x1b[2K${line}\n`),
    bell: () => process.stdout.write('\x07'),
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending = undefined;
          resolve(undefined);
        }, ms);
        pending = (key) => {
          clearTimeout(timer);
          resolve(key);
        };
      }),
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    },
  };
}

/** The numbers worth listing before a session (the short pauses between steps are left out); named by core. */
const listedNumbers: ReadonlySet<string> = new Set([
  'on_s',
  'off_s',
  'heat_on_s',
  'hot_s',
  'cold_s',
  'hold_s',
  'reps',
  'reps_per_side',
  'cycles',
  'session_min',
  'prep_s',
]);

/** The numbers of this session, saying which ones are ours rather than a source's. */
function describeNumbers(t: Timeline, style: Style): string {
  return t.numbers
    .filter((n) => listedNumbers.has(n.key))
    .map((n) => {
      const value = n.unit === 'count' ? String(n.value) : `${n.value} ${n.unit}`;
      const origin = n.origin === 'source' ? '' : style('dim', " (our choice, not a source's)");
      return `${numberLabel(n.key)}: ${value}${origin}`;
    })
    .join('\n');
}

/** `unknot session PROTOCOL_ID`: a guided timer in the terminal, logged to the active episode. */
export async function sessionCommand(protocolId: string | undefined, io: CliIo): Promise<number> {
  if (!protocolId)
    throw new CliError('Say which protocol, e.g. unknot session tx-heat (see unknot learn --list).');
  if (!io.terminal.stdin || !io.terminal.stdout) {
    throw new CliError('unknot session runs a timer in a terminal; run it in an interactive terminal.');
  }
  const context = await episodeContext(io.env);
  const result = buildTimeline(protocolId, {
    ...(context ? { day: context.day } : {}),
    ...(context?.disposition ? { disposition: context.disposition } : {}),
  });
  if (!result.ok) throw new CliError(refusals[result.reason] ?? result.detail);
  const t = result.timeline;
  if (t.windowMs !== null && context && context.day >= Math.ceil(t.windowMs / 86_400_000) + 1) {
    throw new CliError(
      `${t.title} is offered in the first ${Math.round(t.windowMs / 3_600_000)} hours only; heat suits better now: unknot session tx-heat`,
    );
  }

  note(
    `${describeNumbers(t, io.style)}\n${io.style('dim', `Sources: ${t.sources.map(sourceDisplayName).join('; ')}`)}`,
    t.title,
  );
  const acknowledgements = [];
  if (t.caveat) {
    const ok = await confirm({
      message: `${t.caveat}\nDo you understand, and want to go on?`,
      initialValue: false,
    });
    if (isCancel(ok) || !ok) return 1;
    acknowledgements.push({ type: 'acknowledge_caveat' as const, at: Date.now() });
  }
  if (t.requiredPrompts.length > 0) {
    const ok = await confirm({
      message: `Before you start:\n${t.requiredPrompts.map((p) => `  - ${p}`).join('\n')}\nReady?`,
    });
    if (isCancel(ok) || !ok) return 1;
    acknowledgements.push({ type: 'acknowledge_prompts' as const, at: Date.now() });
  }
  const painBefore = t.painCheck ? await askPain('How bad is the pain right now (0-10)?') : undefined;
  if (t.painCheck && painBefore === undefined) return 1;

  const terminal = realTerminal();
  const startedAt = new Date().toISOString();
  let outcome;
  try {
    outcome = await runTimeline(
      t,
      terminal,
      acknowledgements.map((a) => ({ ...a, at: terminal.now() })),
    );
  } finally {
    terminal.close();
  }
  const endedAt = new Date().toISOString();
  const stopped = outcome.state.status === 'stopped';
  // A session skipped through reached its end, but nothing was done: say so, as the log and the summary will.
  io.out(
    stopped
      ? 'Stopped.'
      : outcome.stepsCompleted === 0
        ? 'Skipped: every step was skipped, so it is logged as skipped.'
        : `Done. ${t.afterward.join(' ')}`,
  );

  let painAfter: number | undefined;
  if (t.painCheck && painBefore !== undefined) {
    painAfter = await askPain('And now (0-10)?');
    if (painAfter !== undefined) {
      const check = afterExercise({ painBefore, painAfter });
      if (check.ok) (check.stopForToday ? log.warn : log.info)(check.message);
    }
  }
  if (!context) {
    io.out(io.style('dim', 'Not logged: there is no active episode (unknot episode new).'));
    return 0;
  }
  await withStore(io.env, (store) =>
    store.createSessionLog(context.episodeId, {
      id: uuidv7(),
      protocolId: t.protocolId,
      startedAt,
      endedAt,
      stepsCompleted: outcome.stepsCompleted,
      stoppedEarly: stopped,
      ...(stopped ? { stopReason: 'stopped by the person' } : {}),
      ...(painBefore === undefined ? {} : { painBefore }),
      ...(painAfter === undefined ? {} : { painAfter }),
    }),
  );
  io.out(io.style('dim', 'Logged to the diary of the active episode.'));
  return 0;
}
