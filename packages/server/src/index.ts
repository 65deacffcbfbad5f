export { buildApp, type AppOptions, apiVersion, defaultBodyLimit, defaultRateLimitPerMinute } from './app.ts';
export { problemTypes, type ProblemCode, type Problem } from './problems.ts';
export { contentSecurityPolicy } from './security.ts';
