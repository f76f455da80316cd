import { ConversationState, type TurnContext } from 'botbuilder';
import { ABSENT_ETAG, isJsonDocumentStorage, type EtagStorage } from './etagStorage';

/** The eTag of a write that replaces whatever is stored (state cleared, or saved unread), as botbuilder's. */
const ANY_ETAG = '*';

/** A conversation's state as this turn read it: the object the bot changes, and what it was. */
interface Loaded {
  readonly state: Record<string, unknown>;
  /** The state as stored when read (or last saved), without its eTag; `undefined` after `clear`, so it is saved. */
  snapshot: string | undefined;
  /** The eTag a write must match: what was read, or `ABSENT_ETAG` when nothing was stored. */
  etag: string;
}

/**
 * `ConversationState` with optimistic concurrency, and a cheap check for changes.
 *
 * botbuilder's `saveChanges` writes with eTag `*`, so the last writer silently wins; this one writes
 * with the eTag the state was read with, so a write over someone else's change fails with
 * `StateConflictError`. botbuilder also hashes the state twice a turn (a JSON walk with a replacer
 * function, then sha256); here the state's plain JSON, taken once when it is read, is compared with
 * its JSON when the turn ends, and a turn that changed nothing writes nothing.
 */
export class VersionedConversationState extends ConversationState {
  private readonly loadedKey = Symbol('versionedConversationState');

  constructor(private readonly etagStorage: EtagStorage) {
    super(etagStorage);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = this.loaded(context);
    if (cached !== undefined && !force) return cached.state;
    const loaded = await this.read(this.keyOf(context));
    context.turnState.set(this.loadedKey, loaded);
    return loaded.state;
  }

  private async read(key: string): Promise<Loaded> {
    if (isJsonDocumentStorage(this.etagStorage)) {
      const stored = await this.etagStorage.readJson(key);
      if (stored === undefined) return { state: {}, snapshot: '{}', etag: ABSENT_ETAG };
      return { state: JSON.parse(stored.json) as Record<string, unknown>, snapshot: stored.json, etag: stored.etag };
    }
    const items = await this.etagStorage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    const etag = state['eTag'];
    return { state, snapshot: snapshotOf(state), etag: typeof etag === 'string' && etag !== ANY_ETAG ? etag : ABSENT_ETAG };
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = this.loaded(context);
    if (cached === undefined && !force) return;
    const loaded: Loaded = cached ?? { state: {}, snapshot: undefined, etag: ANY_ETAG };
    const snapshot = snapshotOf(loaded.state);
    if (!force && snapshot === loaded.snapshot) return;
    const key = this.keyOf(context);
    if (isJsonDocumentStorage(this.etagStorage)) {
      loaded.etag = await this.etagStorage.writeJson(key, snapshot, loaded.etag);
    } else {
      loaded.state['eTag'] = loaded.etag;
      await this.etagStorage.write({ [key]: loaded.state });
      const written = loaded.state['eTag'];
      if (typeof written === 'string') loaded.etag = written;
    }
    loaded.snapshot = snapshot;
    context.turnState.set(this.loadedKey, loaded);
  }

  /** Starts the conversation's state afresh; saved at the end of the turn over whatever is stored. */
  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.loadedKey, { state: {}, snapshot: undefined, etag: ANY_ETAG } satisfies Loaded);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.loadedKey);
    await this.etagStorage.delete([this.keyOf(context)]);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return this.loaded(context)?.state;
  }

  private loaded(context: TurnContext): Loaded | undefined {
    return context.turnState.get(this.loadedKey) as Loaded | undefined;
  }

  private keyOf(context: TurnContext): string {
    const key = this.getStorageKey(context);
    if (key === undefined) throw new Error('VersionedConversationState: the activity has no channelId or conversation id, so its state has no key.');
    return key;
  }
}

/** The state's JSON without its eTag: equal before and after a turn exactly when the turn changed nothing. */
function snapshotOf(state: Record<string, unknown>): string {
  if (!('eTag' in state)) return JSON.stringify(state);
  const { eTag: _etag, ...document } = state;
  return JSON.stringify(document);
}
