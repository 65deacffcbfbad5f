import { safetyNet } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { requireActiveEpisode, withStore } from '../store-access.ts';

/**
 * `unknot check-in --red-flag yes|no`: records whether any warning sign has appeared since the last check.
 * A yes says to run the triage again now (and the diary keeps saying so until it is done).
 */
export async function checkInCommand(
  redFlag: string | undefined,
  note: string | undefined,
  io: CliIo,
): Promise<number> {
  if (redFlag !== 'yes' && redFlag !== 'no') {
    const signs = safetyNet.groups[0]?.items.map((i) => `  - ${i}`).join('\n') ?? '';
    throw new CliError(
      `Say --red-flag yes or --red-flag no: has any of these appeared since your last check?\n${signs}`,
    );
  }
  const redFlagReported = redFlag === 'yes';
  await withStore(io.env, async (store) =>
    store.createCheckIn(await requireActiveEpisode(store, io.env), {
      id: uuidv7(),
      at: new Date().toISOString(),
      redFlagReported,
      ...(note === undefined ? {} : { note }),
    }),
  );
  io.out(
    redFlagReported
      ? io.style(
          ['bold', 'red'],
          'Run the red-flag check again now: unknot triage. If it is an emergency sign, call emergency services.',
        )
      : 'Noted: no warning signs. Keep going with the plan.',
  );
  return 0;
}
