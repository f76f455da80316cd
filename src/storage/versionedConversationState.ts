import { ConversationState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';
import { ABSENT_ETAG, type EtagStorage } from './etagStorage';

/**
 * `ConversationState` with optimistic concurrency. botbuilder's `saveChanges` writes with eTag `*`,
 * so the last writer silently wins; this one writes with the eTag the state was read with, so a
 * write over someone else's change fails with `StateConflictError`.
 */
export class VersionedConversationState extends ConversationState {
  constructor(storage: EtagStorage) {
    const readEtags = new WeakMap<object, string>();
    super(new EtagRestoringStorage(storage, readEtags));
    this.readEtags = readEtags;
  }

  private readonly readEtags: WeakMap<object, string>;

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as Record<string, unknown>;
    if (!this.readEtags.has(state)) {
      const etag = state['eTag'];
      this.readEtags.set(state, typeof etag === 'string' && etag !== '*' ? etag : ABSENT_ETAG);
    }
    return state;
  }
}

/** Puts back the eTag `saveChanges` replaced with `*`, and remembers the new one after each write. */
class EtagRestoringStorage implements Storage {
  constructor(
    private readonly inner: EtagStorage,
    private readonly readEtags: WeakMap<object, string>,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    for (const item of Object.values(changes)) {
      const etag = this.readEtags.get(item);
      if (etag !== undefined && item.eTag === '*') item.eTag = etag;
    }
    await this.inner.write(changes);
    for (const item of Object.values(changes)) {
      if (typeof item.eTag === 'string') this.readEtags.set(item, item.eTag);
    }
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
