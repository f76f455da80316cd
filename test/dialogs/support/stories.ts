import type { Activity } from 'botbuilder';
import type { TriageChannelData } from '../../../src/bot';
import { Conversation, actionsOf, questionOf, replyIds, textOf, triageOf, type ConversationOptions } from './conversation';

/** What a turn must produce. Ids and levels, not wording. */
export interface Expect {
  /** The reply ids of the turn, exactly and in order. */
  readonly replies?: readonly string[];
  /** The red-flag question the turn ends by asking. */
  readonly asks?: string;
  /** `channelData.triage` of the turn (a subset; `findings` must all be present). */
  readonly triage?: Partial<Omit<TriageChannelData, 'findings'>> & { readonly findings?: readonly string[] };
  /** Text that must appear (numbers from settings, not wording). */
  readonly says?: readonly string[];
  /** Suggested action titles of the last reply. */
  readonly actions?: readonly string[];
}

export interface Turn {
  readonly user: string | Partial<Activity>;
  readonly expect: Expect;
}

/** A conversation test as data, like a Rasa test story. */
export interface Story {
  readonly name: string;
  readonly turns: readonly Turn[];
  readonly options?: ConversationOptions;
}

/** Checks one turn's replies against what was expected; the message names the turn. */
export function checkTurn(replies: readonly Partial<Activity>[], expected: Expect, label: string): void {
  const ids = replyIds(replies);
  const seen = `${label}: replies ${JSON.stringify(ids)}`;
  if (expected.replies !== undefined) expect({ turn: label, replies: ids }).toEqual({ turn: label, replies: expected.replies });
  if (expected.asks !== undefined) expect({ turn: label, asks: questionOf(replies.at(-1)) }).toEqual({ turn: label, asks: expected.asks });
  if (expected.triage !== undefined) {
    const triage = triageOf(replies);
    if (triage === undefined) throw new Error(`${seen}: no channelData.triage`);
    const { findings, ...rest } = expected.triage;
    expect({ turn: label, ...triage }).toMatchObject({ turn: label, ...rest });
    if (findings !== undefined) expect({ turn: label, findings: triage.findings }).toEqual({ turn: label, findings: expect.arrayContaining([...findings]) });
  }
  for (const text of expected.says ?? []) {
    if (!textOf(replies).includes(text)) throw new Error(`${seen}: expected the text to include "${text}", got:\n${textOf(replies)}`);
  }
  if (expected.actions !== undefined) expect({ turn: label, actions: actionsOf(replies.at(-1)) }).toEqual({ turn: label, actions: expected.actions });
}

/** Runs a story turn by turn on a fresh conversation. */
export async function runStory(story: Story): Promise<Conversation> {
  const conversation = new Conversation(story.options);
  for (const [i, turn] of story.turns.entries()) {
    const replies = await conversation.send(turn.user);
    checkTurn(replies, turn.expect, `turn ${i + 1} (${typeof turn.user === 'string' ? JSON.stringify(turn.user) : turn.user.type})`);
  }
  return conversation;
}
