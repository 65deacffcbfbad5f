/**
 * How sure we are and on what it rests: the evidence grade with its references (knowledge-base.md §1.5), the
 * seed articles that mention it, and how many of the five agree.
 */
import { getEvidenceCode, type Agreement, type Certainty, type Direction } from '@unknot/core';
import { t } from '../strings.ts';
import { Source, shortUrl } from './sources.tsx';

export interface EvidenceView {
  certainty: Certainty;
  direction: Direction;
  guideline: string;
  summary: string;
  refs: readonly { code: string; url: string }[];
}

export function EvidenceBlock({ evidence }: { evidence: EvidenceView }) {
  return (
    <div class="evidence">
      <dl class="facts">
        <div>
          <dt>{t.learn.grade}</dt>
          <dd>
            <span class={`grade grade-${evidence.certainty}`}>{t.learn.certainty[evidence.certainty]}</span>
            {evidence.direction === 'not_applicable' ? null : <> · {t.learn.direction[evidence.direction]}</>}
          </dd>
        </div>
        <div>
          <dt>{t.learn.guideline}</dt>
          <dd>{evidence.guideline}</dd>
        </div>
      </dl>
      <p>{evidence.summary}</p>
      <p class="sources-label">{t.learn.evidenceRefs}</p>
      <ul class="refs">
        {evidence.refs.map((ref) => (
          <li key={ref.code}>
            {/* By its title (spec 1.1 §0.1); the code is a data reference, not words for a person. */}
            <a href={ref.url} target="_blank" rel="noopener noreferrer">
              {getEvidenceCode(ref.code)?.title ?? ref.code}
              <span class="ref-url"> — {shortUrl(ref.url)}</span>
              <span class="visually-hidden"> {t.common.externalLink}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AgreementLine({ agreement }: { agreement: Agreement }) {
  return (
    <div class="agreement">
      <dl class="facts">
        <div>
          <dt>{t.learn.agreement}</dt>
          <dd>
            <strong>{t.learn.agreementValue(agreement.mentioned_by)}</strong> ·{' '}
            {t.learn.conflict[agreement.conflict]}
          </dd>
        </div>
      </dl>
      {agreement.note ? <p class="muted">{agreement.note}</p> : null}
    </div>
  );
}

export function SeedSources({ sources }: { sources: readonly { file: string; section: string }[] }) {
  return (
    <ul class="sources-list">
      {sources.map((s) => (
        <li key={`${s.file}:${s.section}`}>
          <Source source={s.file} section={s.section} />
        </li>
      ))}
    </ul>
  );
}
