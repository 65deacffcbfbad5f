/**
 * Guided sessions: protocols.json as typed data, timelines of steps built from it, and a runner whose state is
 * computed from absolute timestamps, so it cannot drift.
 */
export {
  getOtherTimedItem,
  getProtocol,
  otherTimedItems,
  protocols,
  protocolsDocument,
  timerPolicy,
  type OtherTimedItem,
  type ProtocolSpec,
  type ProtocolsDocument,
  type RangeSpec,
  type SourceRange,
  type SourceValue,
  type SpecDefaults,
  type TargetSpec,
  type TimedProtocolId,
  type TimerSpec,
  type VariantSpec,
} from './protocols.ts';
export { buildTimeline, timedProtocolIds } from './timeline.ts';
export { numberLabel, numberLabels, oursMark } from './labels.ts';
export { sessionState } from './state.ts';
export { completedSteps } from './completed.ts';
export { withinWindow, windowEndsAt, protocolWindowMs } from './window.ts';
export {
  afterExercise,
  painCheckSource,
  painRiseToStop,
  type PainCheckInput,
  type PainCheckResult,
  type PainScoreProblem,
} from './pain-check.ts';
export { pacing as sessionPacing } from './pacing.ts';
export {
  cueKinds as sessionCueKinds,
  ignoreReasons as sessionIgnoreReasons,
  overrideKeys,
  refusalReasons as timelineRefusalReasons,
  stepKinds as sessionStepKinds,
  type Clamp as OverrideClamp,
  type Cue as SessionCue,
  type CueKind as SessionCueKind,
  type CueTime as SessionCueTime,
  type IgnoreReason as SessionIgnoreReason,
  type IgnoredEvent,
  type KneeVariant,
  type NumberOrigin,
  type OverrideKey,
  type RefusalReason as TimelineRefusalReason,
  type SessionEvent,
  type SessionEventType,
  type SessionState,
  type SessionStatus,
  type Side as SessionSide,
  type Step as SessionStep,
  type StepKind as SessionStepKind,
  type Timeline,
  type TimelineNumber,
  type TimelineOptions,
  type TimelineRefusal,
  type TimelineResult,
} from './types.ts';
