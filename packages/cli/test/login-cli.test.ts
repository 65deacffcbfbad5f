import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clinicEnabled,
  clinicSkipReason,
  createAccount,
  listenClinicApp,
  signedIn,
  type ClinicTestApp,
} from '../../server/test/clinic/clinic-app.ts';
import { inWords } from '../src/clinic-client.ts';
import { binPath, runCliInProcess } from './run-cli.ts';

/** A fresh data folder per test, one level down so that the CLI has to create it (and with which mode). */
function freshEnv(): { env: Record<string, string>; dataDir: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'unknot-login-'));
  const dataDir = join(root, 'data');
  return { env: { UNKNOT_DATA_DIR: dataDir }, dataDir, root };
}

describe('unknot login without a server', () => {
  let root: string;
  let env: Record<string, string>;
  beforeEach(() => {
    ({ root, env } = freshEnv());
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    [['login'], "Give the clinic's address"],
    [['login', 'not a url', '--email', 'a@example.org'], 'is not an address'],
    [['login', 'ftp://clinic.example', '--email', 'a@example.org'], 'not an https:// address'],
    // Plain http to another machine would carry the password in the clear.
    [['login', 'http://clinic.example', '--email', 'a@example.org'], 'not an https:// address'],
    [['login', 'https://clinic.example'], 'Give --email EMAIL'],
    [['login', 'https://clinic.example', '--email', 'a@example.org'], 'first line of standard input'],
  ])('refuses %j with one line, before sending anything', async (args, message) => {
    const run = await runCliInProcess(args, { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.startsWith('unknot: ')).toBe(true);
  });

  it('says when the server cannot be reached, and keeps nothing', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => {
          resolve(free);
        });
      });
    });
    const run = await runCliInProcess(['login', `http://127.0.0.1:${port}`, '--email', 'a@example.org'], {
      env,
      input: 'a password of some length\n',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `unknot: Cannot reach http://127.0.0.1:${port}: connection refused (is the server running?).\n`,
    );
    expect(existsSync(join(env.UNKNOT_DATA_DIR ?? '', 'clinic-session.json'))).toBe(false);
  });

  it('refuses a server that does not answer as an unknot clinic', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>welcome</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const run = await runCliInProcess(['login', `http://127.0.0.1:${port}`, '--email', 'a@example.org'], {
        env,
        input: 'a password of some length\n',
      });
      expect(run.stderr).toBe(`unknot: http://127.0.0.1:${port} did not answer as an unknot clinic does.\n`);
      expect(run.status).toBe(1);
    } finally {
      server.close();
    }
  });

  it('refuses a damaged session file instead of falling back to the local record', async () => {
    await runCliInProcess(['episode', 'list'], { env }); // creates the data folder
    writeFileSync(join(env.UNKNOT_DATA_DIR ?? '', 'clinic-session.json'), '{"origin": 1}');
    const run = await runCliInProcess(['log', '5'], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('clinic-session.json is damaged');
    const out = await runCliInProcess(['logout'], { env });
    expect(out.stdout).toContain('Removed a damaged clinic session file');
    expect((await runCliInProcess(['whoami'], { env })).stdout).toContain('Not signed in');
  });

  it('puts a wait in words', () => {
    expect(inWords(1)).toBe('1 second');
    expect(inWords(40)).toBe('40 seconds');
    expect(inWords(900)).toBe('about 15 minutes');
  });

  it('lists login, logout and whoami in the help', async () => {
    const help = (await runCliInProcess(['--help'])).stdout;
    expect(help).toMatch(/login\s+Sign in to your clinic/);
    expect(help).toMatch(/logout\s+Sign out of the clinic/);
    expect(help).toMatch(/whoami\s+Say which clinic/);
    expect((await runCliInProcess(['login', '--help'])).stdout).toContain('unknot login URL [--email EMAIL]');
  });
});

if (!clinicEnabled) console.warn(`unknot login against a clinic server: ${clinicSkipReason}`);

