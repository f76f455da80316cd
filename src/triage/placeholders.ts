import { DEFAULT_CONTACTS, type Contacts } from '../knowledge/schema';

/** Fills `{emergency_number}`, `{poison_control_number}` and `{crisis_line}` from settings. */
export function fillPlaceholders(text: string, contacts: Contacts = DEFAULT_CONTACTS): string {
  return text.replace(/\{(emergency_number|poison_control_number|crisis_line)\}/g, (_, key: keyof Contacts) => contacts[key]);
}
