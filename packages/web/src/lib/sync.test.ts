import type { DiaryEntry } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { emptyState, type Change, type LocalState } from './changes.ts';
import { pageSize, pullChanges, PullError, type PullDeps } from './sync.ts';

const episodeId = '01900000-0000-7000-8000-000000000001';

const diaryChange = (n: number): Change => {
  const record: DiaryEntry = {
    id: `d${String(n)}`,
    episodeId,
    at: `2026-03-01T0${String(n)}:00:00.000Z`,
    pain: n,
  };
  return { kind: 'diary', id: record.id, episodeId, op: 'put', version: 1, record, conflicted: n === 2 };
};

/** A feed of `pages`, served by cursor: page i answers `since=c<i>` (the first page answers no `since`). */
function feed(pages: Change[][]) {
  const asked: string[] = [];
  const fetch: PullDeps['fetch'] = (path) => {
    asked.push(path);
    const since = new URL(path, 'http://x').searchParams.get('since');
    const index = since === null ? 0 : Number(since.slice(1));
    const body = {
      changes: pages[index] ?? [],
      cursor: `c${String(index + 1)}`,
      more: index + 1 < pages.length,
    };
    return Promise.resolve(Response.json(body));
  };
  return { asked, fetch };
}

function local(cursor: string | null = null) {
  let state: LocalState = emptyState();
  let stored = cursor;
  const saves: { cursor: string; diary: number; erased: boolean }[] = [];
  const deps = (fetch: PullDeps['fetch'], pending: Set<string> = new Set()): PullDeps => ({
    fetch,
    cursor: () => stored,
    state: () => state,
    pending: () => pending,
    save: (next, nextCursor, erased) => {
      state = next;
      stored = nextCursor;
      saves.push({ cursor: nextCursor, diary: next.diary.length, erased });
      return Promise.resolve();
    },
  });
  return { deps, saves, state: () => state, cursor: () => stored };
}

describe('pullChanges', () => {
  it('reads every page, storing each with its cursor, and starts next time where it stopped', async () => {
    const server = feed([[diaryChange(1), diaryChange(2)], [diaryChange(3)], []]);
    const device = local();
    const result = await pullChanges(device.deps(server.fetch));
    expect(server.asked).toEqual([
      `/api/v1/changes?limit=${String(pageSize)}`,
      `/api/v1/changes?limit=${String(pageSize)}&since=c1`,
      `/api/v1/changes?limit=${String(pageSize)}&since=c2`,
    ]);
    expect(device.saves).toEqual([
      { cursor: 'c1', diary: 2, erased: false },
      { cursor: 'c2', diary: 3, erased: false },
      { cursor: 'c3', diary: 3, erased: false },
    ]);
    expect(result).toEqual({ changes: 3, erased: false, conflicted: true });

    await pullChanges(device.deps(server.fetch));
    expect(server.asked.at(-1)).toBe(`/api/v1/changes?limit=${String(pageSize)}&since=c3`);
  });

  it('keeps the pages already stored when a later one fails, and throws the status', async () => {
    const device = local();
    const fetch: PullDeps['fetch'] = (path) =>
      path.includes('since=')
        ? Promise.resolve(new Response(null, { status: 503 }))
        : Promise.resolve(Response.json({ changes: [diaryChange(1)], cursor: 'c1', more: true }));
    await expect(pullChanges(device.deps(fetch))).rejects.toEqual(new PullError(503));
    expect(device.cursor()).toBe('c1');
    expect(device.state().diary.map((e) => e.id)).toEqual(['d1']);
  });

  it('stops when the cursor does not move, rather than asking for the same page for ever', async () => {
    const device = local('c5');
    let calls = 0;
    const fetch: PullDeps['fetch'] = () => {
      calls += 1;
      return Promise.resolve(Response.json({ changes: [], cursor: 'c5', more: true }));
    };
    await pullChanges(device.deps(fetch));
    expect(calls).toBe(1);
  });

  it('an erase read on from a cursor is reported, so the outbox and the device storage are cleared', async () => {
    const device = local('c1');
    const erase: Change = {
      kind: 'erase',
      id: 'all',
      episodeId: null,
      op: 'delete',
      version: 1,
      record: null,
      conflicted: false,
    };
    const fetch: PullDeps['fetch'] = () =>
      Promise.resolve(Response.json({ changes: [erase], cursor: 'c2', more: false }));
    const result = await pullChanges(device.deps(fetch));
    expect(result.erased).toBe(true);
    expect(device.saves).toEqual([{ cursor: 'c2', diary: 0, erased: true }]);
  });

  it('refuses an answer that is not a page of the feed', async () => {
    const device = local();
    const fetch: PullDeps['fetch'] = () => Promise.resolve(Response.json({ items: [] }));
    await expect(pullChanges(device.deps(fetch))).rejects.toBeInstanceOf(PullError);
    expect(device.saves).toEqual([]);
  });
});
