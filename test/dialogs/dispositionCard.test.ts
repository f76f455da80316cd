import type { Activity, Attachment } from 'botbuilder';
import { DEFAULT_DIALOGS_DIR, loadDialogs, type Voice } from '../../src/dialogs';
import { callButtons, firstScreen, FIRST_SCREEN_WORDS, telUrl, wordCount } from '../../src/bot/dispositionCard';
import { Wording } from '../../src/dialogs/wording';
import { DEFAULT_CONTACTS, loadKnowledge, type Contacts } from '../../src/triage';
import { CONTACTS, Conversation, replyIds, textOf } from './support/conversation';
import { TINY_BOT_KNOWLEDGE, tinyBotKnowledge } from './support/tinyKnowledge';

interface CardAction {
  readonly type: string;
  readonly title?: string;
  readonly url?: string;
}
interface CardBlock {
  readonly type: string;
  readonly text?: string;
  readonly style?: string;
  readonly size?: string;
  readonly actions?: readonly CardAction[];
}
interface Card {
  readonly version: string;
  readonly body: readonly CardBlock[];
  readonly actions?: readonly CardAction[];
}

const dispositionOf = (replies: readonly Partial<Activity>[]): Partial<Activity> => {
  const found = replies.find((r) => (r.channelData as { triage?: unknown; dispositionId?: string } | undefined)?.dispositionId !== undefined);
  if (found === undefined) throw new Error(`no disposition in ${JSON.stringify(replyIds(replies))}`);
  return found;
};
const cardOf = (reply: Partial<Activity>): Card => {
  const attachment = (reply.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (attachment === undefined) throw new Error('no Adaptive Card');
  return attachment.content as Card;
};
const headings = (card: Card) => card.body.filter((b) => b.style === 'heading');
/** Every action on the card, wherever it sits. */
const actionsOf = (card: Card) => [...card.body.flatMap((b) => b.actions ?? []), ...(card.actions ?? [])];
const callsOf = (card: Card) => actionsOf(card).filter((a) => a.type === 'Action.OpenUrl' && a.url?.startsWith('tel:') === true);

/** The tiny knowledge, with main lines that name the numbers as the shipped ones do. */
const knowledge = tinyBotKnowledge({
  'advice.yaml': TINY_BOT_KNOWLEDGE['advice.yaml']
    .replace(/patient: "(emergency_\w+) heading"/g, 'patient: "$1: call {emergency_number} now."')
    .replace('patient: "urgent_overdose heading"', 'patient: "Call poison control on {poison_control_number} now."'),
});
const conversationWithNumbers = () => new Conversation({ knowledge });

async function advice(messages: readonly string[], voice: Voice = 'patient'): Promise<{ conversation: Conversation; card: Card; reply: Partial<Activity> }> {
  const conversation = conversationWithNumbers();
  if (voice === 'staff') await conversation.send('staff mode');
  let replies: Partial<Activity>[] = [];
  for (const message of messages) replies = await conversation.send(message);
  const reply = dispositionOf(replies);
  return { conversation, card: cardOf(reply), reply };
}

const NAUSEA = ['I feel nauseous', 'no', 'no'];

describe('the disposition card: one top heading, the main line', () => {
  it.each<Voice>(['patient', 'staff'])('%s voice: the level as a small label, the main line as the heading, section headings a size below it', async (voice) => {
    const { conversation, card } = await advice(NAUSEA, voice);
    const { labels, levels } = conversation.dialogs.messages;
    const disposition = conversation.knowledge.dispositions.get('self_care_general');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: `\u2705 ${levels['self-care'][voice]}` });
    expect(card.body[0]?.style).toBeUndefined();
    const [top, ...sections] = headings(card);
    expect(top).toBe(card.body[1]);
    expect(top).toMatchObject({ type: 'TextBlock', text: disposition?.heading[voice], size: 'Large' });
    expect(sections.map((s) => s.text)).toEqual([labels.what_to_do_now[voice], labels.why[voice], labels.safety_net[voice]]);
    for (const section of sections) expect(section.size).toBe('Medium');
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
  });

  it('speaks the level and the main line as sentences, without doubled full stops', async () => {
    const { card, reply } = await advice(['he collapsed']);
    const speak = String((card as unknown as { speak?: string }).speak);
    expect(speak).toBe(reply.speak);
    expect(speak).not.toMatch(/\.\s*\./);
  });
});

