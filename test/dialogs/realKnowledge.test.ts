import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs';
import { dispositionActivity } from '../../src/bot/dispositionCard';
import { Wording } from '../../src/dialogs/wording';
import { createTriageEngine, DEFAULT_CONTACTS, loadKnowledge } from '../../src/triage';
import { parseVignettes } from '../../src/triage/vignettes';
import { converse } from './support/autoAnswer';
import { CONTACTS, Conversation, replyIds, textOf, triageOf } from './support/conversation';

/** The shipped knowledge and dialogs together: the numbers reach the person, the decision is the core's. */
const knowledge = loadKnowledge();
const engine = createTriageEngine(knowledge);
const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
const withShippedContent = () => new Conversation({ knowledge, engine, dialogs });

describe('with the shipped knowledge base', () => {
  it('an emergency gets the emergency advice at once, with the emergency number', async () => {
    const replies = await withShippedContent().send('my husband just collapsed');
    expect(replyIds(replies)).toEqual(['emergency.advice']);
    expect(triageOf(replies)).toMatchObject({ level: 'emergency', findings: ['unresponsive'], contentVersion: knowledge.version });
    expect(textOf(replies)).toContain(CONTACTS.emergency_number);
  });

  it('an emergency in the middle of another dialog', async () => {
    const conversation = withShippedContent();
    expect(replyIds(await conversation.send('I feel a bit dizzy'))).toEqual(['triage.screen']);
    const replies = await conversation.send('my husband just collapsed');
    expect(replyIds(replies)).toEqual(['emergency.advice']);
    expect(triageOf(replies)?.level).toBe('emergency');
  });

  it('urgent overdose text includes the poison-control number', async () => {
    const triage = await converse(withShippedContent(), ['I took a double dose of my baclofen']);
    expect(triage).toMatchObject({ level: 'urgent', category: 'overdose' });
    const conversation = withShippedContent();
    await conversation.send('I took a double dose of my baclofen');
    await conversation.send('two tablets at 9 this morning');
    let replies = await conversation.send('no');
    while (triageOf(replies) === undefined) replies = await conversation.send('no');
    expect(textOf(replies)).toContain(CONTACTS.poison_control_number);
  });

  it('self-harm text includes the crisis line and the emergency number', async () => {
    const replies = await withShippedContent().send('I want to kill myself');
    expect(triageOf(replies)).toMatchObject({ level: 'emergency', category: 'self_harm' });
    expect(textOf(replies)).toContain(CONTACTS.crisis_line);
    expect(textOf(replies)).toContain(CONTACTS.emergency_number);
  });

  it.each([
    ['self-harm beside chest pain', ['I have chest pain and I want to kill myself'], CONTACTS.crisis_line],
    ['an overdose on purpose with a seizure', ['he took too many tablets on purpose and now he is having a seizure'], CONTACTS.crisis_line],
    ['a double dose after a missed pump refill', ['his pump missed its refill', 'I took a double dose'], CONTACTS.poison_control_number],
  ])('%s: the advice shown is about something else, and still gives %s', async (_name, messages, number) => {
    const conversation = withShippedContent();
    let text = '';
    for (const message of messages) text = textOf(await conversation.send(message));
    for (let i = 0; i < 10 && !text.includes(number); i++) text += textOf(await conversation.send('no'));
    expect(text).toContain(number);
  });

  it('every disposition gives the numbers its level and category call for, in both voices', () => {
    const wording = new Wording(dialogs.messages, { ...DEFAULT_CONTACTS, ...CONTACTS });
    const result = engine.decide([], {});
    for (const disposition of knowledge.dispositions.values()) {
      for (const voice of ['patient', 'staff'] as const) {
        const { text } = dispositionActivity({ result, disposition, voice, wording, knowledge, replyId: 'test' });
        const needs = [
          ...(disposition.level === 'emergency' ? [CONTACTS.emergency_number] : []),
          ...(disposition.category === 'overdose' ? [CONTACTS.poison_control_number] : []),
          ...(disposition.category === 'self_harm' ? [CONTACTS.crisis_line] : []),
        ];
        expect({ id: disposition.id, voice, missing: needs.filter((n) => !String(text).includes(n)) }).toEqual({ id: disposition.id, voice, missing: [] });
      }
    }
  });

  it('every emergency disposition names the emergency number', async () => {
    for (const message of ["she's gasping for air", 'he is having a seizure', 'her lips and tongue are swelling', 'I have chest pain']) {
      const replies = await withShippedContent().send(message);
      expect({ message, level: triageOf(replies)?.level }).toEqual({ message, level: 'emergency' });
      expect(textOf(replies)).toContain(CONTACTS.emergency_number);
    }
  });
});

const RUBRIC = join(__dirname, '..', 'vignettes', 'rubric-cases.jsonl');
const vignettes = parseVignettes(readFileSync(RUBRIC, 'utf8'), RUBRIC);

describe('the rubric vignettes through the whole bot, answering "No" to every question', () => {
  // The conversation adds questions, never its own judgement: its level is the core's for the same messages.
  it.each(vignettes.map((v) => [v.id, v] as const))('%s: the bot decides as the core does', async (_id, vignette) => {
    const core = engine.decide(vignette.turns.map((t) => engine.analyse(t)), {});
    const bot = await converse(withShippedContent(), vignette.turns);
    expect({ id: vignette.id, level: bot?.level }).toEqual({ id: vignette.id, level: core.level });
  });
});
