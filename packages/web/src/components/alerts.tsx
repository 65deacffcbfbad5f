/** Alert cards shared by Today and the Diary: the diary's escalations, each with its reason, action and sources. */
import type { DiaryEscalation } from '@unknot/core';
import type { ComponentChildren } from 'preact';
import { t } from '../strings.ts';
import { Icon } from './icon.tsx';
import { SourceList } from './sources.tsx';

export function Alert({
  title,
  children,
  level,
}: {
  title: string;
  children: ComponentChildren;
  level: string;
}) {
  return (
    <li class={`card alert alert-${level}`}>
      <h3>
        <Icon name="alert" /> {title}
      </h3>
      {children}
    </li>
  );
}

export function EscalationAlert({ e }: { e: DiaryEscalation }) {
  return (
    <Alert title={e.title} level={e.level}>
      <p>{e.reason}</p>
      <p>
        <strong>{e.action}</strong>
      </p>
      <SourceList sources={e.sources} />
      {e.id === 'triage_again_now' ? (
        <a class="button primary" href="/check?q=1">
          {t.home.checkNow}
        </a>
      ) : null}
    </Alert>
  );
}
