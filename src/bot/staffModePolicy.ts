import type { Activity } from 'botbuilder';

/** Channels of the patient web chat page: staff mode is never offered there. */
export const WEB_CHAT_CHANNELS: readonly string[] = ['directline', 'webchat'];

/**
 * `turnState` key the HTTP server sets on every turn: true when the request came from this machine.
 * Absent (an in-process adapter, as in tests) counts as this machine.
 */
export const CALLER_ON_THIS_MACHINE = Symbol('callerOnThisMachine');

/** Who may switch a conversation to the staff voice (issue 5). */
export class StaffModePolicy {
  constructor(
    private readonly options: {
      /** No Bot Framework credentials: the Emulator on a developer's machine. Everyone on this machine may. */
      readonly localMode: boolean;
      /** Teams user ids (`from.id` or `from.aadObjectId`) of helpline staff. */
      readonly staffUserIds: readonly string[];
    },
  ) {}

  /** True when the sender of this activity may use staff mode here. */
  allows(activity: Partial<Activity>, callerOnThisMachine = true): boolean {
    const channel = activity.channelId ?? '';
    if (WEB_CHAT_CHANNELS.includes(channel)) return false;
    // Local mode has no authentication, so only someone at this machine can be taken for staff.
    if (this.options.localMode) return callerOnThisMachine;
    if (channel !== 'msteams') return false;
    const ids = [activity.from?.id, activity.from?.aadObjectId].filter((id): id is string => typeof id === 'string' && id !== '');
    return ids.some((id) => this.options.staffUserIds.includes(id));
  }
}
