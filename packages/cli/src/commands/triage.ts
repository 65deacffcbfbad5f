import { isValidationError, triage, type TriageOutcome } from '@unknot/core';
import { CliError, exitCodes } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { readJsonInput } from '../read-input.ts';
import { renderTriageResult, renderValidationError } from '../render/triage-result.ts';
import { runTriageFlow } from '../triage-flow.ts';

export interface TriageOptions {
  answers?: string | undefined;
  json: boolean;
  /** Store the result as an assessment of the active episode (always, in the interactive check, if there is one). */
  save: boolean;
}

/** Records a complete set of answers under the active episode, so the plan and summary can use it. */
async function saveAssessment(answers: unknown, io: CliIo, quiet: boolean): Promise<void> {
  // The store (and its database drivers) loads only when a result is saved: `--answers` alone starts without it.
  const [{ readActiveEpisodeId, withStore }, { v7: uuidv7 }] = await Promise.all([
    import('../store-access.ts'),
    import('uuid'),
  ]);
  const episodeId = readActiveEpisodeId(io.env);
  if (!episodeId) {
    if (!quiet) io.err('Not saved: there is no active episode (unknot episode new).');
    return;
  }
  await withStore(io.env, (store) =>
    store.createAssessment(episodeId, {
      id: uuidv7(),
      at: new Date().toISOString(),
      answers: answers as Record<string, unknown>,
    }),
  );
  if (!quiet) io.err(`Saved to the active episode ${episodeId}.`);
}

function print(outcome: TriageOutcome, json: boolean, io: CliIo): number {
  if (json) {
    // The §4 contract, byte for byte: compact JSON, key order as the engine builds it.
    io.out(JSON.stringify(outcome));
  } else {
    io.out(
      isValidationError(outcome)
        ? renderValidationError(outcome, io.style)
        : renderTriageResult(outcome, io.style),
    );
  }
  return isValidationError(outcome) ? exitCodes.invalidAnswers : exitCodes.ok;
}

/** `unknot triage`: asks the red-flag questions, or reads answers from a file, and prints the result. */
export async function triageCommand(options: TriageOptions, io: CliIo): Promise<number> {
  if (options.answers !== undefined) {
    const answers = await readJsonInput(io, options.answers);
    const outcome = triage(answers);
    if (options.save && !isValidationError(outcome)) await saveAssessment(answers, io, false);
    return print(outcome, options.json, io);
  }
  if (!io.terminal.stdin || !io.terminal.stdout) {
    throw new CliError(
      'unknot triage asks its questions in a terminal. To give the answers as JSON, use --answers FILE (or --answers - for standard input).',
    );
  }
  // The prompts library loads only for the questions in a terminal.
  const [{ cancel, intro }, { clackAsk }] = await Promise.all([
    import('@clack/prompts'),
    import('../clack-ask.ts'),
  ]);
  intro(
    'unknot — back pain check. This is not a diagnosis; it tells you whether to see a doctor, and how soon.',
  );
  const flow = await runTriageFlow(clackAsk);
  switch (flow.kind) {
    case 'cancelled':
      cancel('Check stopped. No result was given: answer every question to get one.');
      return exitCodes.failure;
    case 'emergency':
      io.out('\nWe stopped asking: this answer on its own needs emergency care.\n');
      return print(flow.result, options.json, io);
    case 'complete': {
      const outcome = triage(flow.answers);
      if (!isValidationError(outcome)) await saveAssessment(flow.answers, io, true);
      return print(outcome, options.json, io);
    }
  }
}
