import type { Server } from 'restify';
import type { ChannelAdapter, Turn } from '../channel-adapter.js';
import { AppError } from '../../src/errors/app-error.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { mountCheckInRoutes } from './check-in-routes.js';
import { mountTwilioVoice, type TwilioVoiceDeps } from './twilio-voice-routes.js';

export class VoiceCannotSendError extends AppError {
  readonly code = 'voice.cannot_send';
}

/**
 * The phone line (IVR at /twilio/voice) and the menu of automated check-in calls (/twilio/voice/check-in,
 * placed by twilio-voice-caller.ts). It cannot speak an arbitrary message, so it is never `configured` for
 * outbound: a message queued for the voice channel stays in the outbox for a person to call back.
 */
export class TwilioVoiceLine implements ChannelAdapter {
  readonly kind = 'voice' as const;
  readonly configured = false;
  private turn: Turn | undefined;

  constructor(private readonly deps: Omit<TwilioVoiceDeps, 'turn'> & { jobs: Pick<JobQueue, 'send'> }) {}

  /** The dialog engine's turn; until it is set, callers who choose a dialog are put through to a person. */
  useTurn(turn: Turn): void {
    this.turn = turn;
  }

  mount(server: Server): void {
    mountTwilioVoice(server, { ...this.deps, turn: () => this.turn });
    mountCheckInRoutes(server, this.deps);
  }

  async send(): Promise<{ providerMessageId: string }> {
    throw new VoiceCannotSendError('The voice line cannot place calls; a person calls back from the outbox');
  }
}
