import { createTriageEngine, type TriageEngine } from '../../src/triage';
import { Conversation } from './support/conversation';
import { tinyBotKnowledge } from './support/tinyKnowledge';

/** The core decides each distinct view of the conversation once per turn (with and without the message), however many conditions read it. */
describe('decisions per turn', () => {
  it('the interrupts, the routes and the steps of a flow share the decisions of a turn', async () => {
    const knowledge = tinyBotKnowledge();
    const engine = createTriageEngine(knowledge);
    let calls = 0;
    const counting: TriageEngine = { ...engine, decide: (analyses, answers) => ((calls += 1), engine.decide(analyses, answers)) };
    const conversation = new Conversation({ knowledge, engine: counting });
    const counts: number[] = [];
    for (const message of ['I feel a bit dizzy', 'no', 'no', 'no', 'no']) {
      calls = 0;
      await conversation.send(message);
      counts.push(calls);
    }
    for (const count of counts) expect(count).toBeLessThanOrEqual(3);
  });
});
