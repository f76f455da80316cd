import type { Activity, TurnContext } from 'botbuilder';
import type { BotLogger } from './botLogger';
import { turnFields } from './botLogger';

/** Teams shows at most three suggested actions. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;

/** True when this turn is in Teams. */
export function isTeams(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams';
}

/**
 * Whether a prompt with this many replies must use card buttons instead of suggested actions:
 * Teams shows suggested actions only in personal chats, and at most three.
 */
export function needsCardButtons(context: TurnContext, replies: number): boolean {
  if (!isTeams(context)) return false;
  const groupChat = context.activity.conversation?.isGroup === true || ['groupChat', 'channel'].includes(context.activity.conversation?.conversationType ?? '');
  return groupChat || replies > TEAMS_MAX_SUGGESTED_ACTIONS;
}

/**
 * The last guard on what goes to Teams: no suggested actions on a message with attachments (Teams
 * drops them), and never more than three. Prompts are built to fit; this catches mistakes.
 */
export function enforceTeamsRules(context: TurnContext, logger: BotLogger): void {
  context.onSendActivities(async (_ctx, activities: Partial<Activity>[], next) => {
    for (const activity of activities) {
      const actions = activity.suggestedActions?.actions;
      if (actions === undefined) continue;
      if ((activity.attachments?.length ?? 0) > 0) {
        delete activity.suggestedActions;
        logger.warn({ ...turnFields(context), rule: 'teams_no_actions_with_attachments' }, 'suggested actions removed from a message with attachments');
      } else if (actions.length > TEAMS_MAX_SUGGESTED_ACTIONS) {
        activity.suggestedActions = { ...activity.suggestedActions, to: activity.suggestedActions?.to ?? [], actions: actions.slice(0, TEAMS_MAX_SUGGESTED_ACTIONS) };
        logger.warn({ ...turnFields(context), rule: 'teams_max_suggested_actions' }, 'suggested actions cut to three');
      }
    }
    return next();
  });
}
