import { withShortAnswerReadings } from '../../src/bot/shortAnswerReadings';
import { createTriageEngine, DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/triage';

describe('short answers read once', () => {
  const engine = createTriageEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));

  it.each(['No', 'yes he is', "can't breathe", 'seizure'])('reads %j as the engine does, the first time and again', (text) => {
    const remembering = withShortAnswerReadings(engine);
    expect(remembering.analyse(text)).toEqual(engine.analyse(text));
    expect(remembering.analyse(text)).toEqual(engine.analyse(text));
  });

  it('gives each caller its own copy, so what one changes the next does not see', () => {
    const remembering = withShortAnswerReadings(engine);
    const first = remembering.analyse("can't breathe");
    expect(first.findings.length).toBeGreaterThan(0);
    (first.findings as unknown[]).splice(0);
    expect(remembering.analyse("can't breathe")).toEqual(engine.analyse("can't breathe"));
  });

  it('reads longer messages afresh every time', () => {
    const spy = jest.spyOn(engine, 'analyse');
    const remembering = withShortAnswerReadings(engine);
    const report = 'I skipped baclofen for 3 days and my muscles are getting stiffer';
    remembering.analyse(report);
    remembering.analyse(report);
    remembering.analyse('No');
    remembering.analyse('No');
    expect(spy.mock.calls.map(([text]) => text)).toEqual([report, report, 'No']);
    spy.mockRestore();
  });
});
