import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/**
 * Where botbuilder-dialogs keeps a turn's memory configuration (`DialogStateManager`'s constructor
 * reads it, and stores it there when it had to build one).
 */
const TURN_STATE_KEY = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs builds its memory scopes and path resolvers afresh on every turn (the first
 * `DialogContext` of a turn registers the dialogs component, asks it for new scope objects and caches
 * them in the turn state). They hold no state of their own, so the first turn's configuration serves
 * every later one: `lend` before the dialogs run, `keep` after.
 */
export class DialogMemoryConfiguration {
  private shared: DialogStateManagerConfiguration | undefined;

  /** Gives the turn the configuration an earlier turn built, so its dialogs do not build another. */
  lend(context: TurnContext): void {
    if (this.shared !== undefined && !context.turnState.has(TURN_STATE_KEY)) context.turnState.set(TURN_STATE_KEY, this.shared);
  }

  /** Keeps the configuration the turn's dialogs built, if none is kept yet. */
  keep(context: TurnContext): void {
    this.shared ??= context.turnState.get(TURN_STATE_KEY) as DialogStateManagerConfiguration | undefined;
  }
}
