/**
 * The dependency rules of ../shared/design/ARCHITECTURE.md, checked over the real import statements of every
 * package's shipped sources (`.ts` and `.tsx`): one-way package dependencies, a pure core, a web app without Node,
 * and no import cycles. ESLint enforces the package rules while editing; this test makes `npm test` alone fail
 * too, finds cycles, and checks that its own rules, and ESLint's, reject a sample of each forbidden import.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Not a static import: the config is JavaScript, which the TypeScript project does not type.
const { default: eslintConfig } = (await import(new URL('../eslint.config.js', import.meta.url).href)) as {
  default: Linter.Config[];
};
const packagesDir = join(root, 'packages');

type Package = 'core' | 'store' | 'server' | 'cli' | 'web';

/** Which of our packages each package may import. Nothing may import cli, server or web. */
const imports: Record<Package, readonly Package[]> = {
  core: [],
  store: ['core'],
  server: ['core', 'store'],
  cli: ['core', 'store'],
  web: ['core'],
};

/**
 * Which of our packages each package may start as a child process, and nothing more. `unknot serve` runs the
 * server's entry point, found with `import.meta.resolve('@unknot/server/start')`, exactly as `npm start` does. So
 * the CLI depends on the server as a package (installing the CLI installs the server; its package.json says so)
 * without importing a line of it: "nothing imports server" holds, and no other command loads Fastify.
 */
const spawns: Record<Package, readonly Package[]> = {
  core: [],
  store: [],
  server: [],
  cli: ['server'],
  web: [],
};

/** Packages that must run where Node does not: core anywhere, web in the browser. */
const withoutNode: ReadonlySet<Package> = new Set(['core', 'web']);

const isPackage = (name: string): name is Package => Object.hasOwn(imports, name);

const shipped = (name: string): boolean =>
  /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.startsWith('test-');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return shipped(d.name) ? [path] : [];
  });
}

/** `import … from`, `export … from`, `import '…'` and `import('…')`: everything that loads a module. */
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
/** `import.meta.resolve('…')`: finds a module's file without loading it (to start it as a child process). */
const resolvePattern = /import\.meta\.resolve\(\s*['"]([^'"]+)['"]\s*\)/g;

