/** The Adaptive Card schema version of every card the bot sends: Teams renders 1.5 at most. */
export const ADAPTIVE_CARD_VERSION = '1.5';
