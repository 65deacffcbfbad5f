#!/usr/bin/env node
// The unknot command. Sources are TypeScript that Node 24 runs directly, so refuse older Nodes with a
// clear message instead of a syntax error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `unknot needs Node.js 24 or newer (this is ${process.versions.node}). Run it through npm (npm start) or install Node 24.`,
  );
  process.exit(1);
}
// #main is dist/main.js when installed, and the TypeScript source in this repository (the unknot-source condition).
const { main } = await import('#main');
process.exitCode = await main(process.argv.slice(2));
