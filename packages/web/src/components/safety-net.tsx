import type { SafetyNet } from '@unknot/core';

/**
 * triage.md §5's safety-netting: the groups of signs to act on and the closing line. One component, so the
 * result screen and the plan say it the same way.
 */
export function SafetyNetSection({ id, title, net }: { id: string; title: string; net: SafetyNet }) {
  return (
    <section class="safety-net" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {net.groups.map((group, i) => (
        <div key={group.heading} class={`safety-group safety-group-${i}`}>
          <h3>{group.heading}</h3>
          <ul>
            {group.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
      <p class="closing">
        <strong>{net.closing}</strong>
      </p>
    </section>
  );
}
