import {
  diaryEntryInputSchema,
  diaryTimeProblems,
  easeFactors,
  worseFactors,
  type Episode,
} from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { CliError } from '../cli-error.ts';
import { clinicTag, readClinicSession } from '../clinic-session.ts';
import type { CliIo } from '../io.ts';
import { requireActiveEpisode, withStore } from '../store-access.ts';

export interface LogOptions {
  score: string | undefined;
  at?: string | undefined;
  pattern?: string | undefined;
  worse?: string | undefined;
  better?: string | undefined;
  note?: string | undefined;
  json: boolean;
}

/**
 * `--worse sitting,bending,getting out of the car`: the known words become the list, anything else is
 * kept as the person's own words, so nothing they typed is lost.
 */
export function splitFactors(
  value: string | undefined,
  known: readonly string[],
): { known: string[]; text?: string } | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const normal = (p: string) => p.toLowerCase().replaceAll(/[\s-]+/g, '_');
  const knownParts = [...new Set(parts.map(normal).filter((p) => known.includes(p)))];
  const free = parts.filter((p) => !known.includes(normal(p)));
  return free.length ? { known: knownParts, text: free.join(', ') } : { known: knownParts };
}

function parseInstant(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  // Accept any ISO 8601 time with a zone (Z or ±hh:mm); a time without one would be ambiguous.
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new CliError(
      `--at: "${value}" is not an ISO time with a zone, e.g. 2026-11-21T08:30:00Z or 2026-11-21T09:30+01:00.`,
    );
  }
  return new Date(value).toISOString();
}

/** `unknot log SCORE`: adds a pain diary entry to the active episode. */
export async function logCommand(options: LogOptions, io: CliIo): Promise<number> {
  if (options.score === undefined)
    throw new CliError('Give a pain score from 0 (no pain) to 10 (worst imaginable): unknot log 6');
  if (!/^\d+$/.test(options.score) || Number(options.score) > 10) {
    throw new CliError(`Pain score must be a whole number from 0 to 10 (got "${options.score}").`);
  }
  const worse = splitFactors(options.worse, worseFactors);
  const better = splitFactors(options.better, easeFactors);
  const input = {
    id: uuidv7(),
    at: parseInstant(options.at),
    pain: Number(options.score),
    ...(options.pattern === undefined ? {} : { pattern: options.pattern }),
    ...(worse ? { worse } : {}),
    ...(better ? { better } : {}),
    ...(options.note === undefined ? {} : { note: options.note }),
  };
  const parsed = diaryEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    const names: Record<string, string> = {
      pattern: '--pattern',
      note: '--note',
      worse: '--worse',
      better: '--better',
    };
    throw new CliError(
      parsed.error.issues
        .map((i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`)
        .join('; '),
    );
  }
  // The store and the server refuse these too; checking first lets us name the range in the option's words.
  const checkTime = (episode: Episode): void => {
    if (diaryTimeProblems(parsed.data.at, episode, new Date().toISOString()).length > 0) {
      throw new CliError(
        `--at: ${options.at ?? parsed.data.at} is outside this episode. Give a time from the day it began (${episode.onsetDate}) up to now.`,
      );
    }
  };
  const clinic = readClinicSession(io.env);
  if (clinic) {
    const { activeClinicEpisode, addClinicDiaryEntry } = await import('./clinic-record.ts');
    const episode = await activeClinicEpisode(clinic, io.env);
    checkTime(episode);
    const record = await addClinicDiaryEntry(clinic, io.env, episode.id, parsed.data);
    io.out(
      options.json
        ? JSON.stringify(record)
        : `Logged pain ${record.pain}/10 at ${record.at} ${clinicTag(clinic)}.`,
    );
    return 0;
  }
  const { record } = await withStore(io.env, async (store) => {
    const episode = await store.getEpisode(await requireActiveEpisode(store, io.env));
    checkTime(episode);
    return store.createDiaryEntry(episode.id, parsed.data);
  });
  io.out(options.json ? JSON.stringify(record) : `Logged pain ${record.pain}/10 at ${record.at}.`);
  return 0;
}
