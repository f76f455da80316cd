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

  constructor(file: CommandsFile) {
    this.commands = new Map(COMMANDS.map((id) => [id, new PhraseSet(file.commands[id])]));
    this.answers = new Map(ANSWERS.map((id) => [id, new PhraseSet(file.answers[id])]));
    this.closings = new PhraseSet(file.closings);
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
