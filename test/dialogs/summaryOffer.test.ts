import type { Activity } from 'botbuilder';
import { parseDialogs } from '../../src/dialogs/loadDialogs';
import { yesNoButtons } from '../../src/bot/prompts';
import { ContentError } from '../../src/triage';
import { Conversation, actionsOf, questionOf, replyIds, triageOf } from './support/conversation';
import { editDialogSource } from './support/dialogSources';
import { tinyBotKnowledge } from './support/tinyKnowledge';

type Data = Record<string, unknown>;

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

describe('offer_unsure: "Not sure" fits a question, not an offer', () => {
  it('the summary offer turns it off; a flow prompt offers it unless told not to', () => {
    const { dialogs } = new Conversation();
    const offer = dialogs.flows.get('wrap_up')?.steps.find((s) => s.id === 'offer_summary');
    expect(offer).toMatchObject({ kind: 'ask_yes_no', ask: { offer_unsure: false } });
    const parsed = parseDialogs(
      editDialogSource('flows/wrap_up.yaml', (d) => void delete ((d['steps'] as Data[])[0]?.['ask_yes_no'] as Data)['offer_unsure']),
      tinyBotKnowledge(),
    );
    expect(parsed.flows.get('wrap_up')?.steps[0]).toMatchObject({ kind: 'ask_yes_no', ask: { offer_unsure: true } });
  });

  it('a red-flag question cannot turn it off', () => {
    const sources = editDialogSource('flows/triage.yaml', (d) => {
      const step = (d['steps'] as Data[]).find((s) => s['ask_yes_no'] !== undefined || s['screen'] !== undefined);
      if (step === undefined) throw new Error('no question step in triage.yaml');
      delete step['screen'];
      step['ask_yes_no'] = { question: 'ask_breathing', offer_unsure: false };
    });
    let problems: ContentError['problems'] = [];
    try {
      parseDialogs(sources, tinyBotKnowledge());
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      problems = (error as ContentError).problems;
    }
    expect(problems).toEqual([expect.objectContaining({ file: 'dialogs/flows/triage.yaml', path: expect.stringMatching(/ask_yes_no$/), message: expect.stringContaining('offer_unsure') })]);
  });

  it('yesNoButtons: Yes, No and Not sure, or Yes and No, each submitting its answer', () => {
    const title = (answer: string) => answer.toUpperCase();
    expect(yesNoButtons(title, { step: 'offer_summary' }).map((b) => b.data)).toEqual([
      { answer: 'yes', step: 'offer_summary' },
      { answer: 'no', step: 'offer_summary' },
      { answer: 'unsure', step: 'offer_summary' },
    ]);
    expect(yesNoButtons(title, { step: 'offer_summary' }, false).map((b) => b.title)).toEqual(['YES', 'NO']);
  });

  it('typed "not sure" to the offer counts as no: no summary, and nothing more about it', async () => {
    const { conversation } = await offered();
    expect(replyIds(await conversation.send('not sure'))).toEqual(['wrap_up.anything_else']);
  });

  it('"yes" to the offer still gives the summary', async () => {
    const { conversation } = await offered();
    expect(replyIds(await conversation.send('yes'))).toEqual(['wrap_up.summary', 'wrap_up.anything_else']);
  });

  it('a red-flag question keeps "Not sure", and "not sure" there counts as yes', async () => {
    const conversation = new Conversation();
    const asked = await conversation.send('I feel nauseous');
    expect(questionOf(asked.at(-1))).toBe('ask_breathing');
    expect(actionsOf(asked.at(-1))).toHaveLength(3);
    const replies = await conversation.send('not sure');
    expect(triageOf(replies)?.level).toBe('emergency');
    expect(triageOf(replies)?.findings).toContain('breathing_difficulty');
  });

  it('the offer shows Yes and No only', async () => {
    const { offer } = await offered();
    expect(actionsOf(offer)).toHaveLength(2);
  });
});

