/**
 * Which built files belong to clinic mode alone: sign-in, joining, the patient's clinic screens and the clinician's
 * workspace. Personal mode must never download them (issue 11), and the service worker would if it precached them
 * with the rest of the app shell, so the build leaves them out of the precache list; clinic mode caches them on
 * first use instead (vite.config.ts, runtime caching). bench/web.ts prints their sizes apart by the same rule.
 */
import type { Plugin } from 'vite';

/** The clinic-only parts, by the source file (relative to packages/web) of their dynamic entries. */
export const clinicParts: readonly { name: string; matches: (src: string) => boolean }[] = [
  // Matched first, so the patient's join and sign-in screens count as sign-in, not as clinic screens.
  { name: 'sign-in', matches: (src) => /(^|\/)[^/]*(sign-?in|enrol|join|passkey)[^/]*$/i.test(src) },
  { name: 'clinician workspace', matches: (src) => src.startsWith('src/clinician/') },
  {
    name: "patient's clinic screens",
    matches: (src) => /^src\/(clinic\/|screens\/(clinic-[^/]*|peg)\.tsx$)/.test(src),
  },
];

export const isClinicSource = (src: string): boolean => clinicParts.some((p) => p.matches(src));

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * The files reachable from the app's entry without passing through a clinic-only dynamic entry are the personal
 * app; every other chunk (and its CSS) is clinic-only. A chunk shared by both is personal, so nothing personal mode
 * needs is ever left out.
 */
export function clinicOnlyFiles(chunks: readonly ChunkLike[], root: string): Set<string> {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const source = (c: ChunkLike): string =>
    c.facadeModuleId?.startsWith(`${root}/`) ? c.facadeModuleId.slice(root.length + 1) : '';
  const personal = new Set<string>();
  const visit = (file: string): void => {
    const chunk = byFile.get(file);
    if (!chunk || personal.has(file)) return;
    personal.add(file);
    for (const next of chunk.imports) visit(next);
    for (const next of chunk.dynamicImports) {
      const target = byFile.get(next);
      if (target && !isClinicSource(source(target))) visit(next);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  const personalCss = new Set(
    [...personal].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]),
  );
  const clinicOnly = new Set<string>();
  for (const chunk of chunks) {
    if (personal.has(chunk.fileName)) continue;
    clinicOnly.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) if (!personalCss.has(css)) clinicOnly.add(css);
  }
  return clinicOnly;
}

/**
 * Records the clinic-only files of the client build in `into`, which the service worker's precache filter reads
 * when it is generated (after the bundle is written).
 */
export function markClinicOnlyFiles(into: Set<string>): Plugin {
  let root = '';
  return {
    name: 'unknot:clinic-only-files',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      // Only the browser's bundle has a service worker (not the build that prerenders the first screen).
      if (this.environment.name !== 'client') return;
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk') as unknown as ChunkLike[];
      into.clear();
      for (const file of clinicOnlyFiles(chunks, root)) into.add(file);
    },
  };
}
