/**
 * The packages as someone else gets them: built (`npm run build:packages`), packed (`npm pack`), installed from
 * the tarballs into an empty project with no TypeScript, and used there by plain Node without the workspace's
 * source condition, so every import resolves to dist/ as it would after `npm install @unknot/cli`.
 *
 * One build, one pack and one install serve every check, because the install is most of the time. It needs the
 * npm registry for the third-party dependencies; offline (and with nothing in npm's cache) it skips and says why.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'store', 'server', 'cli'] as const;
const answersFile = join(root, 'packages/cli/test/fixtures/example-1.answers.json');
const expected = JSON.parse(
  readFileSync(join(root, 'packages/cli/test/fixtures/example-1.expected.json'), 'utf8'),
) as { disposition: string };
const cliVersion = (
  JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version;

/** npm's own script, run by this project's Node 24 (the machine's `npm` would start the machine's older Node). */
function npmCli(): string {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm?.endsWith('.js')) return fromNpm;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm');
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error('npm not found on PATH');
}

/**
 * The environment of a user's shell: no source condition (so our packages resolve to dist/) and none of the
 * npm_* variables that `npm test` sets for this workspace.
 */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('npm_')),
);

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv): string {
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) {
    throw new Error(
      `${args.join(' ')} failed (${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Imports core with a hook that records every module Node resolves, then the PDF subpath. */
const probeScript = `
import { registerHooks } from 'node:module';
import { readFileSync } from 'node:fs';
const resolved = [];
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); resolved.push(r.url); return r; } });
const pdfModules = () => resolved.filter((url) => /pdf-lib|fontkit/.test(url)).length;
const { triage } = await import('@unknot/core');
const outcome = triage(JSON.parse(readFileSync(process.argv[2], 'utf8')));
const core = { disposition: outcome.disposition, pdfModules: pdfModules(), fromDist: resolved.some((u) => u.includes('/@unknot/core/dist/')) };
const { summaryToPdf } = await import('@unknot/core/pdf');
console.log(JSON.stringify({ core, pdf: { exported: typeof summaryToPdf, pdfModules: pdfModules() } }));
`;

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

const work = mkdtempSync(join(tmpdir(), 'unknot-packed-'));
const project = join(work, 'project');
const bin = join(project, 'node_modules', '.bin', 'unknot');
let packed: PackResult[] = [];
/** Set when the registry cannot be reached: the checks below cannot run, which is not a failure of ours. */
let offline: string | undefined;

beforeAll(() => {
  const npm = npmCli();
  const timed = <T>(label: string, step: () => T): T => {
    const started = performance.now();
    const value = step();
    console.log(`packed-install: ${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  timed('build', () => run([npm, 'run', 'build:packages'], root, process.env));
  const workspaces = packages.flatMap((p) => ['-w', `@unknot/${p}`]);
  const packOutput = timed('pack', () =>
    run([npm, 'pack', '--json', '--pack-destination', work, ...workspaces], root, process.env),
  );
  packed = JSON.parse(packOutput) as PackResult[];
  const tarballs = packed.map((p) => join(work, p.filename));
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'probe', private: true, type: 'module' }),
  );
  writeFileSync(join(project, 'probe.mjs'), probeScript);
  try {
    timed('install', () =>
      run([npm, 'install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project),
    );
  } catch (error) {
    const message = (error as Error).message;
    if (!/E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network/i.test(message)) throw error;
    offline = `npm cannot reach the registry: ${/npm error code (\S+)/.exec(message)?.[1] ?? 'network error'}`;
    console.warn(`packed-install skipped: ${offline}`);
  }
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packages installed from their tarballs', () => {
  it('pack built JavaScript and declarations only: no tests, no TypeScript sources', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(packages.map((p) => `@unknot/${p}`).sort());
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path);
      expect(paths, name).toContain('package.json');
      expect(
        paths.some((p) => p.startsWith('dist/') && p.endsWith('.js')),
        name,
      ).toBe(true);
      const stray = paths.filter(
        (p) =>
          /(^|\/)test\/|\.test\.|(^|\/)test-[^/]*$|\.tsbuildinfo$/.test(p) ||
          (/\.[cm]?tsx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p)),
      );
      expect(stray, `${name} ships files no installer needs`).toEqual([]);
    }
    const cli = packed.find((p) => p.name === '@unknot/cli');
    expect(cli?.files.map((f) => f.path)).toContain('bin/unknot.js');
  });

  it('install into a project without TypeScript', ({ skip }) => {
    if (offline) skip(offline);
    expect(existsSync(join(project, 'node_modules', '@unknot', 'core', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
  });

  it("import { triage } from '@unknot/core' runs a triage from dist/ without loading pdf-lib", ({ skip }) => {
    if (offline) skip(offline);
    const result = JSON.parse(run(['probe.mjs', answersFile], project)) as {
      core: { disposition: string; pdfModules: number; fromDist: boolean };
      pdf: { exported: string; pdfModules: number };
    };
    expect(result.core).toEqual({ disposition: expected.disposition, pdfModules: 0, fromDist: true });
    // The subpath does load pdf-lib: proof that the hook sees those modules when they are loaded.
    expect(result.pdf.exported).toBe('function');
    expect(result.pdf.pdfModules).toBeGreaterThan(0);
  });

  it('unknot --version prints the version', ({ skip }) => {
    if (offline) skip(offline);
    expect(run([bin, '--version'], project).trim()).toBe(cliVersion);
  });

  it('unknot triage --answers FILE --json gives the disposition', ({ skip }) => {
    if (offline) skip(offline);
    const result = JSON.parse(run([bin, 'triage', '--answers', answersFile, '--json'], project)) as {
      disposition: string;
    };
    expect(result.disposition).toBe(expected.disposition);
  });

  // Why: the CLI ships as a bundle (packages/cli/scripts/bundle.ts) that imports its libraries from node_modules at
  // run time, and each command below loads a different one (report also finds the fonts by path). The build checks
  // the bundle's imports against package.json; this checks that they resolve and run in an installed copy.
  it('the bundled commands find their libraries: learn, the store, report --pdf', ({ skip }) => {
    if (offline) skip(offline);
    const env = { ...userEnv, UNKNOT_DATA_DIR: join(work, 'cli-data'), NO_COLOR: '1' };
    const cli = (...args: string[]) => run([bin, ...args], project, env);
    // MiniSearch.
    const found = JSON.parse(cli('learn', 'ice', '--json')) as { id: string }[];
    expect(found.length).toBeGreaterThan(0);
    // Kysely over node:sqlite, and uuid for the record ids.
    const onset = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    cli(
      'episode',
      'new',
      '--onset',
      onset,
      '--location',
      'lower',
      '--trigger',
      'lifting',
      '--timezone',
      'UTC',
    );
    cli('log', '4');
    // pdf-lib, its fontkit and the DejaVu fonts.
    const pdf = join(work, 'summary.pdf');
    cli('report', '--pdf', pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('unknot serve answers /healthz and says it serves the API only', async ({ skip }) => {
    if (offline) skip(offline);
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: project,
      env: { ...userEnv, PORT: '0', LOG_LEVEL: 'warn', UNKNOT_DATA_DIR: join(work, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // 'close', not 'exit': the output is read to its end before the checks below look at it.
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          const match = /running at (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => {
          reject(new Error(`unknot serve exited (${String(code)}) before it listened:\n${output}`));
        });
      });
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // packages/web is not published: the installed server must say it has no web app, not just 404 on /.
    expect(output).toMatch(/API only/);
  }, 60_000);
});
