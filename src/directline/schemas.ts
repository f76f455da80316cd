import { z } from 'zod';

const MAX_TEXT_CHARS = 4000;

/** A participant as the Bot Framework names it. */
export const channelAccountSchema = z.looseObject({
  id: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});
export type ChannelAccount = z.infer<typeof channelAccountSchema>;

const jsonRecord = z.record(z.string(), z.unknown());

// Uploads are not supported: only inline attachments (e.g. a card the user submits) are kept.
const userAttachmentSchema = z.object({
  contentType: z.string().min(1).max(256),
  content: z.unknown().optional(),
  name: z.string().max(256).optional(),
});

/**
 * An activity posted by the page. Unknown keys are dropped; the server sets id, timestamp,
 * conversation, channelId, from.id and recipient itself, whatever the client claims.
 */
export const userActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT_CHARS).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  name: z.string().max(128).optional(),
  value: z.unknown().optional(),
  channelData: jsonRecord.optional(),
  attachments: z.array(userAttachmentSchema).max(10).optional(),
  entities: z.array(jsonRecord).max(20).optional(),
  from: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  replyToId: z.string().max(256).optional(),
});
export type UserActivity = z.infer<typeof userActivitySchema>;

/** An activity the bot sends through the connector routes; the bot is trusted, so unknown keys pass through. */
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: channelAccountSchema.optional(),
  replyToId: z.string().max(256).optional(),
});
export type BotActivity = z.infer<typeof botActivitySchema>;

/** The optional body of `POST /v3/directline/conversations`. */
export const startConversationSchema = z.object({
  user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  locale: z.string().max(35).optional(),
});
export type StartConversation = z.infer<typeof startConversationSchema>;

/** An activity as stored in a conversation's history and shown to the page. */
export type StoredActivity = Record<string, unknown> & {
  id: string;
  type: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
};
