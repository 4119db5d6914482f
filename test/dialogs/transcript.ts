import { expect } from 'vitest';
import type { Harness, SendOptions } from './dialog-harness.js';

/** One customer message and what the bot's reply must contain (strings or patterns). */
export type Step = { send: string; expect: (string | RegExp)[] };

export type TranscriptCase = { name: string; steps: Step[]; channel?: SendOptions['channel'] };

/** Plays a conversation turn by turn through the real pipeline; returns the last reply. */
export async function play(h: Harness, from: string, steps: readonly Step[], options: SendOptions = {}): Promise<string> {
  let reply = '';
  for (const step of steps) {
    reply = await h.say(from, step.send, options);
    for (const wanted of step.expect) {
      if (typeof wanted === 'string') expect(reply, `reply to "${step.send}"`).toContain(wanted);
      else expect(reply, `reply to "${step.send}"`).toMatch(wanted);
    }
  }
  return reply;
}

export const TICKET = /SR-2026-\d{6}/;
