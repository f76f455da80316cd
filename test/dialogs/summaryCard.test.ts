import type { Activity, Attachment } from 'botbuilder';
import type { Voice } from '../../src/dialogs';
import { newCase } from '../../src/bot/sessionState';
import { clientClockOf, summaryActivity } from '../../src/bot/summaryCard';
import { Wording } from '../../src/dialogs/wording';
import { createTriageEngine } from '../../src/triage';
import { CONTACTS, Conversation, replyIds } from './support/conversation';

interface CardBlock {
  readonly type: string;
  readonly text?: string;
  readonly size?: string;
  readonly isSubtle?: boolean;
  readonly facts?: ReadonlyArray<{ readonly title: string; readonly value: string }>;
}
interface Card {
  readonly body: readonly CardBlock[];
}

const NOW = new Date('2026-11-28T10:30:00Z');
const cardOf = (reply: Partial<Activity>): Card => {
  const attachment = (reply.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (attachment === undefined) throw new Error('no Adaptive Card');
  return attachment.content as Card;
};

/** The summary of a nausea conversation, built directly, as if the person's message said `incoming`. */
function summary(voice: Voice, incoming?: unknown): { reply: Partial<Activity>; card: Card; conversation: Conversation } {
  const conversation = new Conversation();
  const { knowledge, dialogs } = conversation;
  const engine = createTriageEngine(knowledge);
  const caseState = { ...newCase(), reported: engine.analyse('I feel nauseous'), advice: ['self_care_general'] };
  const result = engine.decide([caseState.reported], {});
  const wording = new Wording(dialogs.messages, { ...CONTACTS });
  const reply = summaryActivity({ result, caseState, voice, now: NOW, incoming, wording, knowledge, dialogs, replyId: 'wrap_up.summary' });
  return { reply, card: cardOf(reply), conversation };
}

/** The value of the summary's time fact. */
function timeShown(voice: Voice, incoming?: unknown): string {
  const { card, conversation } = summary(voice, incoming);
  const title = conversation.dialogs.messages.labels.summary_time[voice];
  const fact = card.body.flatMap((b) => b.facts ?? []).find((f) => f.title === title);
  if (fact === undefined) throw new Error('no time fact');
  return fact.value;
}

describe("the summary's time: on the person's clock when their app says, else UTC said so", () => {
  it.each([
    ['a time zone (Web Chat)', { localTimezone: 'America/New_York', localTimestamp: new Date(NOW) }, '05:30', '28'],
    ['an offset only, as sent (Emulator)', { localTimestamp: '2026-11-28T11:30:00.000+01:00' }, '11:30', '28'],
    ['an offset only, kept by botbuilder in rawLocalTimestamp', { localTimestamp: new Date(NOW), rawLocalTimestamp: '2026-11-28T16:00:00.000+05:30' }, '16:00', '28'],
    ['an unknown time zone, with an offset', { localTimezone: 'Mars/Olympus_Mons', localTimestamp: '2026-11-28T08:30:00-02:00' }, '08:30', '28'],
  ])('%s', (_name, incoming, time, day) => {
    for (const voice of ['patient', 'staff'] as const) {
      const shown = timeShown(voice, incoming);
      expect(shown).toContain(time);
      expect(shown).toContain('2026');
      expect(shown).not.toMatch(/UTC|T\d\d:/);
      // The date in words, not an ISO date.
      expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(shown).toMatch(new RegExp(`\\b${day}\\b`));
    }
  });

  it('across the date line: Kiritimati (UTC+14) is already on the 29th', () => {
    const shown = timeShown('patient', { localTimezone: 'Pacific/Kiritimati' });
    expect(shown).toContain('00:30');
    expect(shown).toMatch(/\b29\b/);
    expect(shown).not.toContain('UTC');
  });

  it.each([
    ['nothing sent', undefined],
    ['not an object', 'Europe/London'],
    ['a time in UTC ("Z" says nothing of the clock)', { localTimestamp: '2026-11-28T10:30:00.000Z' }],
    ['an unknown time zone and no offset', { localTimezone: 'Europe/Atlantis' }],
    ['fields of the wrong type', { localTimezone: 42, rawLocalTimestamp: {} }],
    ['an offset beyond any clock', { localTimestamp: '2026-11-28T10:30:00+23:00' }],
  ])('%s: UTC, and it says so', (_name, incoming) => {
    for (const voice of ['patient', 'staff'] as const) {
      const shown = timeShown(voice, incoming);
      expect(shown).toContain('10:30');
      expect(shown).toContain('UTC');
      expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('clientClockOf prefers the time zone, then the offset', () => {
    expect(clientClockOf({ localTimezone: 'Europe/Paris', localTimestamp: '2026-11-28T11:30:00+01:00' })).toEqual({ timeZone: 'Europe/Paris' });
    expect(clientClockOf({ localTimestamp: '2026-11-28T05:30:00-05:00' })).toEqual({ offsetMinutes: -300 });
    expect(clientClockOf({ localTimestamp: '2026-11-28T16:00:00+0530' })).toEqual({ offsetMinutes: 330 });
    expect(clientClockOf(null)).toBeUndefined();
  });
});

describe("the summary's content version: labelled for what it is for, last and small", () => {
  it.each<Voice>(['patient', 'staff'])('%s voice', (voice) => {
    const { card, reply, conversation } = summary(voice);
    const { labels } = conversation.dialogs.messages;
    const version = String((reply.channelData as { summary: { contentVersion: string } }).summary.contentVersion);
    const last = card.body.at(-1);
    expect(last).toMatchObject({ type: 'TextBlock', size: 'Small', isSubtle: true });
    expect(last?.text?.startsWith(`${labels.summary_version[voice]}: `)).toBe(true);
    expect(last?.text).toContain(version);
    // Not among the facts at the top, and the same last line in the plain text.
    expect(card.body.flatMap((b) => b.facts ?? []).some((f) => f.value.includes(version))).toBe(false);
    expect(reply.text?.split('\n\n').at(-1)).toBe(last?.text);
  });

  it('the patient label is not the bare word "version"', () => {
    const { conversation } = summary('patient');
    expect(conversation.dialogs.messages.labels.summary_version.patient).not.toMatch(/^\w+ version$/i);
  });
});

describe('the summary in a conversation', () => {
  async function askForSummary(yes: Partial<Activity>): Promise<Partial<Activity>[]> {
    const conversation = new Conversation();
    await conversation.send('I feel nauseous');
    await conversation.send('no');
    await conversation.send('no');
    const replies = await conversation.send(yes);
    expect(replyIds(replies)).toEqual(['wrap_up.summary', 'wrap_up.anything_else']);
    return replies;
  }

  it('without a clock from the channel: UTC, said so', async () => {
    const [reply] = await askForSummary({ text: 'yes' });
    // The Emulator shows the card alone: its plain text is in `summary`.
    expect(reply?.summary).toMatch(/10:30 UTC/);
  });

  it("with the channel's time zone: the person's local time", async () => {
    const [reply] = await askForSummary({ text: 'yes', localTimezone: 'America/New_York' });
    expect(reply?.summary).toContain('05:30');
    expect(reply?.summary).not.toContain('UTC');
  });
});
