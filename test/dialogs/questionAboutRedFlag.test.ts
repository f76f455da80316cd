import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs';
import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { runStory, type Story } from './support/stories';

/**
 * A question about an emergency sign ("what do I do if he has a seizure?") reports nothing, but the
 * core asks whether it is happening now; an answer that makes it an emergency gets the advice at once.
 * The shipped content: the red-flag questions are the knowledge base's.
 */
const knowledge = loadKnowledge();
const options = { knowledge, engine: createTriageEngine(knowledge), dialogs: loadDialogs(DEFAULT_DIALOGS_DIR, knowledge) };
const QUESTION = 'what do I do if he has a seizure?';
const asked = { replies: ['information.screen_no_topic'], asks: 'ask_seizure' };

const stories: Story[] = [
  {
    name: 'the question, then "yes": the emergency advice',
    turns: [
      { user: QUESTION, expect: asked },
      { user: 'yes', expect: { replies: ['information.advice_no_topic', 'wrap_up.anything_else'], triage: { level: 'emergency' } } },
    ],
  },
  {
    name: 'the question, then "he is having one now": the emergency advice, not a "yes" to anything else',
    turns: [
      { user: QUESTION, expect: asked },
      { user: 'he is having one now', expect: { replies: ['information.advice_no_topic', 'wrap_up.anything_else'], triage: { level: 'emergency' } } },
    ],
  },
  {
    name: 'the question, then "not sure": errs towards the emergency advice',
    turns: [
      { user: QUESTION, expect: asked },
      { user: 'not sure', expect: { replies: ['information.advice_no_topic', 'wrap_up.anything_else'], triage: { level: 'emergency' } } },
    ],
  },
  {
    name: 'the question, then "no": the answer, no advice',
    turns: [
      { user: QUESTION, expect: asked },
      { user: 'no', expect: { replies: ['information.no_answer', 'information.anything_else'] } },
    ],
  },
  {
    name: 'the question, then "he is not": a no',
    turns: [
      { user: QUESTION, expect: asked },
      { user: 'he is not', expect: { replies: ['information.no_answer', 'information.anything_else'] } },
    ],
  },
];

describe('a question about an emergency sign', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory({ ...story, options });
  });
});
