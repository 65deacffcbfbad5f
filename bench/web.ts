/**
 * `npm run bench:web`: how heavy the web app is, and how Lighthouse rates it. Prints figures, asserts nothing.
 *
 * 1. Bundle: gzip sizes (level 9) from Vite's manifest — the JavaScript the first screen needs (the entry chunk
 *    and everything it imports statically; goal ≤ 50 kB) and all of the app's JavaScript (every lazily loaded
 *    screen included), plus the first screen's CSS and the service worker. Sign-in, the patient's clinic screens
 *    and the clinician's workspace are lazily loaded (personal mode never downloads them): each is printed apart,
 *    as what it adds to the first screen's JavaScript.
 * 2. Lighthouse, mobile preset (simulated slow 4G, 4× CPU slowdown), against the built app served by the real
 *    server (`packages/server/src/start.ts`, temporary database), in Debian's Chromium with a fresh profile.
 *    Goal: performance 100, accessibility 100. LIGHTHOUSE_RUNS sets the number of runs (default 3; the median
 *    performance run is reported).
 *
 * The web app is built first when packages/web/dist is missing or older than its sources.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { ensureWebBuilt } from '../e2e/support/build.ts';
import { chromiumFlags } from '../e2e/support/flags.ts';
import { chromiumPath, webDist } from '../e2e/support/paths.ts';
import { startServer } from '../e2e/support/server.ts';
import { clinicParts as lazyParts } from '../packages/web/build/clinic-chunks.ts';
import { inheritSourceCondition } from '../scripts/source-condition.ts';

interface ManifestChunk {
  file: string;
  /** The source module of an entry or dynamic entry (e.g. src/clinician/workspace.tsx). */
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
const gz = (file: string): number => gzipSync(readFileSync(join(webDist, file)), { level: 9 }).length;

function bundleFigures(): void {
  const manifest = JSON.parse(readFileSync(join(webDist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the Vite manifest has no entry chunk');
  const firstJs = new Set<string>();
  const firstCss = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || firstJs.has(chunk.file)) return;
    firstJs.add(chunk.file);
    for (const css of chunk.css ?? []) firstCss.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);

  // What each lazily loaded part adds: its dynamic entries and their static imports, less the first screen's.
  const parts = lazyParts.map((part) => ({ ...part, entries: [] as string[], js: new Set<string>() }));
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !chunk.src) continue;
    const part = parts.find((p) => p.matches(chunk.src ?? ''));
    if (!part) continue;
    // A dynamic entry that something on the first screen also imports statically is downloaded at once.
    part.entries.push(firstJs.has(chunk.file) ? `${chunk.src} IN THE FIRST SCREEN` : chunk.src);
    const seen = new Set<string>();
    const add = (k: string): void => {
      const c = manifest[k];
      if (!c || seen.has(k)) return;
      seen.add(k);
      if (!firstJs.has(c.file)) part.js.add(c.file);
      for (const imported of c.imports ?? []) add(imported);
    };
    add(key);
  }
  const allJs = readdirSync(join(webDist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const sum = (files: Iterable<string>): number => [...files].reduce((total, f) => total + gz(f), 0);
  const serviceWorker = readdirSync(webDist).filter((f) => /^(sw|workbox-[\w-]+)\.js$/.test(f));

  console.log('Bundle (gzip -9)');
  console.log(
    `  first screen JS  ${kB(sum(firstJs)).padStart(9)}  (goal ≤ 50 kB; ${[...firstJs].join(', ')})`,
  );
  console.log(`  first screen CSS ${kB(sum(firstCss)).padStart(9)}`);
  console.log(`  index.html       ${kB(gz('index.html')).padStart(9)}  (the welcome, prerendered)`);
  console.log(`  all app JS       ${kB(sum(allJs)).padStart(9)}  (${allJs.length} files, every screen)`);
  console.log(`  service worker   ${kB(sum(serviceWorker)).padStart(9)}  (${serviceWorker.join(', ')})`);
  console.log('Lazily loaded, never by personal mode (what each adds to the first screen, gzip -9)');
  for (const part of parts) {
    const label = `  ${part.name}`.padEnd(27);
    console.log(
      part.entries.length === 0
        ? `${label}none found: bundled into the first screen, or not built yet`
        : `${label}${kB(sum(part.js)).padStart(9)}  (${part.js.size} files; ${part.entries.join(', ')})`,
    );
  }
}

interface Run {
  performance: number;
  accessibility: number;
  metrics: Record<string, string>;
}

/** Starts Chromium with a fresh profile and a DevTools port (read back from the profile), for Lighthouse. */
async function launchChromium(profile: string): Promise<{ port: number; kill: () => Promise<void> }> {
  const child = spawn(
    chromiumPath,
    [...chromiumFlags, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    {
      stdio: 'ignore',
    },
  );
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const portFile = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { port, kill };
    }
    await sleep(100);
  }
  await kill();
  throw new Error('Chromium did not open its DevTools port');
}

async function lighthouseRun(url: string): Promise<Run> {
  const profile = mkdtempSync(join(tmpdir(), 'unknot-lighthouse-'));
  const chrome = await launchChromium(profile);
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    const score = (id: string): number => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id: string): string => lhr.audits[id]?.displayValue ?? '?';
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      metrics: {
        FCP: metric('first-contentful-paint'),
        LCP: metric('largest-contentful-paint'),
        TBT: metric('total-blocking-time'),
        CLS: metric('cumulative-layout-shift'),
        SI: metric('speed-index'),
      },
    };
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function lighthouseFigures(): Promise<void> {
  if (!existsSync(chromiumPath)) {
    console.log(`Lighthouse skipped: no Chromium at ${chromiumPath}`);
    return;
  }
  const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
  const server = await startServer();
  try {
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await lighthouseRun(`${server.url}/`));
    const sorted = [...results].sort((a, b) => a.performance - b.performance);
    const median = sorted[Math.floor(sorted.length / 2)] as Run;
    console.log(`Lighthouse, mobile preset, ${server.url}/ (median of ${runs})`);
    console.log(
      `  performance    ${median.performance}  (goal 100; runs: ${results.map((r) => r.performance).join(', ')})`,
    );
    console.log(`  accessibility  ${median.accessibility}  (goal 100)`);
    console.log(
      `  ${Object.entries(median.metrics)
        .map(([k, v]) => `${k} ${v}`)
        .join(' · ')}`,
    );
  } finally {
    await server.stop();
  }
}

// The server it starts for Lighthouse runs from the TypeScript sources too.
inheritSourceCondition();
await ensureWebBuilt();
bundleFigures();
await lighthouseFigures();