describe.skipIf(!clinicEnabled)('unknot login against a real clinic server (PostgreSQL, HTTP)', () => {
  let t: ClinicTestApp & { port: number };
  const password = 'a long enough secret';
  let root: string;
  let dataDir: string;
  let env: Record<string, string>;
  let email: string;
  let patientId: string;
  const sessionFile = () => join(dataDir, 'clinic-session.json');
  const cli = (args: string[], input = '') => runCliInProcess(args, { env, input });
  const login = () => cli(['login', `${t.publicOrigin}/some/page`, '--email', email], `${password}\n`);
  const kept = () => JSON.parse(readFileSync(sessionFile(), 'utf8')) as { cookie: string; csrfToken: string };

  beforeAll(async () => {
    // A generous sign-in budget: this file signs in a dozen times within the minute.
    t = await listenClinicApp({ signInRateLimitPerMinute: 1000 });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    ({ root, dataDir, env } = freshEnv());
    const patient = await createAccount(t, 'patient');
    email = patient.email ?? '';
    patientId = patient.id;
    const set = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: await signedIn(t, patient),
      payload: { password },
    });
    expect(set.statusCode, set.body).toBe(204);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** What the server answers to `url` for the session the CLI keeps. */
  async function asTheCli(url: string) {
    const { cookie } = kept();
    return t.request({ method: 'GET', url, headers: { cookie } });
  }

  it('signs in, keeps the session readable by its owner only, and says who is signed in', async () => {
    const run = await login();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Signed in as patient`);
    expect(run.stdout).toContain(`<${email}>, patient, at ${t.publicOrigin}`);
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(kept().cookie).toMatch(/^unknot=/);
    // The kept cookie is a live session of this patient on the server.
    const session = await asTheCli('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json<{ account: { id: string } }>().account.id).toBe(patientId);
    const who = await cli(['whoami']);
    expect(who.status, who.stderr).toBe(0);
    expect(who.stdout).toContain(`Signed in as patient`);
    expect(who.stdout).toContain(sessionFile());
  });

  it('writes episodes and pain scores to the clinic, which then has them, and nothing on this computer', async () => {
    expect((await login()).status).toBe(0);
    const started = await cli([
      'episode',
      'new',
      '--onset',
      new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      '--location',
      'lower',
      '--trigger',
      'lifting',
    ]);
    expect(started.status, started.stderr).toBe(0);
    expect(started.stdout).toContain(`(clinic: ${t.publicOrigin})`);
    const episodeId = /Started episode (\S+)/.exec(started.stdout)?.[1] ?? '';

    const logged = await cli(['log', '6', '--note', 'stiff after the drive']);
    expect(logged.status, logged.stderr).toBe(0);
    expect(logged.stdout).toMatch(/^Logged pain 6\/10 at \S+ \(clinic: http:\/\/localhost:\d+\)\.$/m);

    // The server has the entry under the patient's own episode.
    const diary = await asTheCli(`/api/v1/episodes/${episodeId}/diary`);
    expect(diary.statusCode, diary.body).toBe(200);
    expect(diary.json<{ items: { pain: number; note?: string }[] }>().items).toEqual([
      expect.objectContaining({ pain: 6, note: 'stiff after the drive' }),
    ]);
    expect(await t.care.episodeOwner(episodeId)).toBe(patientId);

    const listed = await cli(['episode', 'list']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`* ${episodeId}`);
    expect(listed.stdout).toContain(`(clinic: ${t.publicOrigin})`);

    // Nothing went to the local record: after signing out, this computer has no episode.
    expect((await cli(['logout'])).status).toBe(0);
    expect((await cli(['episode', 'list'])).stdout).toContain('No episodes yet');
  });

  it("cannot choose another patient's episode: the clinic answers as for a missing one", async () => {
    const other = await createAccount(t, 'patient');
    const theirs = await t.request({
      method: 'POST',
      url: '/api/v1/episodes',
      headers: await signedIn(t, other),
      payload: {
        id: '01890a5d-ac96-774b-bcce-b302099a8057',
        onsetDate: '2026-11-01',
        timeZone: 'UTC',
        location: 'lower',
        trigger: 'lifting',
        knownConditions: [],
        preferences: {},
      },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await login()).status).toBe(0);
    const run = await cli(['episode', 'use', '01890a5d-ac96-774b-bcce-b302099a8057']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No episode with id 01890a5d-ac96-774b-bcce-b302099a8057');
    // And log has no active episode to write to.
    const log = await cli(['log', '4']);
    expect(log.status).toBe(1);
    expect(log.stderr).toContain(`No active episode. Start one with: unknot episode new`);
  });

  it('says so when the active episode was deleted at the clinic, and closes one that is there', async () => {
    expect((await login()).status).toBe(0);
    const onset = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const episode = ['episode', 'new', '--onset', onset, '--location', 'upper', '--trigger', 'other'];
    const first = /Started episode (\S+)/.exec((await cli(episode)).stdout)?.[1] ?? '';
    const gone = await t.request({
      method: 'DELETE',
      url: `/api/v1/episodes/${first}`,
      headers: await signedIn(t, { id: patientId }),
    });
    expect(gone.statusCode).toBe(204);
    const run = await cli(['log', '3']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The active episode ${first} is not at the clinic any more.`);

    const second = /Started episode (\S+)/.exec((await cli(episode)).stdout)?.[1] ?? '';
    const closed = await cli(['episode', 'close']);
    expect(closed.status, closed.stderr).toBe(0);
    expect(closed.stdout).toContain(`Closed episode ${second} (clinic: ${t.publicOrigin})`);
    const status = await asTheCli(`/api/v1/episodes/${second}`);
    expect(status.json<{ status: string }>().status).toBe('closed');
  });

  it('signs a clinician in, but the clinic refuses them a record of their own', async () => {
    const clinician = await createAccount(t, 'clinician');
    await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: await signedIn(t, clinician),
      payload: { password },
    });
    const run = await cli(['login', t.publicOrigin, '--email', clinician.email ?? ''], `${password}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('clinician, at');
    expect(run.stdout).toContain('A staff account keeps no record of its own');
    const list = await cli(['episode', 'list']);
    expect(list.status).toBe(1);
    expect(list.stderr).toBe('unknot: This is for patient accounts only.\n');
    expect(existsSync(join(dataDir, 'unknot.db'))).toBe(false);
  });

  it('refuses a wrong password with one line, and keeps no session', async () => {
    const run = await cli(['login', t.publicOrigin, '--email', email], 'not the password at all\n');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toBe('unknot: The e-mail address or password is not right.\n');
    expect(existsSync(sessionFile())).toBe(false);
  });

  it('says how long a locked account must wait', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await cli(['login', t.publicOrigin, '--email', email], 'wrong password number\n')).status).toBe(
        1,
      );
    }
    // Locked: even the right password is refused, with the wait in words.
    const run = await login();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'unknot: Too many failed sign-ins: the account is locked for a while. Try again in about 15 minutes.\n',
    );
    expect(existsSync(sessionFile())).toBe(false);
  });

  it('signs out on the server too, and forgets the session here', async () => {
    expect((await login()).status).toBe(0);
    const { cookie } = kept();
    const run = await cli(['logout']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Signed out of ${t.publicOrigin}`);
    expect(existsSync(sessionFile())).toBe(false);
    const after = await t.request({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect((await cli(['whoami'])).stdout).toContain('Not signed in');
  });

  it('signing in again ends the session it replaces, and keeps the active episode', async () => {
    expect((await login()).status).toBe(0);
    const onset = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(
      (await cli(['episode', 'new', '--onset', onset, '--location', 'lower', '--trigger', 'unknown'])).status,
    ).toBe(0);
    const first = kept().cookie;
    expect((await login()).status).toBe(0);
    expect(kept().cookie).not.toBe(first);
    const old = await t.request({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: first } });
    expect(old.statusCode).toBe(401);
    const logged = await cli(['log', '2']);
    expect(logged.status, logged.stderr).toBe(0);
  });

  it('signing in to another clinic signs out of the first', async () => {
    expect((await login()).status).toBe(0);
    const first = kept().cookie;
    const other = await listenClinicApp({ signInRateLimitPerMinute: 1000 });
    try {
      const elsewhere = await createAccount(other, 'patient');
      await other.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: await signedIn(other, elsewhere),
        payload: { password },
      });
      const run = await cli(['login', other.publicOrigin, '--email', elsewhere.email ?? ''], `${password}\n`);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Signed out of ${t.publicOrigin}.`);
      expect(run.stdout).toContain(`at ${other.publicOrigin}.`);
      const old = await t.request({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: first } });
      expect(old.statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('after the server ends the session, says to sign in again and removes the file', async () => {
    expect((await login()).status).toBe(0);
    // Signed out everywhere from another device.
    const elsewhere = await t.request({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: await signedIn(t, { id: patientId }),
    });
    expect(elsewhere.statusCode).toBe(204);
    const run = await cli(['episode', 'list']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`unknot: Signed out by the server: run unknot login ${t.publicOrigin} again.\n`);
    expect(existsSync(sessionFile())).toBe(false);
  });

  it.each([
    [['diary']],
    [['export', '-']],
    [['check-in', '--red-flag', 'no']],
    [['report', '--html', 'x.html']],
    [['forget', '--all', '--yes']],
    [['triage']],
    [['plan']],
  ])('refuses %j while signed in, rather than using this computer', async (args) => {
    expect((await login()).status).toBe(0);
    const run = await cli(args);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `unknot: "unknot ${args[0]}" does not work with a clinic server yet, and you are signed in to ${t.publicOrigin}. Nothing was read or written. Run unknot logout to use the record on this computer instead.\n`,
    );
    // No local database was even created.
    expect(existsSync(join(dataDir, 'unknot.db'))).toBe(false);
  });

  it('works from the real binary, with the password piped in', async () => {
    // A child process (spawn, not spawnSync: this process's server has to answer it meanwhile).
    const run = (args: string[], input: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [binPath, ...args], {
          env: { ...process.env, ...env, NO_COLOR: '1' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => {
          resolve({ status, stdout, stderr });
        });
        child.stdin.end(input);
      });
    const signedInRun = await run(['login', t.publicOrigin, '--email', email], `${password}\nnot read\n`);
    expect(signedInRun.status, signedInRun.stderr).toBe(0);
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);
    const who = await run(['whoami'], '');
    expect(who.stdout).toContain(`at ${t.publicOrigin}`);
  });

  it('still runs what does not touch the record', async () => {
    expect((await login()).status).toBe(0);
    const run = await cli(['learn', 'ice']);
    expect(run.status, run.stderr).toBe(0);
  });
});
