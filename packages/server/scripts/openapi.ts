// Regenerates packages/server/openapi.json from the route schemas: `npm run openapi`. With `--check` it writes
// nothing and exits 1 when the committed document differs from what the routes generate.
import { readFileSync, writeFileSync } from 'node:fs';
import { generateOpenApi, openApiPath } from '../src/openapi.ts';

const generated = await generateOpenApi();
if (process.argv.includes('--check')) {
  if (readFileSync(openApiPath, 'utf8') !== generated) {
    console.error(`${openApiPath.pathname} is out of date: run \`npm run openapi\``);
    process.exit(1);
  }
  console.log(`${openApiPath.pathname} is up to date`);
} else {
  writeFileSync(openApiPath, generated);
  console.log(`wrote ${openApiPath.pathname}`);
}