describe('tap-to-call buttons', () => {
  it('emergency: a button under the main line that calls the emergency number; the text keeps the number as text', async () => {
    const { card, reply } = await advice(['he collapsed']);
    expect(callsOf(card)).toEqual([expect.objectContaining({ url: `tel:${CONTACTS.emergency_number}`, title: expect.stringContaining(CONTACTS.emergency_number) })]);
    // Right under the main line, not at the end of a long card.
    expect(card.body[2]).toMatchObject({ type: 'ActionSet' });
    expect(reply.summary ?? reply.text).toContain(CONTACTS.emergency_number);
    expect(reply.summary ?? reply.text).not.toContain('tel:');
  });

  it('self-harm beside an emergency: the emergency number first, then the crisis line (digits only)', async () => {
    const { card } = await advice(['he collapsed and I want to end my life']);
    expect(callsOf(card).map((a) => a.url)).toEqual([`tel:${CONTACTS.emergency_number}`, 'tel:116123']);
  });

  it('a number with letters in it gets no button (no guessed link), only its text', async () => {
    const conversation = conversationWithNumbers();
    await conversation.send('he took too many tablets by mistake');
    const reply = dispositionOf(await conversation.send('no'));
    expect((reply.channelData as { triage: { level: string; category: string } }).triage).toMatchObject({ level: 'urgent', category: 'overdose' });
    expect(callsOf(cardOf(reply))).toEqual([]);
    expect(reply.summary ?? reply.text).toContain(CONTACTS.poison_control_number);
  });

  it.each([
    ['self-care', NAUSEA],
    ['urgent, not about a number', ['he is hallucinating']],
  ])('%s: no button', async (_name, messages) => {
    const { card } = await advice(messages);
    expect(actionsOf(card)).toEqual([]);
    expect(card.body.some((b) => b.type === 'ActionSet')).toBe(false);
  });

  it('staff voice: no button (staff read the number out; a button would dial from the helpline)', async () => {
    const { card, reply } = await advice(['he collapsed'], 'staff');
    expect(actionsOf(card)).toEqual([]);
    expect(textOf([reply])).toContain(CONTACTS.emergency_number);
  });
});

describe('callButtons and telUrl', () => {
  const shipped = loadKnowledge();
  const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, shipped);
  const wordingWith = (contacts: Contacts) => new Wording(dialogs.messages, contacts);

  it.each([
    ['911', 'tel:911'],
    ['1-800-222-1222', 'tel:18002221222'],
    ['+44 (0)20 7946 0000', 'tel:+442079460000'],
    ['(555) 123-4567', 'tel:5551234567'],
    ['+44 20 7946.0000', 'tel:+442079460000'],
    ['0800-POISON', undefined],
    ['text HOME to 741741', undefined],
    ['', undefined],
  ])('telUrl(%j) is %j', (number, url) => {
    expect(telUrl(number)).toBe(url);
  });

  it('with the shipped content and numbers: every emergency calls the emergency number, self-harm the crisis line, urgent overdose poison control', () => {
    const wording = wordingWith(DEFAULT_CONTACTS);
    const urls = (id: string) => {
      const d = shipped.dispositions.get(id);
      if (d === undefined) throw new Error(`no disposition ${id}`);
      return callButtons(wording.text(d.heading, 'patient'), [], { voice: 'patient', wording }).map((b) => b.url);
    };
    for (const d of shipped.dispositions.values()) {
      const expected = [
        ...(d.level === 'emergency' ? ['tel:911'] : []),
        ...(d.level === 'urgent' && d.category === 'overdose' ? ['tel:18002221222'] : []),
        ...(d.category === 'self_harm' ? ['tel:988'] : []),
      ];
      expect({ id: d.id, urls: urls(d.id) }).toEqual({ id: d.id, urls: expected });
    }
  });

  it('an also line adds its number: too much baclofen beside other urgent advice gets poison control', () => {
    const wording = wordingWith(DEFAULT_CONTACTS);
    const also = wording.also('overdose', 'patient');
    if (also === undefined) throw new Error('messages.yaml has no also line for overdose');
    const buttons = callButtons('Please get medical help today.', [also], { voice: 'patient', wording });
    expect(buttons).toEqual([{ number: DEFAULT_CONTACTS.poison_control_number, url: 'tel:18002221222', title: expect.stringContaining(DEFAULT_CONTACTS.poison_control_number) }]);
  });

  it('a number only inside a longer number is not named', () => {
    const wording = wordingWith({ ...DEFAULT_CONTACTS, emergency_number: '112' });
    expect(callButtons('Call 0800 1120 999 for advice.', [], { voice: 'patient', wording })).toEqual([]);
  });
});

describe('the first screen of the advice', () => {
  const sentence = (n: number, word: string) => `${Array.from({ length: n }, () => word).join(' ')}.`;

  it('keeps short advice whole', () => {
    expect(firstScreen('Call now.', 'Do this. Then that.', [])).toEqual({ shown: ['Do this. Then that.'], more: [] });
  });

  it(`shows sentences in order while the main line and what is shown stay within ${FIRST_SCREEN_WORDS} words; the rest is behind "More"`, () => {
    const doNow = [sentence(20, 'first'), sentence(20, 'second'), sentence(20, 'third'), sentence(2, 'fourth')].join(' ');
    const { shown, more } = firstScreen('Call the number now.', doNow, []);
    expect(shown).toEqual([`${sentence(20, 'first')} ${sentence(20, 'second')}`]);
    // Never a later sentence before an earlier one: the short fourth waits behind the third.
    expect(more).toEqual([`${sentence(20, 'third')} ${sentence(2, 'fourth')}`]);
    expect(wordCount(['Call the number now.', ...shown].join(' '))).toBeLessThanOrEqual(FIRST_SCREEN_WORDS);
  });

  it('always shows the first sentence, and every other number to call, whatever their length', () => {
    const also = ['Also call Poison Control on 0800 123 456.'];
    const { shown, more } = firstScreen('Call now.', `${sentence(70, 'long')} Short one.`, also);
    expect(shown).toEqual([sentence(70, 'long'), ...also]);
    expect(more).toEqual(['Short one.']);
  });
});
