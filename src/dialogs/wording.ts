import type { Contacts, Level, TwoVoices } from '../knowledge/schema';
import { fillPlaceholders } from '../triage';
import type { LabelId, MessageId, MessagesFile, TemplateId, Voice } from './dialogSchema';

/** Fills `{name}` placeholders from `vars`; unknown names are left as they are. */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Picks the voice of content and fills its placeholders: the one way text reaches the person. */
export class Wording {
  constructor(
    private readonly messages: MessagesFile,
    private readonly contacts: Contacts,
  ) {}

  /** Content in the given voice, with `{vars}` and then the contact numbers filled in. */
  text(content: TwoVoices, voice: Voice, vars?: Readonly<Record<string, string>>): string {
    const raw = content[voice];
    // Most content has no placeholder at all: a card asks for a dozen texts, each once a turn.
    if (!raw.includes('{')) return raw;
    return fillPlaceholders(vars === undefined ? raw : fillTemplate(raw, vars), this.contacts);
  }

  message(id: MessageId, voice: Voice): string {
    return this.text(this.messages.messages[id], voice);
  }

  label(id: LabelId, voice: Voice): string {
    return this.text(this.messages.labels[id], voice);
  }

  level(level: Level, voice: Voice): string {
    return this.text(this.messages.levels[level], voice);
  }

  /** The `also` line for a finding category, if messages.yaml has one. */
  also(category: string, voice: Voice): string | undefined {
    const content = this.messages.also[category];
    return content === undefined ? undefined : this.text(content, voice);
  }

  template(id: TemplateId, voice: Voice, vars: Readonly<Record<string, string>>): string {
    return this.text(this.messages.templates[id], voice, vars);
  }
}
