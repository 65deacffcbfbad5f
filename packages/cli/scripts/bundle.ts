/**
 * Builds the published CLI into dist/ (`npm run build -w @unknot/cli`, part of `npm run build:packages`): one ESM
 * bundle, dist/main.js, plus a chunk per command that main.js imports only when that command runs.
 *
 * Why a bundle and not tsc's one file per module (issue 13 §2): an installed `unknot learn` or `unknot plan` spent
 * most of its start resolving, reading and linking modules: @unknot/core's barrel loads all of core (about 200
 * modules), and zod's 224 files come with it. Bundled, a command loads its own chunk and the few it shares, with
 * core tree-shaken to what the CLI uses (core is `sideEffects: false`); see bench/README.md §bench:cli for figures.
 *
 * What goes in and what stays out:
 *  - @unknot/core and @unknot/store are inlined, from their sources (the unknot-source condition). Both, and not
 *    core alone: the store throws core's DomainError and the CLI tells it apart with `instanceof`, which only holds
 *    with one copy of core in the process.
 *  - zod is inlined (tree-shaken; the package's licence is copied to dist/licenses/): loading it from
 *    node_modules is what made `plan` slow.
 *  - Everything else is imported at run time from node_modules, so it must be in package.json `dependencies`; this
 *    script checks that after building and fails otherwise. @unknot/server is not imported at all: `unknot serve`
 *    finds its start file with import.meta.resolve and runs it as a child process.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type OutputChunk } from 'rolldown';
import { sourceCondition } from '../../../scripts/source-condition.ts';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(cliDir, 'dist');

/** Packages compiled into the bundle; every other bare import stays an import. */
const inlined = /^(@unknot\/(core|store)|zod)(\/|$)/;
/** Dependencies the bundle needs without importing them: found with import.meta.resolve or require.resolve. */
const resolvedAtRunTime = new Set(['@unknot/server', 'dejavu-fonts-ttf']);

const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Empties dist/ but keeps tsc's build info (tsconfig.build.json type-checks the CLI; a kept file keeps it incremental). */
function cleanDist(): void {
  if (!existsSync(dist)) return;
  for (const name of readdirSync(dist)) {
    if (name !== '.tsbuildinfo') rmSync(join(dist, name), { recursive: true, force: true });
  }
}

/** The bare imports left in the bundle must be exactly the declared dependencies (less those resolved at run time). */
function checkDependencies(chunks: OutputChunk[]): void {
  const manifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const fileNames = new Set(chunks.map((c) => c.fileName));
  const imported = new Set(
    chunks
      .flatMap((c) => [...c.imports, ...c.dynamicImports])
      .filter((id) => !fileNames.has(id) && !isBuiltin(id))
      .map(packageName),
  );
  const undeclared = [...imported].filter((name) => !declared.has(name));
  const unused = [...declared].filter((name) => !imported.has(name) && !resolvedAtRunTime.has(name));
  if (undeclared.length > 0 || unused.length > 0) {
    throw new Error(
      `packages/cli/package.json dependencies do not match what dist/ imports: ` +
        `missing ${undeclared.join(', ') || 'none'}; not imported ${unused.join(', ') || 'none'}`,
    );
  }
}

/** The licences of the third-party packages compiled into the bundle (their MIT terms ask for the notice to travel). */
function copyLicences(moduleIds: string[]): string[] {
  const roots = new Set(
    moduleIds.flatMap((id) => {
      const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
      return match?.[1] ? [match[1]] : [];
    }),
  );
  mkdirSync(join(dist, 'licenses'), { recursive: true });
  return [...roots].map((root) => {
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
    const licence = readdirSync(root).find((f) => /^licen[cs]e/i.test(f));
    if (!licence) throw new Error(`${name} is compiled into the CLI but ships no licence file`);
    copyFileSync(join(root, licence), join(dist, 'licenses', `${name.replace('/', '+')}.txt`));
    return name;
  });
}

cleanDist();
const output = await build({
  input: { main: join(cliDir, 'src/main.ts') },
  cwd: cliDir,
  platform: 'node',
  resolve: { conditionNames: [sourceCondition, 'node', 'import', 'default'] },
  external: (id) => isBuiltin(id) || (!/^[./]/.test(id) && !inlined.test(id)),
  output: { dir: dist, format: 'esm' },
  logLevel: 'warn',
});
const chunks = output.output.filter((o): o is OutputChunk => o.type === 'chunk');
checkDependencies(chunks);
const licensed = copyLicences(chunks.flatMap((c) => c.moduleIds));
const size = chunks.reduce((sum, c) => sum + c.code.length, 0);
console.log(
  `cli: dist/main.js and ${chunks.length - 1} chunks, ${(size / 1024).toFixed(0)} KiB; inlined ${licensed.join(', ')}`,
);
