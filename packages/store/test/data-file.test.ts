import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDirFromEnv, defaultDataDir } from '../src/data-dir.ts';
import { openStore } from '../src/open.ts';
import { acquireServerLock, StoreLockedError } from '../src/server-lock.ts';
import { StoreFileError } from '../src/sqlite-file.ts';
import { makeDiaryEntry, makeEpisode } from './factories.ts';

const mode = (path: string): number => statSync(path).mode & 0o777;
const windows = process.platform === 'win32';

describe('the SQLite data file', () => {
  let root: string;
  let dir: string;
  let path: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'unknot-file-'));
    dir = join(root, 'nested', 'unknot');
    path = join(dir, 'unknot.db');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(windows)('creates the folder 0700 and the database, -wal and -shm 0600', async () => {
    const store = await openStore({ kind: 'sqlite', path });
    const episode = makeEpisode();
    await store.createEpisode(episode);
    await store.createDiaryEntry(episode.id, makeDiaryEntry());
    expect(mode(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
    await store.close();
  });

  it.skipIf(windows)('makes a file an older version left readable by others private again', async () => {
    const first = await openStore({ kind: 'sqlite', path });
    await first.createEpisode(makeEpisode());
    await first.close();
    chmodSync(path, 0o644);
    const again = await openStore({ kind: 'sqlite', path });
    expect(mode(path)).toBe(0o600);
    expect(await again.listEpisodes()).toHaveLength(1);
    await again.close();
  });

  it('refuses an empty file, naming it, and leaves it as it was', async () => {
    const store = await openStore({ kind: 'sqlite', path });
    await store.close();
    writeFileSync(path, '');
    const error = await openStore({ kind: 'sqlite', path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFileError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/empty/);
    expect(statSync(path).size).toBe(0);
  });

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    const store = await openStore({ kind: 'sqlite', path });
    await store.close();
    const text = 'this is a shopping list, not a database\n'.repeat(200);
    writeFileSync(path, text);
    const error = await openStore({ kind: 'sqlite', path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFileError);
    expect((error as Error).message).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a damaged database (quick_check fails) instead of writing into it', async () => {
    const store = await openStore({ kind: 'sqlite', path });
    const episode = makeEpisode();
    await store.createEpisode(episode);
    for (let i = 0; i < 200; i++)
      await store.createDiaryEntry(episode.id, makeDiaryEntry({ note: 'n'.repeat(500) }));
    await store.close();
    const size = statSync(path).size;
    // Scribble over the middle pages, keeping the header: the file still looks like SQLite.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const error = await openStore({ kind: 'sqlite', path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFileError);
    expect((error as Error).message).toContain(path);
    expect(statSync(path).size).toBe(size);
  });

  it('deleted means gone: a deleted note cannot be read back from the database or its log', async () => {
    const marker = `secret-note-${Math.random().toString(36).slice(2)}`;
    const fileHolds = () =>
      [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(marker));
    const store = await openStore({ kind: 'sqlite', path });
    const episode = makeEpisode();
    await store.createEpisode(episode);
    const entry = makeDiaryEntry({ note: marker });
    await store.createDiaryEntry(episode.id, entry);
    await store.createDiaryEntry(episode.id, makeDiaryEntry({ note: 'kept' }));
    expect(fileHolds()).toBe(true);
    await store.deleteDiaryEntry(episode.id, entry.id);
    expect(fileHolds()).toBe(false);
    await store.close();
    expect(fileHolds()).toBe(false);
  });

  it('erasing everything leaves none of it in the file', async () => {
    const marker = `erase-me-${Math.random().toString(36).slice(2)}`;
    const store = await openStore({ kind: 'sqlite', path });
    const episode = makeEpisode();
    await store.createEpisode(episode);
    await store.createDiaryEntry(episode.id, makeDiaryEntry({ note: marker }));
    await store.eraseAll();
    for (const file of [path, `${path}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(marker), file).toBe(false);
    }
    expect(readFileSync(path).includes(episode.id)).toBe(false);
    await store.close();
  });
});

describe('one server per SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'unknot-lock-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second holder while the first runs, naming its PID; free again once released', () => {
    const path = join(dir, 'unknot.db');
    // The parent process stands in for "another server": it is certainly running.
    const release = acquireServerLock(path, process.ppid);
    const error = (() => {
      try {
        acquireServerLock(path, process.pid);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).pid).toBe(process.ppid);
    expect((error as Error).message).toContain(`PID ${process.ppid}`);
    release();
    expect(existsSync(`${path}.lock`)).toBe(false);
    acquireServerLock(path, process.pid)();
  });

  it('takes over a lock left by a process that is no longer running', () => {
    const path = join(dir, 'unknot.db');
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    writeFileSync(`${path}.lock`, `${deadPid}\n`);
    const release = acquireServerLock(path, process.pid);
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});

describe('where the data lives', () => {
  const home = '/home/ada';
  it('follows each operating system', () => {
    expect(defaultDataDir({}, 'linux', home)).toBe('/home/ada/.local/share/unknot');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/ada' }, 'linux', home)).toBe('/data/ada/unknot');
    // XDG: a relative XDG_DATA_HOME is invalid and ignored.
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, 'linux', home)).toBe('/home/ada/.local/share/unknot');
    expect(defaultDataDir({}, 'darwin', home)).toBe('/home/ada/Library/Application Support/unknot');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', home)).toMatch(
      /AppData.Roaming.unknot$/,
    );
  });

  it('UNKNOT_DATA_DIR wins; otherwise the per-user folder, whatever the working folder', () => {
    expect(dataDirFromEnv({ UNKNOT_DATA_DIR: '/srv/unknot' })).toBe('/srv/unknot');
    expect(dataDirFromEnv({ XDG_DATA_HOME: '/x' })).toBe(
      process.platform === 'linux' ? '/x/unknot' : defaultDataDir({ XDG_DATA_HOME: '/x' }),
    );
  });
});
