import type { Versioned } from '@unknot/store';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * Versions on the wire (docs/sync.md). A client that edits a record says which version it last saw in
 * `unknot-base-version`; the write applies either way (the last to arrive wins), and when the stored version was
 * newer the one replaced is kept in history marked as conflicted. Every write answers the version it made in
 * `unknot-version`.
 */
export const baseVersionHeader = 'unknot-base-version';
export const versionHeader = 'unknot-version';

/** Loose: the schema describes one header and must leave the others (cookie, CSRF token) alone. */
export const baseVersionHeaders = z.looseObject({
  [baseVersionHeader]: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('The version of the record this edit was made on, as the last read or change gave it'),
});

/** Sends a written record with its version; 201 when the write created it, else 200. */
export function sendWritten<T>(reply: FastifyReply, written: Versioned<T> & { created?: boolean }) {
  return reply
    .header(versionHeader, String(written.version))
    .code(written.created === true ? 201 : 200)
    .send(written.record);
}
