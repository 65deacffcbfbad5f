/**
 * The dependency rules of docs/architecture.md, checked over the real import statements of every package's
 * shipped sources: one-way package dependencies, a pure core, and no import cycles. ESLint enforces the
 * package rules while editing; this test makes `npm test` alone fail too, and finds cycles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');

/** Which of our packages each package may import. Nothing may import cli, server or web. */
const allowed: Record<string, string[]> = {
  core: [],
  store: ['core'],
  server: ['core', 'store'],
  cli: ['core', 'store'],
  web: ['core'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    const shipped = d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.startsWith('test-');
    return shipped ? [path] : [];
  });
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(importPattern)].map((m) => m[1] ?? m[2] ?? '');
}

const packages = readdirSync(packagesDir).filter(
  (p) => Object.hasOwn(allowed, p) && existsSync(join(packagesDir, p, 'src')),
);
const files = packages.flatMap((p) => sources(join(packagesDir, p, 'src')).map((file) => ({ pkg: p, file })));
const rel = (file: string) => relative(root, file);

describe('dependency rules', () => {
  it('finds the packages and sources it checks', () => {
    expect(packages).toEqual(expect.arrayContaining(['core', 'cli']));
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map(({ pkg, file }) => [rel(file), pkg, file]))(
    '%s imports only what its package may',
    (_name, pkg, file) => {
      for (const s of specifiers(file)) {
        const ours = /^@unknot\/([^/]+)/.exec(s)?.[1];
        if (ours) expect(allowed[pkg], `${rel(file)} imports @unknot/${ours}`).toContain(ours);
        if (s.startsWith('.')) {
          const target = resolve(dirname(file), s);
          expect(
            target.startsWith(join(packagesDir, pkg, 'src')),
            `${rel(file)} leaves its package: ${s}`,
          ).toBe(true);
        }
        if (pkg === 'core') {
          expect(s, `${rel(file)}: core may not use Node built-ins`).not.toMatch(
            /^node:|^(fs|path|os|child_process|crypto|http|https|url|util|stream|events)$/,
          );
        }
      }
    },
  );

  it('has no import cycles between source files', () => {
    const graph = new Map(
      files.map(({ file }) => [
        file,
        specifiers(file)
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
