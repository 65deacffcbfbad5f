import type { DiaryEntry, Episode } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  currentEpisode,
  emptyState,
  uuidTime,
  type Change,
  type CheckRecord,
  type LocalState,
} from './changes.ts';

const ep1 = '01900000-0000-7000-8000-000000000001';
const ep2 = '01910000-0000-7000-8000-000000000002';

function episode(id: string, createdAt: string, preferences: Episode['preferences'] = {}): Episode {
  return {
    id,
    onsetDate: '2026-03-01',
    timeZone: 'UTC',
    location: 'lower',
    trigger: 'lifting',
    knownConditions: [],
    preferences,
    status: 'active',
    createdAt,
    updatedAt: createdAt,
  };
}

const entry = (id: string, pain: number, episodeId = ep1): DiaryEntry => ({
  id,
  episodeId,
  at: `2026-03-0${String(pain)}T08:00:00.000Z`,
  pain,
});

function put<R extends { id: string; episodeId?: string }>(
  kind: Change['kind'],
  record: R,
  version = 1,
  conflicted = false,
): Change {
  const episodeId = record.episodeId ?? null;
  return { kind, id: record.id, episodeId, op: 'put', version, record, conflicted };
}

const del = (kind: Change['kind'], id: string, version = 2): Change => ({
  kind,
  id,
  episodeId: null,
  op: 'delete',
  version,
  record: null,
  conflicted: false,
});

const none = new Set<string>();

function withEpisodeAndDiary(): LocalState {
  return applyChanges(
    emptyState(),
    [put('episode', episode(ep1, '2026-03-01T09:00:00.000Z')), put('diary', entry('d1', 3))],
    none,
  ).state;
}

