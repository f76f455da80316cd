import { DialogContextError, DialogTurnStatus, type DialogContext, type DialogTurnResult } from './dialogKit';

/**
 * `dc.continueDialog()` without its `activityReceived` event. On the first continue of a turn,
 * botbuilder-dialogs emits that event from the innermost dialog up through every parent (for the
 * triggers of adaptive dialogs): a dialog context built for each container on the way down, then a
 * chain of async hooks per level on the way up, about a fifth of the turn's dialog work. No dialog
 * of this bot handles events, so the active dialog is continued directly, and an error is wrapped
 * as `DialogContext` wraps it (`onTurnError` names the dialog from it).
 */
export async function continueActiveDialog(dc: DialogContext): Promise<DialogTurnResult> {
  const instance = dc.activeDialog;
  if (instance === undefined) return { status: DialogTurnStatus.empty };
  const dialog = dc.findDialog(instance.id);
  if (dialog === undefined) {
    throw new DialogContextError(`continueActiveDialog: no dialog with the id "${instance.id}" of the stored stack; was it renamed or removed?`, dc);
  }
  try {
    return await dialog.continueDialog(dc);
  } catch (error) {
    throw error instanceof DialogContextError || !(error instanceof Error || typeof error === 'string') ? error : new DialogContextError(error, dc);
  }
}
