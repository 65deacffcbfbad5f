/**
 * `npm run api-report`: writes packages/core/api-report.md, every public export of @unknot/core and
 * @unknot/core/pdf as its declaration, so that a change to the package's API shows up in review as a diff of
 * that file (test/api-report.test.ts fails while it is stale).
 *
 * The declarations are the ones TypeScript emits for the published .d.ts, made in memory from the sources (no
 * build needed): inferred return types are spelt out as an installer sees them, and bodies and comments are gone,
 * so only a change of shape changes the report.
 */
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const coreDir = join(root, 'packages', 'core');

/** The checked-in report. */
export const apiReportPath = join(coreDir, 'api-report.md');

/** The package's entry points (package.json `exports`) and the source file behind each. */
const entryPoints = [
  { specifier: '@unknot/core', source: 'index' },
  { specifier: '@unknot/core/pdf', source: 'pdf' },
] as const;

/** Where the in-memory declarations pretend to live: next to the sources, so node_modules resolves as in dist/. */
const virtualOut = join(coreDir, '.api-report');

function failOn(diagnostics: readonly ts.Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  throw new Error(
    ts.formatDiagnostics(errors, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    }),
  );
}

/** core's .d.ts files, by path under `virtualOut`, as `tsc -p packages/core/tsconfig.build.json` would write them. */
function emitDeclarations(): Map<string, string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(coreDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        failOn([d]);
      },
    },
  );
  if (!parsed) throw new Error('packages/core/tsconfig.json could not be read');
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: join(coreDir, 'src'),
    outDir: virtualOut,
  };
  const files = new Map<string, string>();
  const program = ts.createProgram(parsed.fileNames, options);
  const result = program.emit(undefined, (file, text) => files.set(file, text), undefined, true);
  // Type errors are the typecheck's business; a declaration that cannot be written would break the build.
  failOn(result.diagnostics);
  return files;
}

/** A program over the emitted declarations alone, as a TypeScript user of the installed package sees them. */
function declarationProgram(files: Map<string, string>): ts.Program {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2024,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const base = ts.createCompilerHost(options);
  const virtualDirs = new Set([...files.keys()].map((f) => dirname(f)));
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => files.has(f) || base.fileExists(f),
    readFile: (f) => files.get(f) ?? base.readFile(f),
    // Module resolution only looks for files in directories that exist.
    directoryExists: (d) => virtualDirs.has(d) || ts.sys.directoryExists(d),
    getSourceFile: (f, language, ...rest) => {
      const text = files.get(f);
      return text === undefined
        ? base.getSourceFile(f, language, ...rest)
        : ts.createSourceFile(f, text, language, true);
    },
  };
  const roots = entryPoints.map((e) => join(virtualOut, `${e.source}.d.ts`));
  return ts.createProgram(roots, options, host);
}

const printer = ts.createPrinter({ removeComments: true });

/** Where a declaration outside core comes from, e.g. `@medplum/fhirtypes`. */
function packageOf(file: string): string {
  const parts = file.split(`${sep}node_modules${sep}`).pop()?.split(sep) ?? [];
  return (parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Each export of `moduleSymbol`, sorted by name, as printed declarations. */
function describeExports(checker: ts.TypeChecker, moduleSymbol: ts.Symbol, inNamespace: boolean): string[] {
  return checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((exported) => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      return (target.declarations ?? []).map((declaration) => {
        if (ts.isSourceFile(declaration)) {
          // `export * as fhirCodes from …`: a namespace of that module's exports.
          const members = describeExports(checker, target, true).join('\n');
          return `export declare namespace ${exported.name} {\n${members}\n}`;
        }
        const file = declaration.getSourceFile();
        if (!file.fileName.startsWith(virtualOut)) {
          return `// ${exported.name}: re-exported from ${packageOf(file.fileName)}`;
        }
        const node =
          ts.isVariableDeclaration(declaration) && ts.isVariableStatement(declaration.parent.parent)
            ? declaration.parent.parent
            : declaration;
        let text = printer.printNode(ts.EmitHint.Unspecified, node, file);
        // A long string constant (the summary's CSS) is declared as its literal; its text is content, not API.
        const literal = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
        if (literal && ts.isStringLiteral(literal) && literal.text.length > 80) {
          text = `export declare const ${exported.name}: string;`;
        }
        // Inside a namespace everything is already ambient; `declare` there is not valid syntax.
        if (inNamespace) text = text.replace(/^export declare /, 'export ');
        const renamed = target.name !== exported.name && target.name !== 'default';
        return renamed ? `// exported as ${exported.name}\n${text}` : text;
      });
    });
}

/** The report's text, formatted as prettier formats the rest of the repository. */
export async function generateApiReport(): Promise<string> {
  const program = declarationProgram(emitDeclarations());
  const checker = program.getTypeChecker();
  const sections = entryPoints.map((entry) => {
    const file = program.getSourceFile(join(virtualOut, `${entry.source}.d.ts`));
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`no declarations for ${entry.specifier}`);
    return `## \`${entry.specifier}\`\n\n\`\`\`ts\n${describeExports(checker, moduleSymbol, false).join('\n\n')}\n\`\`\`\n`;
  });
  const text = `# API report: @unknot/core

Every public export of the package's entry points, as the declarations TypeScript emits for them (comments left
out). Generated by \`npm run api-report\` from ${relative(root, join(coreDir, 'src'))}; do not edit by hand. A test
fails while this file is stale, so a change to the API shows up in review as a diff here.

${sections.join('\n')}`;
  const config = await resolveConfig(apiReportPath);
  return format(text, { ...config, filepath: apiReportPath });
}

if (import.meta.main) {
  writeFileSync(apiReportPath, await generateApiReport());
  console.log(`wrote ${relative(root, apiReportPath)}`);
}
