/**
 * Test support for packages that build on the store (the server's route tests, the CLI's tests):
 * fresh real databases of each dialect and typed record factories.
 */
export * from './databases.ts';
export * from './factories.ts';
export * from './clinic-factories.ts';
