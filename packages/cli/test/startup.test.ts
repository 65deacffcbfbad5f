import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, fixture } from './run-cli.ts';

/**
 * Loaded before the binary (`node --import`): a synchronous module hook that writes every module the process
 * resolves to the file named by UNKNOT_IMPORT_LOG, so a test sees exactly what a command loaded.
 */
const recordImports = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    appendFileSync(process.env.UNKNOT_IMPORT_LOG, resolved.url + '\\n');
    return resolved;
  },
});`)}`;

const dir = mkdtempSync(join(tmpdir(), 'unknot-startup-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let runs = 0;
/** The URLs of the modules `unknot args` loads (the real binary, with this repository's source condition). */
function modulesLoadedBy(args: string[]): string[] {
  const log = join(dir, `imports-${++runs}.txt`);
  const run = spawnSync(process.execPath, ['--import', recordImports, binPath, ...args], {
    input: '',
    encoding: 'utf8',
    env: { ...process.env, UNKNOT_IMPORT_LOG: log, UNKNOT_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' },
    timeout: 20_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

// Our packages by their folder (an @unknot/… import resolves to packages/<name>, sources or dist), libraries by theirs.
const store = /\/packages\/(store|server)\/|\/node_modules\/(kysely|pg)\//;
const prompts = /\/node_modules\/@clack\//;
const pdf = /\/node_modules\/(pdf-lib|@pdf-lib)\//;
const core = /\/packages\/core\//;

// Why: issue 13 §2: a command loads only what it uses, so `unknot --version` starts about as fast as Node itself.
describe('what a command loads (the real binary, every resolved module recorded)', () => {
  it('--version loads the CLI entry and nothing of core, the store, the PDF writer or the prompts', () => {
    const loaded = modulesLoadedBy(['--version']);
    expect(loaded.some((url) => url.endsWith('/packages/cli/src/main.ts'))).toBe(true);
    const heavy = loaded.filter((url) => [store, prompts, pdf, core].some((p) => p.test(url)));
    expect(heavy).toEqual([]);
  });

  it('--help loads the store, to say where the record is (so the check above can see a store import)', () => {
    expect(modulesLoadedBy(['--help']).filter((url) => store.test(url)).length).toBeGreaterThan(0);
  });

  it.each([
    [['triage', '--answers', fixture('example-1.answers.json'), '--json']],
    [
      [
        'plan',
        '--json',
        '--onset',
        new Date().toISOString().slice(0, 10),
        '--answers',
        fixture('example-1.answers.json'),
      ],
    ],
  ])('%j loads core but neither the store nor the prompts nor the PDF writer', (args) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded.some((url) => core.test(url))).toBe(true);
    expect(loaded.filter((url) => [store, prompts, pdf].some((p) => p.test(url)))).toEqual([]);
  });
});
