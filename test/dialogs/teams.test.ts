import type { Activity, Attachment } from 'botbuilder';
import { parseDialogs } from '../../src/dialogs/loadDialogs';
import { Conversation, actionsOf, questionOf, replyIds, triageOf } from './support/conversation';
import { editDialogSource } from './support/dialogSources';
import { tinyBotKnowledge } from './support/tinyKnowledge';

const MENTION = '<at>Triage bot</at>';
const mention = (text: string): Partial<Activity> => ({
  text: `${MENTION} ${text}`,
  entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Triage bot' }, text: MENTION }],
});

interface Card {
  version: string;
  body: Array<{ type: string; text?: string; weight?: string; color?: string }>;
  actions?: Array<{ type: string; title: string; data: Record<string, string> }>;
}
const cardsOf = (replies: readonly Partial<Activity>[]): Card[] =>
  replies.flatMap((r) => (r.attachments ?? []).filter((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as Card));

/** What Teams requires of every message the bot sends. */
function expectTeamsFriendly(replies: readonly Partial<Activity>[]): void {
  for (const reply of replies) {
    expect(reply.suggestedActions?.actions.length ?? 0).toBeLessThanOrEqual(3);
    if ((reply.attachments?.length ?? 0) > 0) expect(reply.suggestedActions).toBeUndefined();
  }
  for (const card of cardsOf(replies)) expect(Number(card.version)).toBeLessThanOrEqual(1.5);
}

describe('Teams', () => {
  it('strips the @mention of the bot before reading the message', async () => {
    const teams = new Conversation({ channelId: 'msteams', conversationType: 'groupChat', isGroup: true });
    expect(questionOf((await teams.send(mention('I feel nauseous'))).at(-1))).toBe('ask_breathing');
    expect(replyIds(await teams.send(mention('help')))).toEqual(['help', 'triage.screen']);
    expect(triageOf(await teams.send(mention("he can't breathe")))?.level).toBe('emergency');
  });

  it('a whole conversation keeps to Teams rules: at most three suggested actions, none beside a card, cards at 1.5', async () => {
    const teams = new Conversation({ channelId: 'msteams', conversationType: 'personal' });
    const turns = ["I think I'm in withdrawal", 'Ran out', 'no', 'yes', 'I feel nauseous', 'no', 'no', "he can't breathe"];
    const all: Partial<Activity>[] = [];
    for (const turn of turns) all.push(...(await teams.send(turn)));
    expectTeamsFriendly(all);
    expect(all.some((r) => (r.suggestedActions?.actions.length ?? 0) === 3)).toBe(true);
  });

  it('the disposition card: the level as a bold heading, in the attention colour for an emergency', async () => {
    const teams = new Conversation({ channelId: 'msteams' });
    const [card] = cardsOf(await teams.send("I can't breathe"));
    expect(card?.version).toBe('1.5');
    expect(card?.body[0]).toMatchObject({ type: 'TextBlock', weight: 'Bolder', color: 'Attention' });
  });

  it('in a group chat, where suggested actions do not show, yes/no are card buttons that submit the answer', async () => {
    const teams = new Conversation({ channelId: 'msteams', conversationType: 'groupChat', isGroup: true });
    const replies = await teams.send(mention('I feel nauseous'));
    expect(replies.at(-1)?.suggestedActions).toBeUndefined();
    const [card] = cardsOf(replies);
    expect(card?.actions?.map((a) => a.data)).toEqual([
      { answer: 'yes', question: 'ask_breathing' },
      { answer: 'no', question: 'ask_breathing' },
      { answer: 'unsure', question: 'ask_breathing' },
    ]);
    // Teams sends Action.Submit data as a message with a value and no text.
    expect(questionOf((await teams.send({ text: undefined, value: card?.actions?.[1]?.data })).at(-1))).toBe('ask_hallucinations');
  });

  it('a choice of more than three is shown as card buttons, not cut to three', async () => {
    const knowledge = tinyBotKnowledge();
    const dialogs = parseDialogs(
      editDialogSource('flows/withdrawal.yaml', (d) => {
        const step = (d['steps'] as Array<Record<string, { choices: unknown[] }>>)[0];
        step?.['ask_choice']?.choices.push({ id: 'other', label: { patient: 'Something else', staff: 'Something else' } });
      }),
      knowledge,
    );
    const teams = new Conversation({ channelId: 'msteams', knowledge, dialogs });
    const replies = await teams.send("I think I'm in withdrawal");
    expectTeamsFriendly(replies);
    const [card] = cardsOf(replies);
    expect(card?.actions?.map((a) => a.data['choice'])).toEqual(['stopped', 'ran_out', 'pump', 'other']);
    expect(questionOf((await teams.send({ text: undefined, value: { choice: 'pump', step: 'which' } })).at(-1))).toBe('ask_fever');
  });

  it('the same choice elsewhere stays as suggested actions', async () => {
    const emulator = new Conversation();
    expect(actionsOf((await emulator.send("I think I'm in withdrawal")).at(-1))).toHaveLength(3);
  });
});

describe('Teams shows text and card one under the other, so a card message has no text', () => {
  const cardReplies = (replies: readonly Partial<Activity>[]) => replies.filter((r) => cardsOf([r]).length > 0);

  it('a disposition: the plain text moves to summary (notifications); the card and speak stay', async () => {
    const replies = await new Conversation({ channelId: 'msteams' }).send("I can't breathe");
    const [disposition] = cardReplies(replies);
    expect(disposition?.channelData).toMatchObject({ replyId: 'emergency.advice' });
    expect(disposition?.text).toBeUndefined();
    expect(disposition?.summary).toContain('112');
    expect(disposition?.speak).toContain('112');
  });

  it('the summary for the doctor: the same', async () => {
    const teams = new Conversation({ channelId: 'msteams' });
    await teams.send('he is hallucinating');
    const replies = await teams.send('yes');
    expect(replyIds(replies)).toEqual(['wrap_up.summary', 'wrap_up.anything_else']);
    const [summary] = cardReplies(replies);
    expect(summary?.text).toBeUndefined();
    expect(summary?.summary?.length).toBeGreaterThan(0);
    // A plain message beside it keeps its text.
    expect(replies[1]?.text?.length).toBeGreaterThan(0);
  });

  it('a question with card buttons in a group chat: the same', async () => {
    const teams = new Conversation({ channelId: 'msteams', conversationType: 'groupChat', isGroup: true });
    const [prompt] = cardReplies(await teams.send(mention('I feel nauseous')));
    expect(prompt?.text).toBeUndefined();
    expect(prompt?.summary?.length).toBeGreaterThan(0);
  });

  it('a question with suggested actions in a personal chat keeps its text', async () => {
    const replies = await new Conversation({ channelId: 'msteams' }).send('I feel nauseous');
    expect(replies.at(-1)?.text?.length).toBeGreaterThan(0);
    expect(replies.at(-1)?.summary).toBeUndefined();
  });

  it.each(['webchat', 'directline'])('on %s a disposition keeps its text (the web chat page hides it itself)', async (channelId) => {
    const [disposition] = await new Conversation({ channelId }).send("I can't breathe");
    expect(disposition?.text).toContain('112');
    expect(disposition?.summary).toBeUndefined();
  });

  it('the Emulator, which also draws text and card one under the other, shows the advice once: the card, its text in summary', async () => {
    const [disposition] = await new Conversation({ channelId: 'emulator' }).send("I can't breathe");
    expect(disposition?.text).toBeUndefined();
    expect(disposition?.summary).toContain('112');
    expect(disposition?.attachments).toHaveLength(1);
  });
});

describe('staff mode in Teams', () => {
  const teams = (userId: string, aadObjectId?: string) => {
    const conversation = new Conversation({ channelId: 'msteams', localMode: false, staffUserIds: ['29:staff-user', 'aad-staff'], userId });
    return (text: string) => conversation.send({ text, from: { id: userId, name: 'Someone', ...(aadObjectId ? { aadObjectId } : {}) } });
  };

  it('is refused to a user who is not on the list', async () => {
    expect(replyIds(await teams('29:someone-else')('staff mode'))).toEqual(['staff_mode_refused']);
  });

  it('is allowed to a listed user, by Teams id or by Entra object id', async () => {
    expect(replyIds(await teams('29:staff-user')('staff mode'))).toEqual(['staff_mode_on']);
    expect(replyIds(await teams('29:other-id', 'aad-staff')('staff mode'))).toEqual(['staff_mode_on']);
  });
});
