import { DomainError } from '@unknot/core';
import { expect } from 'vitest';

/** Awaits a promise that must reject with a DomainError of `code`, and returns the error. */
export async function expectDomainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}
