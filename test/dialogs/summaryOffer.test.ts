import type { Activity } from 'botbuilder';
import { Conversation, actionsOf, replyIds } from './support/conversation';

const words = (text: string | undefined) => (text ?? '').split(/\s+/).filter((w) => w !== '').length;

/** Self-care advice for nausea ("no" to both red-flag questions): the advice card, then the offer. */
async function offered(): Promise<{ conversation: Conversation; offer: Partial<Activity> | undefined }> {
  const conversation = new Conversation();
  await conversation.send('I feel nauseous');
  await conversation.send('no');
  const replies = await conversation.send('no');
  expect(replyIds(replies)).toEqual(['triage.advice', 'wrap_up.offer_summary']);
  return { conversation, offer: replies.at(-1) };
}

describe('the summary offer after the advice', () => {
  it('is a short question on the same message as its buttons, so it reads on its own after a long card', async () => {
    const { offer } = await offered();
    expect(actionsOf(offer).length).toBeGreaterThan(0);
    expect(words(offer?.text)).toBeLessThanOrEqual(10);
  });
});
