import type { Conversation, ConversationStore } from './conversationStore';

/** Whether a request may act on a conversation, as a tagged result. */
export type Authorization =
  | { ok: true; conversation: Conversation; token: string; expiresInSeconds: number }
  | { ok: false; status: 401 | 403; code: 'missing_token' | 'invalid_token' | 'token_expired' | 'wrong_conversation' };

/** The token in an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}

/**
 * Checks a page's bearer token, whichever instance signed it. A token reaches only its own
 * conversation: another conversation's id gets 403 without saying whether that conversation exists.
 * An expired token gets 403, which directlinejs reads as "token expired"; a missing or unknown one
 * (or one whose conversation has ended) gets 401.
 */
export async function authorize(store: ConversationStore, header: string | undefined, conversationId?: string): Promise<Authorization> {
  const token = bearerToken(header);
  if (!token) return { ok: false, status: 401, code: 'missing_token' };
  const found = await store.lookupToken(token);
  if (found.kind === 'unknown') return { ok: false, status: 401, code: 'invalid_token' };
  if (found.kind === 'expired') return { ok: false, status: 403, code: 'token_expired' };
  if (conversationId !== undefined && found.conversation.id !== conversationId) {
    return { ok: false, status: 403, code: 'wrong_conversation' };
  }
  return { ok: true, conversation: found.conversation, token, expiresInSeconds: found.expiresInSeconds };
}