const matches = (text: string, pattern: RegExp): string[] =>
  [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

const ourPackage = (specifier: string): string | undefined => /^@unknot\/([^/]+)/.exec(specifier)?.[1];

/** What a source file of `pkg` at `file` does against the rules, one sentence per import; none when it obeys. */
function violations(pkg: Package, file: string, text: string): string[] {
  const found: string[] = [];
  for (const s of matches(text, importPattern)) {
    const ours = ourPackage(s);
    if (ours !== undefined && !(imports[pkg] as readonly string[]).includes(ours)) {
      const hint = (spawns[pkg] as readonly string[]).includes(ours)
        ? ` (${pkg} may only start it as a child process, through import.meta.resolve)`
        : '';
      found.push(`${pkg} imports @unknot/${ours}${hint}`);
    }
    if (s.startsWith('.') && !resolve(dirname(file), s).startsWith(join(packagesDir, pkg, 'src'))) {
      found.push(`${pkg} leaves its package: ${s}`);
    }
    if (withoutNode.has(pkg) && isBuiltin(s)) found.push(`${pkg} may not use the Node built-in ${s}`);
  }
  for (const s of matches(text, resolvePattern)) {
    const ours = ourPackage(s);
    if (ours !== undefined && ![...imports[pkg], ...spawns[pkg]].some((p) => p === ours)) {
      found.push(`${pkg} may not start @unknot/${ours}`);
    }
  }
  return found;
}

interface Manifest {
  dependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
}
const manifest = (pkg: string): Manifest =>
  JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8')) as Manifest;

const packages = readdirSync(packagesDir).filter(
  (p): p is Package => isPackage(p) && existsSync(join(packagesDir, p, 'src')),
);
const files = packages.flatMap((pkg) =>
  sources(join(packagesDir, pkg, 'src')).map((file) => ({ pkg, file })),
);
const rel = (file: string) => relative(root, file);

describe('dependency rules', () => {
  it('finds the packages and sources it checks, .tsx included', () => {
    expect(packages).toEqual(expect.arrayContaining(['core', 'cli', 'web']));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some(({ file }) => file.endsWith('.tsx'))).toBe(true);
  });

  it.each(files.map(({ pkg, file }) => [rel(file), pkg, file] as const))(
    '%s imports only what its package may',
    (_name, pkg, file) => {
      expect(violations(pkg, file, readFileSync(file, 'utf8'))).toEqual([]);
    },
  );

  it.each(packages)('%s declares as dependencies only the packages it may import or start', (pkg) => {
    const ours = Object.keys(manifest(pkg).dependencies ?? {}).flatMap((d) => ourPackage(d) ?? []);
    expect(ours.filter((p) => ![...imports[pkg], ...spawns[pkg]].some((allowed) => allowed === p))).toEqual(
      [],
    );
  });

  // The cli → server arrow is a spawn: it must be in use, a declared dependency, and point at a real export.
  it('starts the server from the CLI by a declared dependency and an exported entry point', () => {
    const started = files
      .filter(({ pkg }) => pkg === 'cli')
      .flatMap(({ file }) => matches(readFileSync(file, 'utf8'), resolvePattern))
      .filter((s) => ourPackage(s) === 'server');
    expect(started).toEqual(['@unknot/server/start']);
    expect(manifest('cli').dependencies).toHaveProperty(['@unknot/server']);
    expect(Object.keys(manifest('server').exports ?? {})).toContain('./start');
  });

  it('has no import cycles between source files', () => {
    const graph = new Map(
      files.map(({ file }) => [
        file,
        matches(readFileSync(file, 'utf8'), importPattern)
          .filter((s) => s.startsWith('.'))
          .map((s) => resolve(dirname(file), s)),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

/**
 * One sample line per rule, as a file of that package would write it: what this test says, and what ESLint says
 * (null where only this test checks it: lint's rules are per directory and cover web, core and the CLI leaf).
 */
const forbidden: [Package, string, RegExp, RegExp | null][] = [
  ['web', "import { openStore } from '@unknot/store';", /web imports @unknot\/store/, /over HTTP/],
  ['web', "import type { Server } from '@unknot/server';", /web imports @unknot\/server/, /over HTTP/],
  ['web', "const { openStore } = await import('@unknot/store');", /web imports @unknot\/store/, /over HTTP/],
  ['web', "import { x } from '../../../store/src/index.ts';", /web leaves its package/, /over HTTP/],
  ['web', "import { readFileSync } from 'node:fs';", /Node built-in node:fs/, /in the browser/],
  ['web', "import 'fs/promises';", /Node built-in fs\/promises/, /in the browser/],
  ['web', "const zlib = await import('zlib');", /Node built-in zlib/, /in the browser/],
  ['core', "export { openStore } from '@unknot/store';", /core imports @unknot\/store/, /nothing of ours/],
  ['core', "import { createHash } from 'crypto';", /Node built-in crypto/, /no Node built-ins/],
  ['core', "import { x } from '../../../store/src/index.ts';", /core leaves its package/, /outside its own/],
  [
    'cli',
    "import { buildServer } from '@unknot/server';",
    /cli imports @unknot\/server \(cli may only start/,
    null,
  ],
  [
    'store',
    "const start = import.meta.resolve('@unknot/server/start');",
    /store may not start @unknot\/server/,
    null,
  ],
  [
    'server',
    "import { main } from '@unknot/cli';",
    /server imports @unknot\/cli/,
    /leaf of the dependency graph/,
  ],
  ['server', "const { main } = await import('@unknot/cli');", /server imports @unknot\/cli/, /leaf of the/],
];
const allowed: [Package, string][] = [
  ['web', "import { triage, type Plan } from '@unknot/core';"],
  ['web', "const Plan = lazy(() => import('./screens/plan.tsx'));"],
  ['cli', "const start = fileURLToPath(import.meta.resolve('@unknot/server/start'));"],
  ['cli', "import { spawn } from 'node:child_process';"],
  ['server', "import { openStore } from '@unknot/store';"],
  ['core', "import { questions } from '../triage/index.ts';"],
];
const sampleFile = (pkg: Package, ext = 'ts') => join(packagesDir, pkg, 'src', 'report', `sample.${ext}`);

describe('the rules reject what they should', () => {
  it.each(forbidden)('%s: %s', (pkg, line, message) => {
    const found = violations(pkg, sampleFile(pkg), line);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each(allowed)('%s: %s is fine', (pkg, line) => {
    expect(violations(pkg, sampleFile(pkg), line)).toEqual([]);
  });
});

describe('ESLint, as eslint.config.js sets it', () => {
  // Only the import rules of the real configuration, without type information: fast, and still its own patterns
  // and file scopes.
  const ruleNames = ['no-restricted-imports', 'no-restricted-syntax'];
  const importRules: Linter.Config[] = [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...eslintConfig.flatMap((c): Linter.Config[] => {
      const rules = Object.fromEntries(
        ruleNames.flatMap((name) => (c.rules?.[name] ? [[name, c.rules[name]]] : [])),
      );
      if (Object.keys(rules).length === 0) return [];
      return [
        {
          ...(c.files === undefined ? {} : { files: c.files }),
          ...(c.ignores === undefined ? {} : { ignores: c.ignores }),
          rules,
        },
      ];
    }),
  ];
  const linter = new Linter({ cwd: root });
  const lint = (file: string, line: string) =>
    linter.verify(line, importRules, { filename: file }).map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);

  it.each(
    forbidden.flatMap(([pkg, line, , lintMessage]) =>
      lintMessage ? [[pkg, line, lintMessage] as const] : [],
    ),
  )('rejects in %s: %s', (pkg, line, message) => {
    for (const ext of pkg === 'web' ? ['ts', 'tsx'] : ['ts']) {
      const messages = lint(sampleFile(pkg, ext), line);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^no-restricted-(imports|syntax): /);
      expect(messages[0]).toMatch(message);
    }
  });

  it.each(allowed)('lets %s: %s', (pkg, line) => {
    expect(lint(sampleFile(pkg, pkg === 'web' ? 'tsx' : 'ts'), line)).toEqual([]);
  });

  it("lets the web's build tooling, which runs in Node, use Node", () => {
    expect(
      lint(join(packagesDir, 'web', 'build', 'sample.ts'), "import { gzipSync } from 'node:zlib';"),
    ).toEqual([]);
  });
});
