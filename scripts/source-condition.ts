/**
 * In this repository every package runs from its TypeScript sources; an installed package runs its built
 * `dist/`. The packages' `exports` tell the two apart by a custom condition, and every Node process the
 * workspace starts (tests, benches, `npm start`, the web build) must carry it, children included: Node passes
 * NODE_OPTIONS on to the processes it spawns, but not its command-line flags.
 */
export const sourceCondition = 'unknot-source';

const flag = `--conditions=${sourceCondition}`;

/** `env` with the source condition in NODE_OPTIONS (added once). */
export function withSourceCondition(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? '';
  return options.split(/\s+/).includes(flag) ? env : { ...env, NODE_OPTIONS: `${options} ${flag}`.trim() };
}

/** Puts the source condition into this process's environment, so that every child it starts inherits it. */
export function inheritSourceCondition(): void {
  process.env.NODE_OPTIONS = withSourceCondition().NODE_OPTIONS;
}
