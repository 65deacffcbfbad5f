import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { modeFromEnv } from '../../src/clinic/config.ts';
import { listenAddressFromEnv } from '../../src/listen-address.ts';
import { startScript } from '../server-process.ts';

const postgres = 'postgres://postgres@127.0.0.1:5432/test';

describe('modeFromEnv', () => {
  it('is personal mode by default and when asked for', () => {
    expect(modeFromEnv({})).toEqual({ mode: 'personal' });
    expect(modeFromEnv({ UNKNOT_MODE: 'personal', DATABASE_URL: postgres })).toEqual({ mode: 'personal' });
  });

  it('reads clinic mode and normalises the origin', () => {
    expect(
      modeFromEnv({
        UNKNOT_MODE: 'clinic',
        DATABASE_URL: postgres,
        UNKNOT_PUBLIC_ORIGIN: 'https://Clinic.Example/',
      }),
    ).toEqual({
      mode: 'clinic',
      publicOrigin: 'https://clinic.example',
      databaseUrl: postgres,
      trustedProxies: 0,
    });
    expect(
      modeFromEnv({
        UNKNOT_MODE: 'clinic',
        DATABASE_URL: postgres,
        UNKNOT_PUBLIC_ORIGIN: 'http://localhost:8123',
      }),
    ).toMatchObject({ publicOrigin: 'http://localhost:8123' });
  });

  it('refuses an unknown mode', () => {
    expect(() => modeFromEnv({ UNKNOT_MODE: 'hospital' })).toThrow(
      /UNKNOT_MODE must be "personal" or "clinic"/,
    );
  });

  it('names every missing variable at once', () => {
    let message = '';
    try {
      modeFromEnv({ UNKNOT_MODE: 'clinic' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL is not set/);
    expect(message).toMatch(/UNKNOT_PUBLIC_ORIGIN is not set/);
  });

  it.each([
    ['a SQLite path', { DATABASE_URL: '/var/lib/unknot.db' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    ['a non-URL origin', { UNKNOT_PUBLIC_ORIGIN: 'clinic.example' }, /UNKNOT_PUBLIC_ORIGIN is not a URL/],
    ['an origin with a path', { UNKNOT_PUBLIC_ORIGIN: 'https://clinic.example/app' }, /no path/],
    ['an origin with a query', { UNKNOT_PUBLIC_ORIGIN: 'https://clinic.example?x=1' }, /no path/],
    ['an ftp origin', { UNKNOT_PUBLIC_ORIGIN: 'ftp://clinic.example' }, /must start with https/],
    ['plain http on a public name', { UNKNOT_PUBLIC_ORIGIN: 'http://clinic.example' }, /must be https/],
    ['a proxy count that is not a number', { UNKNOT_TRUSTED_PROXIES: 'yes' }, /UNKNOT_TRUSTED_PROXIES/],
  ])('refuses %s, naming the variable', (_name, env, pattern) => {
    const full = {
      UNKNOT_MODE: 'clinic',
      DATABASE_URL: postgres,
      UNKNOT_PUBLIC_ORIGIN: 'https://c.example',
      ...env,
    };
    expect(() => modeFromEnv(full)).toThrow(pattern);
  });
});

describe('listen address in clinic mode', () => {
  it('may bind a non-loopback address; personal mode still refuses it', () => {
    expect(listenAddressFromEnv({ HOST: '0.0.0.0', PORT: '8080' }, 'clinic')).toEqual({
      host: '0.0.0.0',
      port: 8080,
    });
    expect(() => listenAddressFromEnv({ HOST: '0.0.0.0' }, 'personal')).toThrow(/accounts/);
  });
});

describe('the real server in clinic mode', () => {
  it('refuses to start without its settings, naming both, exit 1', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, UNKNOT_MODE: 'clinic', PORT: '0' };
    delete env.DATABASE_URL;
    delete env.UNKNOT_PUBLIC_ORIGIN;
    const run = spawnSync(process.execPath, [startScript], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Clinic mode cannot start');
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('UNKNOT_PUBLIC_ORIGIN');
    expect(run.stdout).not.toContain('running at');
  });

  it('refuses a non-https public origin before opening any database', () => {
    const env = {
      ...process.env,
      UNKNOT_MODE: 'clinic',
      PORT: '0',
      // Nothing listens there: the refusal must come before any connection attempt.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      UNKNOT_PUBLIC_ORIGIN: 'http://clinic.example',
    };
    const run = spawnSync(process.execPath, [startScript], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/UNKNOT_PUBLIC_ORIGIN must be https/);
  });
});
