import type { Activity, TurnContext } from 'botbuilder';
import type { TurnResult } from './adapter';
import type { TurnHandler, TurnProcessor } from './createServer';

/** Whether the turn pipeline can run turns yet; `failed` is a bug in wiring it, logged where it was built. */
export type TurnsStatus = 'starting' | 'ready' | 'failed';

/**
 * The adapter and bot, built once, after the server listens: health checks are answered while
 * botbuilder loads. A turn that arrives first waits for the build (about a second) rather than
 * being refused: the Bot Connector does not resend a refused message, so the person's message
 * would be lost, and an emergency with it.
 */
export class LateTurns implements TurnProcessor, TurnHandler {
  private building: Promise<{ readonly adapter: TurnProcessor; readonly bot: TurnHandler }> | undefined;
  private current: TurnsStatus = 'starting';

  constructor(private readonly build: () => Promise<{ readonly adapter: TurnProcessor; readonly bot: TurnHandler }>) {}

  get status(): TurnsStatus {
    return this.current;
  }

  /** Build now rather than on the first turn; rejects if the build failed. */
  async start(): Promise<void> {
    await this.pipeline();
  }

  async processTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<TurnResult> {
    return (await this.pipeline()).adapter.processTurn(authHeader, activity, logic);
  }

  async run(context: TurnContext): Promise<void> {
    return (await this.pipeline()).bot.run(context);
  }

  private pipeline(): Promise<{ readonly adapter: TurnProcessor; readonly bot: TurnHandler }> {
    this.building ??= this.build().then(
      (built) => {
        this.current = 'ready';
        return built;
      },
      (error: unknown) => {
        this.current = 'failed';
        throw error;
      },
    );
    return this.building;
  }
}
