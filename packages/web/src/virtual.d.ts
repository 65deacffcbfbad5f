/** Built by vite.config.ts from the knowledge base: triage rule id → the warning-sign card that explains it. */
declare module 'virtual:unknot/rule-cards' {
  export const ruleCards: Readonly<Record<string, string>>;
}
