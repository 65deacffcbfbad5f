import { describe, expect, it } from 'vitest';
import { diaryTimeError } from './diary-time.ts';

const episode = { onsetDate: '2026-11-18', timeZone: 'Europe/Berlin' };
const now = new Date('2026-11-25T12:00:00Z');

describe('diaryTimeError', () => {
  it('accepts a time from the onset day up to a day ahead of now', () => {
    for (const at of ['2026-11-17T23:30:00.000Z', '2026-11-25T12:00:00.000Z', '2026-11-26T11:59:00.000Z'])
      expect(diaryTimeError(at, episode, now)).toBeNull();
  });

  it('refuses a time before the onset (in the episode time zone) or more than a day ahead, naming the range', () => {
    for (const at of ['2026-11-17T22:59:00.000Z', '2026-11-27T12:00:00.000Z']) {
      const message = diaryTimeError(at, episode, now);
      expect(message).toMatch(/^Choose a time from the day this episode began \(.*2026.*\) up to now\./);
      expect(message).toMatch(/18|Nov/);
    }
  });

  it('has nothing to check against before the first check made the episode', () => {
    expect(diaryTimeError('1999-01-01T00:00:00.000Z', null, now)).toBeNull();
  });
});
