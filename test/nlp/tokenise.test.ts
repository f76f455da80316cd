import { normalise } from '../../src/nlp/normalise';
import { tokenise } from '../../src/nlp/tokenise';

const words = (text: string) => tokenise(text).filter((t) => t.kind !== 'punct').map((t) => t.text);

describe('normalise', () => {
  it('folds case, curly quotes, full-width letters and accents', () => {
    expect(normalise('I\u2019m ＤＩＺＺＹ, naïve').text).toBe("i'm dizzy, naive");
  });

  it('turns emoji and invisible characters into spaces without losing offsets', () => {
    const input = 'dizzy 😵‍💫 today';
    const { text, offsets } = normalise(input);
    expect(text.trim().split(/\s+/)).toEqual(['dizzy', 'today']);
    expect(input.slice(offsets[text.indexOf('today')])).toBe('today');
  });
});

describe('tokenise', () => {
  it('keeps offsets into the original text', () => {
    const input = 'My  DAD cant  breathe';
    const token = tokenise(input).find((t) => t.text === 'breathe');
    expect(token && input.slice(token.start, token.end)).toBe('breathe');
  });

  it.each([
    ['cant breathe', "can't"],
    ['cannot breathe', "can't"],
    ['can not breathe', "can't"],
    ['I can’t breathe', "can't"],
    ['im dizzy', "i'm"],
  ])('folds %j so content lists one spelling', (text, expected) => {
    expect(words(text)).toContain(expected);
  });

  it('reads temperatures with their units', () => {
    const [a, b, c] = tokenise('39.5°C then 103F then 38 c').filter((t) => t.kind === 'number');
    expect([a.value, a.unit]).toEqual([39.5, 'c']);
    expect([b.value, b.unit]).toEqual([103, 'f']);
    expect([c.value, c.unit]).toEqual([38, 'c']);
  });

  it('reads a clock time as one number, the 24-hour figure', () => {
    const [time] = tokenise('08:00 dose omitted').filter((t) => t.kind === 'number');
    expect([time.text, time.value]).toEqual(['08:00', 800]);
  });

  it('reads the arrows of clinical notes as words', () => {
    expect(words('tone ↑ in LL, BP ↓')).toEqual(['tone', 'up', 'in', 'll', 'bp', 'down']);
  });

  it('splits sentences on full stops, question marks and new lines', () => {
    const sentences = new Set(tokenise('Dizzy. Sleepy?\nTired!!! Weak').map((t) => t.sentence));
    expect(sentences.size).toBe(4);
  });

  it('stems words so that forms of one word meet', () => {
    const [a, b] = tokenise('hallucinating hallucinations');
    expect(a.stem).toBe(b.stem);
  });

  it('keeps offsets past accents, curly quotes, emoji and characters that fold to nothing', () => {
    const input = 'Naïve “Dad” 😵\u200Bcan’t\u00ADbreathe, ﬁne';
    for (const token of tokenise(input).filter((t) => t.kind === 'word')) {
      expect(input.slice(token.start, token.end).normalize('NFKD').replace(/[\u0300-\u036f\u00AD\u200B]/g, '').replace('’', "'").toLowerCase()).toBe(token.text);
    }
  });

  it('reads words that are names of JavaScript object properties as words', () => {
    expect(words('the constructor said hasOwnProperty')).toEqual(['the', 'constructor', 'said', 'hasownproperty']);
  });

  it('survives empty, odd and very long input', () => {
    expect(tokenise('')).toEqual([]);
    expect(tokenise('\u0000\u200b🙂🙂')).toEqual([]);
    expect(tokenise('dizzy '.repeat(5000)).length).toBe(5000);
  });
});
