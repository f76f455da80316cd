import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1) });

/**
 * The fields the bot cannot run a turn without. The adapter checks little, and an activity without
 * a conversation or sender would fail deep inside state handling; we refuse it up front with 400.
 */
export const InboundActivity = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: account,
  from: account,
  recipient: account,
});
export type InboundActivity = z.infer<typeof InboundActivity>;

export type InboundCheck =
  | { readonly ok: true; readonly activity: InboundActivity }
  | { readonly ok: false; readonly missing: readonly string[] };

/** Check a parsed request body; on failure, name the fields that are missing or malformed. */
export function checkInboundActivity(body: unknown): InboundCheck {
  const parsed = InboundActivity.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const missing = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
  return { ok: false, missing };
}
