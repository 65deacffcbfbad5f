import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startServerProcess } from './server-process.ts';
import { makeDiaryEntry, makeEpisode } from './test-app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'unknot-crash-'));
const env = { UNKNOT_DATA_DIR: dataDir, UNKNOT_RATE_LIMIT_PER_MINUTE: '1000000' };
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

// Why: a write is acknowledged only after it is committed. Killing the process without warning in the
// middle of a burst must lose nothing that was acknowledged, and the restart must not duplicate anything.
describe('crash safety on the real server process and SQLite file', () => {
  it('keeps every acknowledged diary write through a SIGKILL mid-stream, none twice', async () => {
    const first = await startServerProcess(env);
    const episode = makeEpisode();
    const created = await fetch(`${first.url}/api/v1/episodes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(episode),
    });
    expect(created.status).toBe(201);

    const entries = Array.from({ length: 1000 }, () => makeDiaryEntry());
    const acknowledged = new Set<string>();
    let killed = false;
    const write = async (entry: (typeof entries)[number]) => {
      try {
        const res = await fetch(`${first.url}/api/v1/episodes/${episode.id}/diary`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(entry),
        });
        if (res.status === 201) acknowledged.add(entry.id);
        else if (!killed) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        // Kill the server once a good share of writes is acknowledged, while the rest are in flight.
        if (acknowledged.size === 300 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch (error) {
        if (!killed) throw error;
      }
    };
    // 100 writes in flight at any moment: concurrent, yet the stream is still going when the kill lands
    // (with all 1,000 sent at once, a fast server can acknowledge them all before the signal arrives).
    let next = 0;
    const writes = Array.from({ length: 100 }, async () => {
      while (next < entries.length) {
        const entry = entries[next++];
        if (entry) await write(entry);
      }
    });
    await Promise.all(writes);
    expect(killed).toBe(true);
    expect(await exited(first.child)).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);
    expect(acknowledged.size).toBeLessThan(1000);

    const second = await startServerProcess(env);
    try {
      const stored: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `${second.url}/api/v1/episodes/${episode.id}/diary?limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await (await fetch(url)).json()) as {
          items: { id: string }[];
          nextCursor: string | null;
        };
        stored.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);

      const storedSet = new Set(stored);
      expect(storedSet.size, 'an entry is stored twice').toBe(stored.length);
      const lost = [...acknowledged].filter((id) => !storedSet.has(id));
      expect(lost, 'acknowledged writes lost').toEqual([]);
      const sent = new Set(entries.map((e) => e.id));
      expect(stored.every((id) => sent.has(id))).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });
});
