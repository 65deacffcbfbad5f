import { describe, expect, it } from 'vitest';
import { generateClinicOpenApi, generateOpenApi } from '../../src/openapi.ts';

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

const authPaths = [
  '/api/v1/auth/enrol',
  '/api/v1/auth/sign-in',
  '/api/v1/auth/password',
  '/api/v1/auth/passkeys/options',
  '/api/v1/auth/passkeys',
  '/api/v1/auth/passkey-sign-in/options',
  '/api/v1/auth/passkey-sign-in',
  '/api/v1/auth/session',
  '/api/v1/auth/sign-out',
  '/api/v1/auth/sign-out-everywhere',
];

// Why: integrators of a clinic read openapi-clinic.json; personal mode's document must not offer sign-in routes
// that its server does not have. (`npm run openapi -- --check` keeps both committed files current.)
describe('the clinic OpenAPI document', () => {
  it('documents every auth route, with its refusals; the personal document has none of them', async () => {
    const clinic = JSON.parse(await generateClinicOpenApi()) as Doc;
    const personal = JSON.parse(await generateOpenApi()) as Doc;
    expect(Object.keys(clinic.paths)).toEqual(expect.arrayContaining(authPaths));
    expect(Object.keys(personal.paths).filter((path) => path.startsWith('/api/v1/auth'))).toEqual([]);
    // Everything personal mode documents, clinic mode serves too.
    expect(Object.keys(clinic.paths)).toEqual(expect.arrayContaining(Object.keys(personal.paths)));
    expect(Object.keys(clinic.paths['/api/v1/auth/sign-in']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '429']),
    );
    expect(Object.keys(clinic.paths['/api/v1/auth/session']?.get?.responses ?? {})).toEqual(['200', '401']);
  });
});
