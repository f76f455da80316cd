/**
 * The few botbuilder-dialogs classes the bot uses, each from its own file. The package's index also
 * loads every prompt and, through them, the Recognizers-Text suites: about half a second of CPU at
 * start-up for code the bot never runs.
 */
export { Dialog, DialogTurnStatus, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogContextError } from 'botbuilder-dialogs/lib/dialogContextError';
