/**
 * `npm run bench:cli` (node bench/cli.ts): how fast the `unknot` command starts, as a person runs it. Asserts
 * nothing; prints figures.
 *
 * Median wall time of BENCH_RUNS (default 15) runs of each command, against a bare `node -e 0` on the same machine,
 * as ratios (issue 13 §2; goals: --version ≤ 1.5×, learn ≤ 2.5×, triage and plan ≤ 3×):
 *
 *   - `unknot --version`
 *   - `unknot learn ice`
 *   - `unknot triage --answers <fixture> --json`
 *   - `unknot plan --json --onset <two days ago> --answers <fixture>` (the plan without the store)
 *
 * "installed" runs the built JavaScript the way an installed package does: `node packages/cli/bin/unknot.js` with
 * NODE_OPTIONS cleared, so no unknot-source condition and the packages' dist/. The dist is built first
 * (`npm run build:packages`) when it is missing or older than the sources. "sources" runs the same commands from the
 * TypeScript sources (the repository's unknot-source condition), for comparison. Each command runs once before the
 * timed runs, so Node's compile cache (which the binary enables) is warm, as it is from a person's second run on;
 * the runs of the different commands are interleaved, so a burst of load elsewhere falls on all of them alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sourceCondition } from '../scripts/source-condition.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = join(root, 'packages/cli/bin/unknot.js');
const answers = join(root, 'packages/cli/test/fixtures/example-1.answers.json');
const onset = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const built = ['core', 'store', 'cli'];

/** The newest modification time under `dir`, in ms (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((max, d) => Math.max(max, statSync(join(d.parentPath, d.name)).mtimeMs), 0);
}

function ensureBuilt(): void {
  const stale = built.filter((p) => {
    const dist = join(root, 'packages', p, 'dist');
    return (
      !existsSync(join(dist, p === 'cli' ? 'main.js' : 'index.js')) ||
      newest(join(root, 'packages', p, 'src')) > newest(dist)
    );
  });
  if (stale.length === 0) return;
  console.log(`Building the packages (dist of ${stale.join(', ')} missing or older than the sources)…`);
  const build = spawnSync('npm', ['run', 'build:packages'], { cwd: root, stdio: 'inherit' });
  // A failed build of one package (another one's type error) still leaves the others' dist: go on if the CLI's is there.
  if (build.status !== 0 && !existsSync(join(root, 'packages/cli/dist/main.js'))) {
    throw new Error('npm run build:packages failed and there is no packages/cli/dist to run');
  }
}

interface Case {
  name: string;
  args: string[];
  /** The goal as a multiple of `node -e 0`, if the issue sets one. */
  goal?: number;
}

const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'unknot --version', args: [bin, '--version'], goal: 1.5 },
  { name: 'unknot learn ice', args: [bin, 'learn', 'ice'], goal: 2.5 },
  {
    name: 'unknot triage --answers F --json',
    args: [bin, 'triage', '--answers', answers, '--json'],
    goal: 3,
  },
  {
    name: 'unknot plan --json --onset D --answers F',
    args: [bin, 'plan', '--json', '--onset', onset, '--answers', answers],
    goal: 3,
  },
];

interface Mode {
  name: string;
  env: NodeJS.ProcessEnv;
}

function modes(dataDir: string): Mode[] {
  const { NODE_OPTIONS: _options, ...clean } = process.env;
  // A data folder of its own: none of these commands should touch the store, and none may touch a real record.
  const env = { ...clean, UNKNOT_DATA_DIR: dataDir, NO_COLOR: '1' };
  return [
    { name: 'installed (dist, no source condition)', env },
    {
      name: 'sources (unknot-source condition)',
      env: { ...env, NODE_OPTIONS: `--conditions=${sourceCondition}` },
    },
  ];
}

/** One run's wall time in ms; a run that fails would look fast, so it stops the bench. */
function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0 || (args[0] === bin && result.stdout.length === 0)) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function measure(mode: Mode): Map<string, number[]> {
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (const c of cases) timeOnce(c.args, mode.env); // warm the compile cache and the file cache
  for (let i = 0; i < runs; i++) for (const c of cases) times.get(c.name)?.push(timeOnce(c.args, mode.env));
  return times;
}

function report(mode: Mode, times: Map<string, number[]>): void {
  const base = median(times.get('node -e 0') ?? []);
  console.log(`\n${mode.name}: median of ${runs} runs (min in brackets)`);
  for (const c of cases) {
    const values = times.get(c.name) ?? [];
    const m = median(values);
    const ratio = m / base;
    const goal = c.goal === undefined ? '' : `  goal ≤ ${c.goal}×  ${ratio <= c.goal ? 'met' : 'NOT met'}`;
    console.log(
      `  ${c.name.padEnd(42)} ${m.toFixed(0).padStart(5)} ms  (${Math.min(...values).toFixed(0)})  ${ratio.toFixed(2)}×${goal}`,
    );
  }
}

ensureBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'unknot-bench-cli-'));
try {
  console.log(`unknot start-up, Node ${process.versions.node}, ${runs} runs per command`);
  for (const mode of modes(dataDir)) report(mode, measure(mode));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
