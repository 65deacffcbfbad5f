/**
 * What a session does besides drawing: short tones (Web Audio), optional spoken cues (speechSynthesis),
 * vibration, and a screen wake lock while the timer runs. Each is optional and fails quietly where the browser
 * lacks it. Settings are kept per device.
 */
import { signal } from '@preact/signals';
import { onForget } from './records.ts';

export interface CueSettings {
  sound: boolean;
  voice: boolean;
  vibrate: boolean;
}

const key = 'unknot.cues';
const defaults: CueSettings = { sound: true, voice: false, vibrate: true };

function loadSettings(): CueSettings {
  try {
    const raw = localStorage.getItem(key);
    if (raw) return { ...defaults, ...(JSON.parse(raw) as Partial<CueSettings>) };
  } catch {
    // Defaults below.
  }
  return defaults;
}

export const cueSettings = signal<CueSettings>(
  typeof localStorage === 'undefined' ? defaults : loadSettings(),
);
onForget(() => {
  cueSettings.value = defaults;
});

export function setCueSetting(name: keyof CueSettings, on: boolean): void {
  cueSettings.value = { ...cueSettings.value, [name]: on };
  try {
    localStorage.setItem(key, JSON.stringify(cueSettings.value));
  } catch {
    // Kept for this visit only.
  }
}

let audio: AudioContext | undefined;

/** Creates (or wakes) the audio context. Call from a tap: browsers only allow sound after a gesture. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = undefined;
  }
}

export type Tone = 'step' | 'tick' | 'done' | 'attention';

const tones: Record<Tone, readonly { f: number; ms: number }[]> = {
  step: [{ f: 660, ms: 160 }],
  tick: [{ f: 880, ms: 90 }],
  attention: [
    { f: 660, ms: 140 },
    { f: 880, ms: 140 },
  ],
  done: [
    { f: 523, ms: 160 },
    { f: 659, ms: 160 },
    { f: 784, ms: 260 },
  ],
};

export function playTone(tone: Tone): void {
  if (!cueSettings.value.sound || !audio) return;
  let at = audio.currentTime + 0.02;
  for (const { f, ms } of tones[tone]) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + ms / 1000 + 0.02);
    at += ms / 1000 + 0.05;
  }
}

export function speak(text: string): void {
  if (!cueSettings.value.voice || !('speechSynthesis' in window)) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = document.documentElement.lang || 'en';
  window.speechSynthesis.speak(utterance);
}

export function buzz(pattern: number | number[]): void {
  if (!cueSettings.value.vibrate || !('vibrate' in navigator)) return;
  navigator.vibrate(pattern);
}

let lock: WakeLockSentinel | null = null;

/** Keeps the screen on while `on` (re-acquired by the caller after the page becomes visible again). */
export async function keepAwake(on: boolean): Promise<void> {
  try {
    if (on && !lock && 'wakeLock' in navigator && document.visibilityState === 'visible') {
      lock = await navigator.wakeLock.request('screen');
      lock.addEventListener('release', () => {
        lock = null;
      });
    } else if (!on && lock) {
      await lock.release();
      lock = null;
    }
  } catch {
    lock = null;
  }
}
