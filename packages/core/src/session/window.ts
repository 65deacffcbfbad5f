/**
 * The period after onset in which a protocol is offered: the cold pack for the first 48 h, cold-then-heat for the
 * first 7 days (knowledge-base.md §3.1 D4). The caller checks it with the onset time and its own clock.
 */
import { getProtocol, type ProtocolSpec } from './protocols.ts';

const hourMs = 60 * 60 * 1000;

function specOf(protocol: string | ProtocolSpec): ProtocolSpec | undefined {
  return typeof protocol === 'string' ? getProtocol(protocol) : protocol;
}

/** The protocol's window in ms, `null` when it has none, `undefined` for an unknown id. */
export function protocolWindowMs(protocol: string | ProtocolSpec): number | null | undefined {
  const spec = specOf(protocol);
  if (spec === undefined) return undefined;
  const hours = spec.timer.window_h?.default;
  return hours === undefined ? null : hours * hourMs;
}

/**
 * Whether `nowMs` falls in the protocol's window, which starts at onset and ends before onset + window (the first
 * 48 h means up to, not including, hour 48). True for a protocol without a window. False for an unknown id, for a
 * time before onset and for times that are not finite numbers: a check that cannot be made does not offer ice.
 */
export function withinWindow(protocol: string | ProtocolSpec, onsetMs: number, nowMs: number): boolean {
  const length = protocolWindowMs(protocol);
  if (length === undefined || !Number.isFinite(onsetMs) || !Number.isFinite(nowMs)) return false;
  const since = nowMs - onsetMs;
  return since >= 0 && (length === null || since < length);
}

/** When the window closes (epoch ms, same clock as `onsetMs`), or `null` when the protocol has none. */
export function windowEndsAt(protocol: string | ProtocolSpec, onsetMs: number): number | null {
  const length = protocolWindowMs(protocol);
  return length === undefined || length === null ? null : onsetMs + length;
}
