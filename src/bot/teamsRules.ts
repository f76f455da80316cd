import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
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
 * Teams shows a message's `text` and its Adaptive Card one under the other, so a card that carries
 * the whole reply (a disposition, a summary, a prompt with card buttons) would read twice. Its plain
 * text goes to `summary` instead, which Teams uses for notifications and the activity feed.
 */
export function moveCardTextToSummary(activity: Partial<Activity>): void {
  const hasCard = (activity.attachments ?? []).some((a) => a.contentType === CardFactory.contentTypes.adaptiveCard);
  if (!hasCard || activity.text === undefined || activity.text === '') return;
  activity.summary = activity.text;
  delete activity.text;
}

/**
 * One rendering per channel. The Emulator, like Teams, shows a message's text and its card one under
 * the other: there the card carries the reply and its text goes to `summary`. Teams also gets its
 * own rules (`enforceTeamsRules`). Web Chat's page hides the text of a card itself (web/page.js), and
 * channels without cards read the text.
 */
export function renderOncePerChannel(context: TurnContext, logger: BotLogger): void {
  if (isTeams(context)) enforceTeamsRules(context, logger);
  else if (context.activity.channelId === 'emulator') {
    context.onSendActivities((_ctx, activities: Partial<Activity>[], next) => {
      activities.forEach(moveCardTextToSummary);
      return next();
    });
  }
}

/**
 * The last guard on what goes to Teams: a card's text moved to `summary` (see
 * `moveCardTextToSummary`); no suggested actions on a message with attachments (Teams drops them),
 * and never more than three. Prompts are built to fit; this catches mistakes.
 */
export function enforceTeamsRules(context: TurnContext, logger: BotLogger): void {
  context.onSendActivities(async (_ctx, activities: Partial<Activity>[], next) => {
    for (const activity of activities) {
      moveCardTextToSummary(activity);
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
