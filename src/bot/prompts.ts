import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type CardAction } from 'botbuilder';
import { ANSWERS, type Answer } from '../triage/types';
import { ADAPTIVE_CARD_VERSION } from './cardVersion';

/** One button of a prompt: what it shows, the words it sends, and the card data it submits. */
export interface PromptButton {
  readonly title: string;
  /** The submit value for card buttons (Teams group chats, where suggested actions do not show). */
  readonly data: Readonly<Record<string, string>>;
}

/**
 * The buttons of a yes/no question: Yes, No and, unless the prompt turns it off (`offer_unsure:
 * false`, for an offer), Not sure. `title` gives each its label; `data` goes with the submitted answer.
 */
export function yesNoButtons(title: (answer: Answer) => string, data: Readonly<Record<string, string>>, offerUnsure = true): PromptButton[] {
  return ANSWERS.filter((answer) => offerUnsure || answer !== 'unsure').map((answer) => ({ title: title(answer), data: { answer, ...data } }));
}

/** Which reply this is, by id (`flow.step`, or a message id of messages.yaml), for clients, tests and logs. */
export interface ReplyIds {
  readonly replyId: string;
  /** The red-flag question asked, for prompts of a knowledge question. */
  readonly questionId?: string;
  /** The red-flag questions of a combined check ("Is any of these happening now?"). */
  readonly questionIds?: readonly string[];
}

/** Where a prompt goes: card buttons where suggested actions are not shown (Teams group chats). */
export interface PromptTarget {
  readonly useCardButtons: boolean;
}

/**
 * A question with its replies as suggested actions (imBack: the button sends its title as text), or,
 * where suggested actions are not shown, as `Action.Submit` buttons on a small Adaptive Card.
 */
export function promptActivity(text: string, buttons: readonly PromptButton[], target: PromptTarget, ids: ReplyIds): Partial<Activity> {
  const channelData = { ...ids };
  if (target.useCardButtons) {
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      body: [{ type: 'TextBlock', text, wrap: true }],
      actions: buttons.map((b) => ({ type: 'Action.Submit', title: b.title, data: { ...b.data } })),
    };
    // The card carries the text: channels that draw both show the card alone (see renderOncePerChannel, web/page.js).
    return { type: ActivityTypes.Message, text, attachments: [CardFactory.adaptiveCard(card)], inputHint: InputHints.ExpectingInput, channelData: { ...channelData, cardCarriesText: true } };
  }
  const actions: CardAction[] = buttons.map((b) => ({ type: ActionTypes.ImBack, title: b.title, value: b.title }));
  return { type: ActivityTypes.Message, text, suggestedActions: { actions, to: [] }, inputHint: InputHints.ExpectingInput, channelData };
}

/** A plain message, tagged with its reply id. */
export function textActivity(text: string, replyId: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, inputHint: InputHints.AcceptingInput, channelData: { replyId } };
}
