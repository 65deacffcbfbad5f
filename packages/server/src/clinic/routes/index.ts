import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import type { CareRouteOptions } from './care-route-options.ts';
import { inviteRoutes } from './invites.ts';
import { meRoutes } from './me.ts';
import { patientRoutes } from './patients.ts';
import { programmeRoutes } from './programme.ts';

/**
 * The routes only clinic mode has, registered under /api/v1 when buildApp is given `clinic`. Each concept
 * has its own file; add its plugin here.
 */
export const clinicRoutes: FastifyPluginAsync<CareRouteOptions> = async (api, options) => {
  await api.register(authRoutes, options);
  await api.register(inviteRoutes, options);
  await api.register(meRoutes, options);
  await api.register(patientRoutes, options);
  await api.register(programmeRoutes, options);
  await api.register(auditRoutes, options);
};
