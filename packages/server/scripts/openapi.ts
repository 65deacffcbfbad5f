// Regenerates packages/server/openapi.json from the route schemas: `npm run openapi`.
import { writeFileSync } from 'node:fs';
import { generateOpenApi, openApiPath } from '../src/openapi.ts';

writeFileSync(openApiPath, await generateOpenApi());
console.log(`wrote ${openApiPath.pathname}`);
