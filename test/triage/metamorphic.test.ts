import { createTriageEngine, loadKnowledge } from '../../src/triage';

/**
 * Metamorphic tests: the same report, reworded the ways people write, keeps its level; said in the
 * negative it drops; everyday chat reports nothing. None of these sentences is listed in knowledge/.
 */
const engine = createTriageEngine(loadKnowledge());
const level = (text: string) => engine.triage(text).level;

const EMERGENCIES: ReadonlyArray<{ finding: string; said: string; denied: string }> = [
  { finding: 'breathing_difficulty', said: 'he is struggling to breathe', denied: 'he has no trouble breathing' },
  { finding: 'seizure', said: 'she is having a seizure', denied: 'she is not having a seizure' },
  { finding: 'unresponsive', said: 'my husband will not wake up', denied: 'he is not unconscious, he woke up fine' },
  { finding: 'allergic_swelling', said: 'her throat is swelling up', denied: 'there is no swelling of her throat' },
  { finding: 'chest_pain', said: 'he has crushing chest pain', denied: 'he has no chest pain' },
  { finding: 'self_harm', said: 'I want to end my life', denied: 'I have never wanted to end my life' },
  { finding: 'stroke_signs', said: 'her face is drooping on one side', denied: 'her face is not drooping' },
  { finding: 'severe_bleeding', said: 'he is bleeding heavily from his arm', denied: 'he is not bleeding heavily' },
];

const STORY =
  'We had a quiet morning, the postman came late and my sister rang about her holiday, then we had soup for lunch and watched the news';

function texting(text: string): string {
  return text.toLowerCase().replace(/[.,!?]/g, '').replace(/\byou\b/g, 'u').replace(/\bare\b/g, 'r') + ' rn tbh';
}

/** One typo (two letters swapped) in the longest word, if it is long enough to be forgiven one. */
function withTypo(text: string): string {
  const longest = text.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 7) return text;
  const i = Math.floor(longest.length / 2);
  const typo = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2);
  return text.replace(longest, typo);
}

const VARIANTS: ReadonlyArray<[string, (s: string) => string]> = [
  ['as written', (s) => s],
  ['with a carer prefix', (s) => `I look after my mum who takes baclofen. ${s}`],
  ['in texting shorthand', texting],
  ['shouted with !!', (s) => `${s.toUpperCase()}!!`],
  ['with ?!', (s) => `${s}?!`],
  ['buried in a long unrelated story', (s) => `${STORY}, and anyway ${s}, and then the neighbour popped round to return a dish.`],
  ['after British spelling elsewhere', (s) => `Sorry, I realise the colour of the day is grey. ${s}`],
  ['with a typo in its longest word', withTypo],
];

describe.each(EMERGENCIES)('$finding', ({ said, denied }) => {
  it.each(VARIANTS)('stays an emergency %s', (_name, vary) => {
    expect(level(vary(said))).toBe('emergency');
  });

  it('is not an emergency when denied', () => {
    expect(level(denied)).not.toBe('emergency');
  });

  it.each([
    'sorry, false alarm, all fine now',
    'ignore that, I panicked, she is just a bit tired',
    'no sorry, my mistake, that was years ago',
  ])('is taken back by a later message that withdraws it: "%s"', (correction) => {
    const turns = [said, correction].map((t) => engine.analyse(t));
    expect(engine.decide(turns).level).not.toBe('emergency');
    expect(engine.decide([...turns, engine.analyse(said)]).level).toBe('emergency');
  });
});

describe('everyday sentences report nothing', () => {
  it.each([
    'we went to the shops and had a cup of tea',
    'the weather is lovely today',
    'my grandson started school this week',
    'I picked up my prescription from the chemist this morning',
    'we watched the football on television last night',
    'I ran out of milk so I went to the corner shop',
    'she fell asleep in front of the telly after dinner',
    'thank you so much for your help',
    'he is fit and well and back at work',
    'I am a bit confused about how the website works',
  ])('"%s"', (text) => {
    const result = engine.triage(text);
    expect(result.level).toBe('info');
    expect(result.findings.filter((f) => engine.knowledge.findings.get(f.id)?.tier !== 'info')).toEqual([]);
  });
});
