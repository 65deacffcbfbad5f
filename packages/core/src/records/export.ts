import { z } from 'zod';
import { assessmentSchema } from './assessment.ts';
import { checkInRecordSchema } from './check-in.ts';
import { utcInstant } from './common.ts';
import { diaryEntrySchema } from './diary-entry.ts';
import { episodeSchema } from './episode.ts';
import { sessionLogSchema } from './session-log.ts';

/**
 * The person's whole record as one JSON document: what `GET /api/v1/export` and `unknot export` write and
 * `POST /api/v1/import` and `unknot import` take back. Preferences travel inside each episode, where they
 * are stored. `schemaVersion` changes only when an older reader could misread the document.
 */
export const exportFormat = 'unknot-export';
export const exportSchemaVersion = 1;

/** The most diary entries one episode holds; a write past it is refused (limit_reached). */
export const maxDiaryEntriesPerEpisode = 10_000;

export const episodeExportSchema = z
  .strictObject({
    episode: episodeSchema,
    assessments: z.array(assessmentSchema).max(10_000),
    diary: z.array(diaryEntrySchema).max(maxDiaryEntriesPerEpisode),
    sessions: z.array(sessionLogSchema).max(100_000),
    checkIns: z.array(checkInRecordSchema).max(10_000),
  })
  .superRefine((value, ctx) => {
    // A child filed under one episode but naming another would be imported under the wrong person's pain.
    for (const kind of ['assessments', 'diary', 'sessions', 'checkIns'] as const) {
      value[kind].forEach((record, index) => {
        if (record.episodeId !== value.episode.id) {
          ctx.addIssue({
            code: 'custom',
            path: [kind, index, 'episodeId'],
            message: `must be the id of the episode it is filed under (${value.episode.id})`,
          });
        }
      });
    }
  });
export type EpisodeExport = z.infer<typeof episodeExportSchema>;

export const exportDocumentSchema = z
  .strictObject({
    format: z.literal(exportFormat),
    schemaVersion: z.literal(exportSchemaVersion),
    exportedAt: utcInstant,
    episodes: z.array(episodeExportSchema).max(1000),
  })
  .superRefine((value, ctx) => {
    // Ids are the identity an import relies on to be idempotent: one id, one record.
    const seen = new Set<string>();
    value.episodes.forEach((item, e) => {
      const records = [
        ['episode', [item.episode]],
        ['assessments', item.assessments],
        ['diary', item.diary],
        ['sessions', item.sessions],
        ['checkIns', item.checkIns],
      ] as const;
      for (const [kind, list] of records) {
        list.forEach((record, index) => {
          if (seen.has(record.id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['episodes', e, kind, ...(kind === 'episode' ? [] : [index]), 'id'],
              message: `repeats the id ${record.id}`,
            });
          }
          seen.add(record.id);
        });
      }
    });
  });
export type ExportDocument = z.infer<typeof exportDocumentSchema>;