describe('applyChanges', () => {
  it('adds, replaces and deletes records, and remembers the version of each', () => {
    let state = withEpisodeAndDiary();
    expect(state.episodes.map((e) => e.id)).toEqual([ep1]);
    expect(state.diary.map((e) => e.pain)).toEqual([3]);
    expect(state.versions).toEqual({ [`episode:${ep1}`]: 1, 'diary:d1': 1 });

    state = applyChanges(state, [put('diary', entry('d1', 5), 2), put('diary', entry('d0', 1))], none).state;
    expect(state.diary.map((e) => [e.id, e.pain])).toEqual([
      ['d0', 1],
      ['d1', 5],
    ]);
    expect(state.versions['diary:d1']).toBe(2);

    state = applyChanges(state, [del('diary', 'd1', 3)], none).state;
    expect(state.diary.map((e) => e.id)).toEqual(['d0']);
  });

  it('applying the same page twice gives the same copy (a pull cut short is simply repeated)', () => {
    const page = [put('episode', episode(ep1, '2026-03-01T09:00:00.000Z')), put('diary', entry('d1', 3))];
    const once = applyChanges(emptyState(), page, none).state;
    expect(applyChanges(once, page, none).state).toEqual(once);
  });

  it('turns an assessment into a check, an early stop included', () => {
    const assessment = {
      id: 'a1',
      episodeId: ep1,
      at: '2026-03-01T09:00:00.000Z',
      answers: { saddle_numbness: true },
      result: { disposition: 'emergency' as const, reasons: [], rulesVersion: '1' },
      rulesVersion: '1',
      complete: false,
      unsure: ['saddle_numbness'],
    };
    const state = applyChanges(emptyState(), [put('assessment', assessment)], none).state;
    expect(state.checks).toEqual([
      {
        id: 'a1',
        episodeId: ep1,
        at: assessment.at,
        answers: assessment.answers,
        result: assessment.result,
        unsure: ['saddle_numbness'],
        complete: false,
      } satisfies CheckRecord,
    ]);
  });

  it('keeps a record with a write still waiting, and its old version, until that write is sent', () => {
    const state = withEpisodeAndDiary();
    const edited = { ...state, diary: [entry('d1', 8)] };
    // Another device's edit (version 2) arrives while this device's edit of d1 waits in the outbox.
    const applied = applyChanges(edited, [put('diary', entry('d1', 4), 2)], new Set(['d1'])).state;
    expect(applied.diary.map((e) => e.pain)).toEqual([8]);
    // The edit will say it was based on version 1: the server keeps version 2 in its history as a conflict.
    expect(applied.versions['diary:d1']).toBe(1);
    // Once sent, the next pull brings the server's copy (this device's edit, version 3).
    const after = applyChanges(applied, [put('diary', entry('d1', 8), 3, true)], none).state;
    expect(after.diary.map((e) => e.pain)).toEqual([8]);
    expect(after.versions['diary:d1']).toBe(3);
    expect(after.conflicted).toEqual(['diary:d1']);
    // A later edit without a conflict clears the flag.
    expect(applyChanges(after, [put('diary', entry('d1', 2), 4)], none).state.conflicted).toEqual([]);
  });

  it('drops a deleted episode with everything recorded under it, and only that', () => {
    let state = withEpisodeAndDiary();
    state = applyChanges(
      state,
      [
        put('episode', episode(ep2, '2026-03-05T09:00:00.000Z')),
        put('diary', entry('d2', 6, ep2)),
        put('check_in', { id: 'c1', episodeId: ep1, at: '2026-03-02T08:00:00.000Z', redFlagReported: false }),
        put('session', {
          id: 's1',
          episodeId: ep1,
          protocolId: 'tx-heat',
          startedAt: '2026-03-02T08:00:00.000Z',
          endedAt: '2026-03-02T08:20:00.000Z',
          stepsCompleted: 3,
          stoppedEarly: false,
        }),
      ],
      none,
    ).state;
    state = {
      ...state,
      checks: [
        { ...checkOf(ep1), id: 'k1' },
        { ...checkOf(undefined), id: 'k0' },
      ],
    };

    const after = applyChanges(state, [del('episode', ep1)], none).state;
    expect(after.episodes.map((e) => e.id)).toEqual([ep2]);
    expect(after.diary.map((e) => e.id)).toEqual(['d2']);
    expect(after.checkIns).toEqual([]);
    expect(after.sessions).toEqual([]);
    // An early emergency kept here without an episode is not the deleted episode's.
    expect(after.checks.map((c) => c.id)).toEqual(['k0']);
    expect(Object.keys(after.versions).sort()).toEqual([`diary:d2`, `episode:${ep2}`]);
  });

  it('an erase pulled on from a cursor empties everything, and says the outbox must go too', () => {
    const state = { ...withEpisodeAndDiary(), checks: [checkOf(undefined)] };
    const applied = applyChanges(state, [del('erase', 'all', 1)], new Set(['d1']));
    expect(applied.erased).toBe(true);
    expect(applied.state).toEqual(emptyState());
  });

  it('an erase in a pull from the start clears only what that pull brought before it', () => {
    // This device erased everything itself (and forgot its cursor), then made a new entry and an early emergency.
    const mine = { ...emptyState(), diary: [entry('d9', 2)], checks: [checkOf(undefined)] };
    const applied = applyChanges(
      mine,
      [put('diary', entry('d1', 3)), del('erase', 'all', 1), put('diary', entry('d5', 5))],
      new Set(['d9']),
      true,
    );
    expect(applied.erased).toBe(false);
    expect(applied.state.diary.map((e) => e.id).sort()).toEqual(['d5', 'd9']);
    expect(applied.state.checks).toHaveLength(1);
  });

  it('takes the programme bare or wrapped, and skips kinds it does not know', () => {
    const programme = {
      id: 'p1',
      patientId: 'pt',
      clinicianId: 'cl',
      createdAt: '2026-03-01T09:00:00.000Z',
      items: [{ entryId: 'ex-walking', timesPerWeek: 5 }],
    };
    const unknown = { ...put('diary', entry('x', 1)), kind: 'future_kind' } as unknown as Change;
    let state = applyChanges(emptyState(), [put('programme', programme), unknown], none).state;
    expect(state.programme).toEqual(programme);
    expect(state.diary).toEqual([]);
    state = applyChanges(
      state,
      [{ ...put('programme', { id: 'p2' }), record: { programme: null } }],
      none,
    ).state;
    expect(state.programme).toBeNull();
  });

  it('keeps the preferences question answered once preferences exist anywhere', () => {
    const state = applyChanges(
      emptyState(),
      [put('episode', episode(ep1, '2026-03-01T09:00:00.000Z', { thermal: 'heat' }))],
      none,
    ).state;
    expect(state.episodes[0]?.preferencesAsked).toBe(true);
    const fresh = applyChanges(
      emptyState(),
      [put('episode', episode(ep1, '2026-03-01T09:00:00.000Z'))],
      none,
    );
    expect(fresh.state.episodes[0]?.preferencesAsked).toBe(false);
  });
});

function checkOf(episodeId: string | undefined): CheckRecord {
  return {
    id: 'k',
    ...(episodeId === undefined ? {} : { episodeId }),
    at: '2026-03-01T08:00:00.000Z',
    answers: {},
    result: { disposition: 'emergency', reasons: [], rulesVersion: '1' },
    unsure: [],
    complete: false,
  };
}

describe('currentEpisode', () => {
  it('is the newest episode, by when the server made it or else by its UUIDv7', () => {
    const older = applyChanges(emptyState(), [put('episode', episode(ep1, '2026-03-01T09:00:00.000Z'))], none)
      .state.episodes;
    const local = { ...older[0], id: '01a00000-0000-7000-8000-000000000000', createdAt: undefined };
    const { createdAt: _c, ...unsent } = local;
    expect(currentEpisode([...older, { ...unsent, preferencesAsked: false } as never])?.id).toBe(unsent.id);
    expect(currentEpisode([])).toBeNull();
    expect(uuidTime('01a00000-0000-7000-8000-000000000000')).toBe(0x01a000000000);
    expect(uuidTime('not-a-uuid')).toBe(0);
  });
});
