import type { Dialogs } from '../dialogs/loadDialogs';
import type { Contacts } from '../knowledge/schema';
import { fillPlaceholders } from '../triage/placeholders';

/**
 * Used only when the dialog files could not provide the error message; every other word the bot
 * says is content. Kept here so a failure can always reach the person with the emergency number.
 */
const FALLBACK_ERROR =
  'Sorry, something went wrong on my side and I have had to start again. If someone has trouble breathing, a seizure, or cannot be woken, call {emergency_number} now.';

/**
 * What a person is told when their message could not be handled: the dialogs' `error` message, or
 * the built-in fallback, always with the emergency number. Also used by the web chat's Direct Line.
 */
export function errorMessage(dialogs: Dialogs | undefined, contacts: Contacts): string {
  return fillPlaceholders(dialogs?.messages.messages.error.patient ?? FALLBACK_ERROR, contacts);
}
