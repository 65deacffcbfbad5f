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
 * NODE_OPTIONS cleared, so no unknot-source condition and the CLI's dist/: the bundle of packages/cli/scripts/bundle.ts,
 * with core and store compiled in. The bundle is built first (`npm run build -w @unknot/cli`, about a second) when it
 * is missing or older than the sources it is made from. "sources" runs the same commands from the TypeScript sources
 * (the repository's unknot-source condition), for comparison. Each command runs once before the timed runs, so
 * Node's compile cache (which the binary enables) is warm, as it is from a person's second run on; the runs of the
 * different commands are interleaved, so a burst of load elsewhere falls on all of them alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sourceCondition } from '../scripts/source-condition.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = join(root, 'packages/cli/bin/unknot.js');
const answers = join(root, 'packages/cli/test/fixtures/example-1.answers.json');
const onset = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
/** The packages whose sources the CLI's bundle is made from. */
const bundled = ['core', 'store', 'cli'];
const bundle = join(root, 'packages/cli/dist/main.js');

/** The newest modification time under `dir`, in ms (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((max, d) => Math.max(max, statSync(join(d.parentPath, d.name)).mtimeMs), 0);
}

function ensureBuilt(): void {
  const sources = Math.max(...bundled.map((p) => newest(join(root, 'packages', p, 'src'))));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  console.log('Building the CLI bundle (missing or older than the sources of core, store or cli)…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@unknot/cli'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build -w @unknot/cli failed');
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

/**
 * The CPU time (user + system, ms) that this process's finished children have used, from /proc/self/stat (Linux,
 * in ticks of 10 ms); undefined where there is no /proc. Beside the wall time because other work on the machine
 * (on a shared 2-core machine, often there) changes CPU time much less than wall time.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name, which is in parentheses and may itself hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]); // cutime + cstime
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // Linux reports them in USER_HZ, which is 100
  } catch {
    return undefined;
  }
}

interface Run {
  wall: number;
  cpu: number | undefined;
}

/** One run's wall and CPU time in ms; a run that fails would look fast, so it stops the bench. */
function timeOnce(args: string[], env: NodeJS.ProcessEnv): Run {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const wall = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (result.status !== 0 || (args[0] === bin && result.stdout.length === 0)) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * The mean CPU time of the runs: each run's figure is whole ticks of 10 ms, too coarse for a median of runs that
 * take a few ticks, but the ticks add up exactly, so their mean is good to a millisecond or two.
 */
function meanCpu(values: Run[]): number | undefined {
  const cpu = values.map((r) => r.cpu);
  return cpu.every((c) => c !== undefined) ? cpu.reduce((a, b) => a + b, 0) / cpu.length : undefined;
}

function measure(mode: Mode): Map<string, Run[]> {
  const times = new Map<string, Run[]>(cases.map((c) => [c.name, []]));
  for (const c of cases) timeOnce(c.args, mode.env); // warm the compile cache and the file cache
  for (let i = 0; i < runs; i++) for (const c of cases) times.get(c.name)?.push(timeOnce(c.args, mode.env));
  return times;
}

function report(mode: Mode, times: Map<string, Run[]>): void {
  const baseRuns = times.get('node -e 0') ?? [];
  const base = median(baseRuns.map((r) => r.wall));
  const baseCpu = meanCpu(baseRuns);
  console.log(
    `\n${mode.name}: wall time, median of ${runs} runs (min in brackets); CPU time (user + sys), mean of the runs`,
  );
  for (const c of cases) {
    const values = times.get(c.name) ?? [];
    const m = median(values.map((r) => r.wall));
    const ratio = m / base;
    const goal = c.goal === undefined ? '' : `  goal ≤ ${c.goal}×  ${ratio <= c.goal ? 'met' : 'NOT met'}`;
    const cpu = meanCpu(values);
    const cpuText =
      cpu === undefined || baseCpu === undefined
        ? ''
        : `  CPU ${cpu.toFixed(0).padStart(4)} ms ${(cpu / baseCpu).toFixed(2)}×`;
    const min = Math.min(...values.map((r) => r.wall));
    console.log(
      `  ${c.name.padEnd(42)} ${m.toFixed(0).padStart(5)} ms  (${min.toFixed(0)})  ${ratio.toFixed(2)}×${cpuText}${goal}`,
    );
  }
}

ensureBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'unknot-bench-cli-'));
try {
  console.log(
    `unknot start-up, Node ${process.versions.node}, ${runs} runs per command, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the start`,
  );
  for (const mode of modes(dataDir)) report(mode, measure(mode));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
