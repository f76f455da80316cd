import type { Activity, TurnContext } from 'botbuilder';
import type { Response } from 'restify';
import type { Logger } from 'pino';
import { errorCode, hashId } from '../logging';

/** A turn the server is running: what it answers, and its context once the adapter made one. */
export interface TurnInProgress {
  readonly activity: Activity;
  readonly res: Response;
  context?: TurnContext;
  /** Set when the drain answered for it; the turn must then not answer again. */
  answered: boolean;
}

export interface DrainOptions {
  /** What the person reads when their turn cannot finish: says how to reach emergency help. */
  readonly failSafeText: string;
  readonly logger: Logger;
  readonly retryAfterSeconds: string;
}

/** How long sending the fail-safe message through a stuck turn's connector may take. */
const FAIL_SAFE_SEND_MS = 3000;

/**
 * A shutdown's drain. While it runs, new requests get 503 with `Retry-After` (the bot's own reply
 * routes excepted, so turns in flight can still answer); at the deadline every turn still running is
 * answered with the fail-safe message, and every request still uploading its body gets 503.
 */
export class Drain {
  private draining = false;
  private readonly turns = new Set<TurnInProgress>();
  private readonly open = new Set<Response>();

  constructor(private readonly options: DrainOptions) {}

  /** True once a shutdown has begun. */
  get active(): boolean {
    return this.draining;
  }

  start(): void {
    this.draining = true;
  }

  /** Keep track of a request until it is answered, so the drain can answer it if nothing else does. */
  watch(res: Response): void {
    this.open.add(res);
    const forget = (): void => void this.open.delete(res);
    res.once('finish', forget);
    res.once('close', forget);
  }

  /**
   * Whether a request to `path` is refused now. `/healthz` answers for itself (503, draining); the
   * connector routes (`/v3/conversations/…`) carry replies of turns still in flight.
   */
  refuses(path: string): boolean {
    return this.draining && path !== '/healthz' && !path.startsWith('/v3/conversations/');
  }

  /** 503 with Retry-After, and the connection closed after it. */
  refuse(res: Response): void {
    if (res.headersSent) return;
    res.header('Retry-After', this.options.retryAfterSeconds);
    res.header('Connection', 'close');
    res.send(503, { error: { code: 'shutting_down', message: 'The bot is restarting; try again in a few seconds.' } });
  }

  begin(activity: Activity, res: Response): TurnInProgress {
    const turn: TurnInProgress = { activity, res, answered: false };
    this.turns.add(turn);
    return turn;
  }

  end(turn: TurnInProgress): void {
    this.turns.delete(turn);
  }

  /** At the deadline: answer every turn still running, with the fail-safe message where the person expects a reply. */
  async answerTurnsLeft(): Promise<void> {
    await Promise.all([...this.turns].map((turn) => this.answer(turn)));
  }

  /** At the deadline: 503 to every request not answered yet (an upload still in progress). */
  answerRequestsLeft(): void {
    for (const res of this.open) this.refuse(res);
  }

  private async answer(turn: TurnInProgress): Promise<void> {
    turn.answered = true;
    const { activity, res } = turn;
    const fields = { conversation: hashId(activity.conversation?.id ?? ''), activityType: activity.type };
    // Not at start-up: the server answers health checks before botbuilder has loaded, and a turn to answer means it has.
    const { ActivityTypes, DeliveryModes, TurnContext } = await import('botbuilder');
    // As onTurnError: a message or a conversation's start is answered; a typing indicator or an event is not.
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) {
      this.options.logger.warn({ ...fields, code: 'turn_abandoned' }, 'turn_abandoned');
      return this.refuse(res);
    }
    const reply: Partial<Activity> = TurnContext.applyConversationReference(
      { type: ActivityTypes.Message, text: this.options.failSafeText, channelData: { replyId: 'error' } },
      TurnContext.getConversationReference(activity),
    );
    if (activity.deliveryMode === DeliveryModes.ExpectReplies) {
      // The replies travel in this response: what the turn already said, then the fail-safe message.
      const earlier = turn.context?.bufferedReplyActivities ?? [];
      if (!res.headersSent) res.send(200, { activities: [...earlier, reply] });
      this.options.logger.warn({ ...fields, code: 'fail_safe_sent' }, 'turn_abandoned');
      return;
    }
    if (turn.context) {
      try {
        await withTimeout(turn.context.sendActivity(reply), FAIL_SAFE_SEND_MS);
        this.options.logger.warn({ ...fields, code: 'fail_safe_sent' }, 'turn_abandoned');
        if (!res.headersSent) {
          res.header('Connection', 'close');
          res.send(200);
        }
        return;
      } catch (error) {
        this.options.logger.error({ ...fields, code: errorCode(error) }, 'fail_safe_not_sent');
      }
    }
    // No reply could be sent: 503 lets the channel tell the person itself (the web chat's Direct Line does).
    this.refuse(res);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
