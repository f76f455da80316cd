import type { MemoryStorage } from 'botbuilder';
import { createTriageEngine, type TriageEngine } from '../../src/triage';
import { Conversation } from './support/conversation';
import { tinyBotKnowledge } from './support/tinyKnowledge';

/** Bytes of everything the conversation keeps (session and dialog stack), as storage holds it. */
function stateSize(storage: MemoryStorage): number {
  return JSON.stringify(storage).length;
}

/** A conversation whose core counts the analyses it is asked to decide over, per call. */
function countingConversation(): { conversation: Conversation; decidedOver: number[] } {
  const knowledge = tinyBotKnowledge();
  const engine = createTriageEngine(knowledge);
  const decidedOver: number[] = [];
  const counting: TriageEngine = { ...engine, decide: (analyses, answers) => (decidedOver.push(analyses.length), engine.decide(analyses, answers)) };
  return { conversation: new Conversation({ knowledge, engine: counting }), decidedOver };
}

const SYMPTOMS = ['I feel nauseous', 'slightly drowsy', 'itchy', 'a bit sleepy', 'no fever', 'feel sick again'];

/** What later turns need is kept, not every analysis: a turn costs the same at message 5 and at message 60. */
describe('per-turn cost does not grow with the conversation', () => {
  it('state stops growing once everything has been said once, and the core decides over the case as one analysis', async () => {
    const { conversation, decidedOver } = countingConversation();
    const sizes: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const symptom = SYMPTOMS[i % SYMPTOMS.length] ?? '';
      await conversation.send(`${symptom}. ${'It has been a long day and I wanted to tell you about it. '.repeat(8)}`);
      sizes.push(stateSize(conversation.storage));
    }
    // The case itself: one entry per finding and status, however often each was said.
    expect(Math.max(...sizes.slice(20))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 20)) + 200);
    // The case before the message and the message: never more.
    expect(Math.max(...decidedOver)).toBeLessThanOrEqual(2);
  });

  it('a long message keeps a few kilobytes, not its length', async () => {
    const { conversation } = countingConversation();
    const long = 'I feel nauseous and a bit drowsy, and itchy all over since yesterday. '.repeat(300);
    expect(long.length).toBeGreaterThan(20_000);
    await conversation.send(long);
    expect(stateSize(conversation.storage)).toBeLessThan(6_000);
  });
});
