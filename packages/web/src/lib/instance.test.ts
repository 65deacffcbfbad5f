import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorage } from './fake-storage.ts';
import { canSync, loadInstance, mode, modeKey, modeSettled, resetInstanceForTests } from './instance.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('instance mode', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', fakeStorage());
    resetInstanceForTests();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    resetInstanceForTests();
  });

  it('is personal before the server has ever answered', () => {
    expect(mode.value).toBe('personal');
  });

  it('starts in the mode remembered from last time (an offline start in clinic mode)', () => {
    vi.stubGlobal('localStorage', fakeStorage({ [modeKey]: 'clinic' }));
    resetInstanceForTests();
    expect(mode.value).toBe('clinic');
  });

  it('takes the server’s answer and remembers it', async () => {
    const fetcher = vi.fn(() => Promise.resolve(json({ mode: 'clinic' })));
    const asking = loadInstance(fetcher);
    expect(modeSettled.value).toBe(false);
    await asking;
    expect(modeSettled.value).toBe(true);
    expect(fetcher).toHaveBeenCalledWith('/api/v1/instance');
    expect(mode.value).toBe('clinic');
    expect(localStorage.getItem(modeKey)).toBe('clinic');
  });

  // Why: a clinician's first page in a new browser starts out "personal" and would pull the feed (403) otherwise.
  it('lets nothing sync before the server has said which mode this is', async () => {
    let answer: (response: Response) => void = () => undefined;
    const asking = loadInstance(() => new Promise<Response>((resolve) => (answer = resolve)));
    expect(mode.value).toBe('personal');
    expect(canSync.value).toBe(false);
    answer(json({ mode: 'personal' }));
    await asking;
    expect(canSync.value).toBe(true);
  });

  it('lets personal mode sync after an offline start (no answer is an answer)', async () => {
    await loadInstance(() => Promise.reject(new TypeError('offline')));
    expect(canSync.value).toBe(true);
  });

  it('asks once per page load however often it is called', async () => {
    const fetcher = vi.fn(() => Promise.resolve(json({ mode: 'personal' })));
    await Promise.all([loadInstance(fetcher), loadInstance(fetcher)]);
    await loadInstance(fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['an older server without the route', () => Promise.resolve(json({ code: 'not_found' }, 404))],
    ['a body that is no mode', () => Promise.resolve(json({ mode: 'hospital' }))],
    ['a body that is not JSON', () => Promise.resolve(new Response('<html>', { status: 200 }))],
  ])('keeps the remembered mode on %s', async (_what, answer) => {
    vi.stubGlobal('localStorage', fakeStorage({ [modeKey]: 'clinic' }));
    resetInstanceForTests();
    await loadInstance(vi.fn(answer));
    expect(modeSettled.value).toBe(true);
    expect(mode.value).toBe('clinic');
    expect(localStorage.getItem(modeKey)).toBe('clinic');
  });

  it('turns back to personal when the server says so', async () => {
    vi.stubGlobal('localStorage', fakeStorage({ [modeKey]: 'clinic' }));
    resetInstanceForTests();
    await loadInstance(() => Promise.resolve(json({ mode: 'personal' })));
    expect(mode.value).toBe('personal');
    // Personal mode is the default: nothing is kept for it (an erase in personal mode leaves no key).
    expect(localStorage.getItem(modeKey)).toBeNull();
  });
});
