import type { Activity } from 'botbuilder';
import type { TriageChannelData } from '../../../src/bot';
import { questionOf, triageOf, type Conversation } from './conversation';

/**
 * How the in-process caller answers what the bot asks (typed text, no buttons pressed): "No" to a red-flag
 * question (`channelData.questionId`), to a combined check of several (`questionIds`) or to the summary offer (`wrap_up.offer_summary`), the first
 * suggested action's value to any other choice, "I don't know" to an open question.
 */
function replyTo(last: Partial<Activity> | undefined): string | undefined {
  if (last === undefined) return undefined;
  const replyId = String((last.channelData as { replyId?: string } | undefined)?.replyId ?? '');
  const combined = (last.channelData as { questionIds?: unknown } | undefined)?.questionIds !== undefined;
  if (questionOf(last) !== undefined || combined || replyId === 'wrap_up.offer_summary') return 'No';
  const choices = last.suggestedActions?.actions ?? [];
  if (choices.length > 0) return String(choices[0]?.value);
  if (last.inputHint === 'expectingInput') return "I don't know";
  return undefined;
}

/**
 * Sends each message in turn, then answers whatever the bot asks until it stops asking; returns
 * the last `channelData.triage` the bot sent.
 */
export async function converse(conversation: Conversation, messages: readonly string[]): Promise<TriageChannelData | undefined> {
  let triage: TriageChannelData | undefined;
  let replies: Partial<Activity>[] = [];
  for (const message of messages) {
    replies = await conversation.send(message);
    triage = triageOf(replies) ?? triage;
  }
  for (let i = 0; i < 20; i++) {
    const answer = replyTo(replies.at(-1));
    if (answer === undefined) return triage;
    replies = await conversation.send(answer);
    triage = triageOf(replies) ?? triage;
  }
  throw new Error('converse: the bot kept asking for 20 turns');
}
