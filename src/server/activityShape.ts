import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { isLoopbackHost } from '../directline';

const account = z.looseObject({ id: z.string().min(1) });

/** The bot replies by POSTing to `serviceUrl`: only http and https, never file:, data:, gopher: and the like. */
const serviceUrl = z.string().refine((value) => /^https?:$/.test(parseUrl(value)?.protocol ?? ''), 'must be an http or https URL');

/**
 * The fields the bot cannot run a turn without. The adapter checks little, and an activity without
 * a conversation or sender would fail deep inside state handling; we refuse it up front with 400.
 */
export const InboundActivity = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl,
  conversation: account,
  from: account,
  recipient: account,
});
export type InboundActivity = z.infer<typeof InboundActivity>;

/** Where replies may go. Local mode has no authentication, so it replies only to this machine. */
export type ServiceUrlPolicy = 'any_http' | 'loopback_only';

export type InboundCheck =
  | { readonly ok: true; readonly activity: Activity }
  | { readonly ok: false; readonly code: 'invalid_activity'; readonly missing: readonly string[] }
  | { readonly ok: false; readonly code: 'service_url_not_allowed' };

/** Check a parsed request body; on failure, name the fields that are missing or malformed. */
export function checkInboundActivity(body: unknown, policy: ServiceUrlPolicy): InboundCheck {
  const parsed = InboundActivity.safeParse(body);
  if (!parsed.success) {
    const missing = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
    return { ok: false, code: 'invalid_activity', missing };
  }
  if (policy === 'loopback_only' && !isLoopbackHost(parseUrl(parsed.data.serviceUrl)?.hostname ?? '')) {
    return { ok: false, code: 'service_url_not_allowed' };
  }
  return { ok: true, activity: withDates(parsed.data) };
}

/** Timestamps as `Date`s, the raw strings kept beside them, as botbuilder's `CloudAdapter.process` leaves them. */
function withDates(activity: InboundActivity): Activity {
  const fixed: Record<string, unknown> = activity;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed as unknown as Activity;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
