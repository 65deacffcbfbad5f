import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../src/openapi.ts';
import { dialects, startTestApp } from './test-app.ts';

describe('OpenAPI', () => {
  // Why: the committed document is what integrators read; it must be what the code serves.
  it('the committed openapi.json matches the schemas (run `npm run openapi` after changing a route)', () => {
    // In a process of its own: the document lists the schemas named in zod's registry, which lives on
    // globalThis, so in a test worker it would also hold whatever earlier test files registered.
    const script = fileURLToPath(new URL('../scripts/openapi.ts', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('is OpenAPI 3.1 and documents every /api/v1 route with its error responses', async () => {
    const doc = JSON.parse(await generateOpenApi()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/changes',
        '/api/v1/data',
        '/api/v1/episodes',
        '/api/v1/episodes/{id}',
        '/api/v1/episodes/{id}/assessments',
        '/api/v1/episodes/{id}/diary',
        '/api/v1/episodes/{id}/diary/{entryId}',
        '/api/v1/episodes/{id}/sessions',
        '/api/v1/episodes/{id}/sessions/{sessionId}',
        '/api/v1/episodes/{id}/history',
        '/api/v1/episodes/{id}/check-ins',
        '/api/v1/episodes/{id}/plan',
        '/api/v1/episodes/{id}/plan.ics',
        '/api/v1/episodes/{id}/summary',
        '/api/v1/episodes/{id}/summary.html',
        '/api/v1/episodes/{id}/summary.pdf',
        '/api/v1/episodes/{id}/summary.fhir.json',
        '/api/v1/export',
        '/api/v1/healthz',
        '/api/v1/import',
        '/api/v1/instance',
        '/api/v1/knowledge',
        '/api/v1/knowledge/{id}',
        '/api/v1/questionnaire',
        '/api/v1/triage',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/api/v1/episodes/{id}/diary']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '404', '409', '413']),
    );
  });

  it('is served at /api/openapi.json, with the UI at /api/docs', async () => {
    const t = await startTestApp(dialects[0]);
    try {
      const json = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(json.statusCode).toBe(200);
      expect((JSON.parse(json.body) as { openapi: string }).openapi).toBe('3.1.0');
      const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger-ui');
      // The docs page too runs without inline script under our CSP.
      expect(ui.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    } finally {
      await t.close();
    }
  });
});
