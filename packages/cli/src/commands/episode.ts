import { episodeConditions, episodeInputSchema, type Episode } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { CliError } from '../cli-error.ts';
import { clinicTag, readClinicSession } from '../clinic-session.ts';
import type { CliIo, Style } from '../io.ts';
import {
  howToStartEpisode,
  readActiveEpisodeId,
  requireActiveEpisode,
  withStore,
  writeActiveEpisodeId,
} from '../store-access.ts';
import { localTimeZone } from '../time-zone.ts';

export interface EpisodeNewOptions {
  onset?: string | undefined;
  location?: string | undefined;
  trigger?: string | undefined;
  conditions?: string | undefined;
  timezone?: string | undefined;
  prefer?: string | undefined;
  json: boolean;
}

/** Schema paths in the words of the command line. */
const optionFor: Record<string, string> = {
  onsetDate: '--onset',
  location: '--location',
  trigger: '--trigger',
  knownConditions: '--conditions',
  timeZone: '--timezone',
  preferences: '--prefer',
};

function describe(episode: Episode, active: boolean, style: Style): string {
  const conditions = episode.knownConditions.length ? episode.knownConditions.join(', ') : 'none';
  return `${active ? style('bold', '* ') : '  '}${episode.id}  ${episode.status.padEnd(6)}  since ${episode.onsetDate}  ${episode.location} back, ${episode.trigger.replaceAll('_', ' ')}; conditions: ${conditions}`;
}

export async function episodeNew(options: EpisodeNewOptions, io: CliIo): Promise<number> {
  const missing = (['onset', 'location', 'trigger'] as const).filter((k) => options[k] === undefined);
  if (missing.length)
    throw new CliError(`Missing ${missing.map((m) => `--${m}`).join(', ')}. ${howToStartEpisode}`);
  const conditions = options.conditions
    ? options.conditions
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c && c !== 'none')
    : [];
  const input = {
    id: uuidv7(),
    onsetDate: options.onset,
    timeZone: options.timezone ?? localTimeZone(io.env),
    location: options.location,
    trigger: options.trigger,
    knownConditions: conditions,
    preferences: options.prefer === undefined ? {} : { thermal: options.prefer },
  };
  const parsed = episodeInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const hint = key === 'knownConditions' ? ` (one of: ${episodeConditions.join(', ')})` : '';
      return `${optionFor[key] ?? key}: ${i.message}${hint}`;
    });
    throw new CliError(problems.join('; '));
  }
  if (parsed.data.onsetDate > new Date().toISOString().slice(0, 10)) {
    throw new CliError('--onset: the episode cannot start in the future.');
  }
  const clinic = readClinicSession(io.env);
  if (clinic) {
    const record = await (
      await import('./clinic-record.ts')
    ).createClinicEpisode(clinic, io.env, parsed.data);
    io.out(
      options.json
        ? JSON.stringify(record)
        : `Started episode ${record.id} (now the active episode) ${clinicTag(clinic)}.`,
    );
    return 0;
  }
  const { record } = await withStore(io.env, (store) => store.createEpisode(parsed.data));
  writeActiveEpisodeId(io.env, record.id);
  io.out(options.json ? JSON.stringify(record) : `Started episode ${record.id} (now the active episode).`);
  return 0;
}

export async function episodeList(json: boolean, io: CliIo): Promise<number> {
  const clinic = readClinicSession(io.env);
  const episodes = clinic
    ? await (await import('./clinic-record.ts')).listClinicEpisodes(clinic, io.env)
    : await withStore(io.env, (store) => store.listEpisodes());
  const active = clinic ? clinic.activeEpisodeId : readActiveEpisodeId(io.env);
  const where = clinic ? ` ${clinicTag(clinic)}` : '';
  if (json) io.out(JSON.stringify(episodes.map((e) => ({ ...e, active: e.id === active }))));
  else if (episodes.length === 0) io.out(`No episodes yet${where}. ${howToStartEpisode}`);
  else
    io.out(
      episodes.map((e) => describe(e, e.id === active, io.style)).join('\n') +
        (clinic ? `\n${where.trim()}` : ''),
    );
  return 0;
}

export async function episodeUse(id: string | undefined, io: CliIo): Promise<number> {
  if (!id) throw new CliError('Say which episode: unknot episode use ID (see unknot episode list).');
  const clinic = readClinicSession(io.env);
  if (clinic) {
    const episode = await (await import('./clinic-record.ts')).useClinicEpisode(clinic, io.env, id);
    io.out(`Episode ${episode.id} is now the active episode ${clinicTag(clinic)}.`);
    return 0;
  }
  const episode = await withStore(io.env, (store) => store.getEpisode(id));
  writeActiveEpisodeId(io.env, episode.id);
  io.out(`Episode ${episode.id} is now the active episode.`);
  return 0;
}

export async function episodeClose(io: CliIo): Promise<number> {
  const clinic = readClinicSession(io.env);
  if (clinic) {
    const closed = await (await import('./clinic-record.ts')).closeClinicEpisode(clinic, io.env);
    io.out(
      `Closed episode ${closed.id} ${clinicTag(clinic)}. ${howToStartEpisode.replace('Start one', 'Start a new one')}`,
    );
    return 0;
  }
  const closed = await withStore(io.env, async (store) => {
    const id = await requireActiveEpisode(store, io.env);
    return store.updateEpisode(id, { status: 'closed' });
  });
  writeActiveEpisodeId(io.env, undefined);
  io.out(`Closed episode ${closed.id}. ${howToStartEpisode.replace('Start one', 'Start a new one')}`);
  return 0;
}
