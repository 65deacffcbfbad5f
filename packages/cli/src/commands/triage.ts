import { cancel, intro, isTTY } from '@clack/prompts';
import { isValidationError, triage, type TriageOutcome } from '@unknot/core';
import { CliError, exitCodes } from '../cli-error.ts';
import { clackAsk } from '../clack-ask.ts';
import type { Output } from '../output.ts';
import { readJsonInput } from '../read-input.ts';
import { renderTriageResult, renderValidationError } from '../render/triage-result.ts';
import { runTriageFlow } from '../triage-flow.ts';

export interface TriageOptions {
  answers?: string | undefined;
  json: boolean;
}

function print(outcome: TriageOutcome, json: boolean, io: Output): number {
  if (json) {
    // The §4 contract, byte for byte: compact JSON, key order as the engine builds it.
    io.out(JSON.stringify(outcome));
  } else {
    io.out(isValidationError(outcome) ? renderValidationError(outcome) : renderTriageResult(outcome));
  }
  return isValidationError(outcome) ? exitCodes.invalidAnswers : exitCodes.ok;
}

/** `unknot triage`: asks the red-flag questions, or reads answers from a file, and prints the result. */
export async function triageCommand(options: TriageOptions, io: Output): Promise<number> {
  if (options.answers !== undefined) {
    return print(triage(await readJsonInput(options.answers)), options.json, io);
  }
  if (!process.stdin.isTTY || !isTTY(process.stdout)) {
    throw new CliError(
      'unknot triage asks its questions in a terminal. To give the answers as JSON, use --answers FILE (or --answers - for standard input).',
    );
  }
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
    case 'complete':
      return print(triage(flow.answers), options.json, io);
  }
}
