import type { Activity } from 'botbuilder';
import type { Knowledge } from '../knowledge/load';
import type { TopicMatch } from '../triage/types';
import type { Voice } from '../dialogs/dialogSchema';
import type { TriageChannelData } from './dispositionCard';
import { textActivity } from './prompts';
import type { Wording } from '../dialogs/wording';

export { TOPIC_ASIDE_REPLY_ID } from '../dialogs/dialogSchema';

/** Each topic once, in the order first matched. */
export function uniqueTopics(topics: readonly TopicMatch[]): TopicMatch[] {
  return topics.filter((t, i) => topics.findIndex((u) => u.id === t.id) === i);
}

export interface TopicAnswerInput {
  readonly knowledge: Knowledge;
  readonly wording: Wording;
  readonly voice: Voice;
  readonly replyId: string;
  /** Attached as `channelData.triage` (the `information` flow's answers are the info level's disposition). */
  readonly triage?: TriageChannelData;
}

/** One message per topic: its information answer from knowledge, then when to get help. */
export function topicAnswerActivities(topics: readonly TopicMatch[], input: TopicAnswerInput): Partial<Activity>[] {
  const { knowledge, wording, voice, replyId, triage } = input;
  return uniqueTopics(topics).flatMap((match) => {
    const topic = knowledge.topics.get(match.id);
    if (topic === undefined) return [];
    const answer = wording.text(topic.answer, voice);
    const help = topic.when_to_get_help === undefined ? '' : `\n\n${wording.text({ patient: topic.when_to_get_help, staff: topic.when_to_get_help }, voice)}`;
    return [{ ...textActivity(`${answer}${help}`, replyId), channelData: { replyId, topicId: topic.id, ...(triage === undefined ? {} : { triage }) } }];
  });
}
