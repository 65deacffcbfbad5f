#!/usr/bin/env node
// The unknot command. It runs on Node 24 or newer: refuse older Nodes with a clear message instead of a syntax
// error from deep inside a dependency.
import module from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `unknot needs Node.js 24 or newer (this is ${process.versions.node}). Run it through npm (npm start) or install Node 24.`,
  );
  process.exit(1);
}
// Node keeps the compiled code of the modules it loads on disk, so later starts skip compiling them again (and, for
// the repository's TypeScript, stripping the types): a command-line tool starts often and changes rarely.
module.enableCompileCache?.();
// #main is dist/main.js when installed, and the TypeScript source in this repository (the unknot-source condition).
const { main } = await import('#main');
process.exitCode = await main(process.argv.slice(2));
