import { ANSWERS, type Answer } from '../triage/types';
import { COMMANDS, type CommandId, type CommandsFile } from './dialogSchema';
import { normalizePhrase, PhraseSet } from './phraseSet';

/**
 * The words of `dialogs/commands.yaml`, ready to match whole messages. The `*Of` methods take text
 * already normalised (`normalizePhrase`); the others normalise it first.
 */
export class Vocabulary {
  private readonly commands: ReadonlyMap<CommandId, PhraseSet>;
  private readonly answers: ReadonlyMap<Answer, PhraseSet>;
  /** "Nothing else, thanks": for the `message_is_closing` condition. */
  readonly closings: PhraseSet;
  readonly greetings: PhraseSet;
  private readonly detailAnswers: PhraseSet;
  /** Words that make a message read like a report, and words for a person (matched anywhere, as whole words). */
  readonly reportWords: PhraseSet;
  readonly personWords: PhraseSet;
  private readonly otherLanguageWords: ReadonlySet<string>;
  private readonly implied: readonly { readonly question: string; readonly answer: Answer; readonly phrases: PhraseSet }[];
  private readonly negators: PhraseSet;
  /** Words that open a question ("what", "can"), normalised: `opensQuestion` asks of each clause. */
  private readonly questionOpeners: ReadonlySet<string>;

  /** `questionOpeners`: the knowledge base's `context.question_openers`. */
  constructor(file: CommandsFile, questionOpeners: readonly string[]) {
    this.commands = new Map(COMMANDS.map((id) => [id, new PhraseSet(file.commands[id])]));
    this.answers = new Map(ANSWERS.map((id) => [id, new PhraseSet(file.answers[id])]));
    this.closings = new PhraseSet(file.closings);
    this.greetings = new PhraseSet(file.greetings);
    this.detailAnswers = new PhraseSet(file.detail_answers);
    this.reportWords = new PhraseSet(file.report_words);
    this.personWords = new PhraseSet(file.person_words);
    this.otherLanguageWords = new Set(file.other_language_words.map(normalizePhrase));
    this.implied = file.implied_answers.answers.map((a) => ({ question: a.question, answer: a.answer, phrases: new PhraseSet(a.phrases) }));
    this.negators = new PhraseSet(file.implied_answers.not_after);
    this.questionOpeners = new Set(questionOpeners.map(normalizePhrase));
  }

  /** Whether a clause (not yet normalised) opens with a question word ("can I…", "what if…"). */
  opensQuestion(clause: string): boolean {
    return this.questionOpeners.has(normalizePhrase(clause).split(' ')[0] ?? '');
  }

  /** Red-flag questions the message already answers ("by mistake": not on purpose), by question id. */
  impliedAnswersOf(normalised: string): Record<string, Answer> {
    const answers: Record<string, Answer> = {};
    for (const { question, answer, phrases } of this.implied) {
      if (answers[question] === undefined && phrases.occursUnnegatedInNormalised(normalised, this.negators)) answers[question] = answer;
    }
    return answers;
  }

  /**
   * Whether a message reads as another language: mostly letters of another script than Latin, or at
   * least two words (and a third of them) from `other_language_words`.
   */
  otherLanguageOf(normalised: string, text: string): boolean {
    const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (letters >= 4 && latin < letters / 2) return true;
    const words = normalised === '' ? [] : normalised.split(' ');
    const foreign = words.filter((w) => this.otherLanguageWords.has(w)).length;
    return foreign >= 2 && foreign * 3 >= words.length;
  }

  /** The global command the whole message is, if any. */
  command(text: string): CommandId | undefined {
    return this.commandOf(normalizePhrase(text));
  }

  commandOf(normalised: string): CommandId | undefined {
    return COMMANDS.find((id) => this.commands.get(id)?.matchesNormalised(normalised));
  }

  /** The answer when the whole message is a yes/no/not-sure word ("Yes", "nope", "not sure"). */
  exactAnswer(text: string): Answer | undefined {
    return this.exactAnswerOf(normalizePhrase(text));
  }

  private exactAnswerOf(normalised: string): Answer | undefined {
    return ANSWERS.find((id) => this.answers.get(id)?.matchesNormalised(normalised));
  }

  /**
   * The answer the whole message is, or else the one it starts with. A message that itself reports
   * findings ("he is having a seizure", "no, but she is confused") is never a plain answer: only a
   * whole-message answer word counts then.
   */
  answerIn(text: string, reportsFindings = false): Answer | undefined {
    return this.answerOf(normalizePhrase(text), reportsFindings);
  }

  answerOf(normalised: string, reportsFindings = false): Answer | undefined {
    return this.exactAnswerOf(normalised) ?? (reportsFindings ? undefined : this.leadingAnswerOf(normalised));
  }

  /** The answer a message that reports more opens with ("no I'm awake, just drowsy"), from `detail_answers` only. */
  detailAnswerOf(normalised: string): Answer | undefined {
    const phrase = this.detailAnswers.prefixOfNormalised(normalised);
    return phrase === undefined || phrase === normalised ? undefined : this.exactAnswerOf(phrase);
  }

  /** The answer a message starts with ("no, he is breathing fine"), the longest phrase winning. */
  leadingAnswer(text: string): Answer | undefined {
    return this.leadingAnswerOf(normalizePhrase(text));
  }

  private leadingAnswerOf(normalised: string): Answer | undefined {
    let best: { id: Answer; length: number } | undefined;
    for (const id of ANSWERS) {
      const phrase = this.answers.get(id)?.prefixOfNormalised(normalised);
      if (phrase !== undefined && (best === undefined || phrase.length > best.length)) best = { id, length: phrase.length };
    }
    return best?.id;
  }
}
