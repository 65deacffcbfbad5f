// Regenerates packages/server/openapi.json (personal mode) and openapi-clinic.json (clinic mode) from the route
// schemas: `npm run openapi`. With `--check` it writes nothing and exits 1 when a committed document differs from
// what the routes generate.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { clinicOpenApiPath, generateClinicOpenApi, generateOpenApi, openApiPath } from '../src/openapi.ts';

const documents = [
  { path: openApiPath, generate: generateOpenApi },
  { path: clinicOpenApiPath, generate: generateClinicOpenApi },
];
let stale = false;
for (const { path, generate } of documents) {
  const generated = await generate();
  if (process.argv.includes('--check')) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== generated) {
      console.error(`${path.pathname} is out of date: run \`npm run openapi\``);
      stale = true;
    } else console.log(`${path.pathname} is up to date`);
  } else {
    writeFileSync(path, generated);
    console.log(`wrote ${path.pathname}`);
  }
}
if (stale) process.exit(1);
