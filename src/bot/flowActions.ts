import { noteAdvice } from '../dialogs/caseRecord';
import type { FlowStep } from '../dialogs/dialogSchema';
import { urgency } from '../triage/levels';
import type { TopicMatch } from '../triage/types';
import { turnFields } from './botLogger';
import { dispositionActivity, triageChannelData } from './dispositionCard';
import { replyIdOf, type StepContext } from './flowState';
import { textActivity } from './prompts';
import { summaryActivity } from './summaryCard';
import { TOPIC_ASIDE_REPLY_ID, topicAnswerActivities, uniqueTopics } from './topicAnswers';

type StepOf<K extends FlowStep['kind']> = Extract<FlowStep, { kind: K }>;

/** What a `screen` step asks next: one question, a combined check of several, or which of them after a yes. */
export type ScreeningAsk = { readonly question: string } | { readonly any: readonly string[] } | { readonly which: readonly string[] };

/**
 * What to ask next, within the step's `max` questions for the flow, or nothing (the advice comes).
 * The most decisive first: the questions whose "yes" gives the most urgent level. Where two or more
 * of those can go together, one combined check ("Is any of these happening now?"), and which one only
 * after a yes; a question of an `askAlone` category, or about background, is asked on its own. A combined check is asked only with room
 * for the question after its yes, so that a yes is never left unexplained.
 */
export function nextScreeningAsk(step: StepOf<'screen'>, at: StepContext): ScreeningAsk | undefined {
  const left = step.maxQuestions - (at.state.asked ?? []).length;
  const { answers } = at.session.case;
  const result = at.turn.after;
  const worth = result.questions.filter((id) => answers[id] === undefined && at.services.knowledge.questions.has(id));
  // A yes to a combined check is followed up even past the limit: a yes is never left unexplained.
  const saidYes = (at.state.anyYes ?? []).filter((id) => worth.includes(id));
  const [only] = saidYes;
  if (saidYes.length === 1 && only !== undefined) return { question: only };
  if (saidYes.length > 1) return { which: saidYes };
  const first = worth[0];
  if (first === undefined || left <= 0) return undefined;
  const { questions, findings } = at.services.knowledge;
  const combinable = (id: string): boolean => {
    const finding = findings.get(questions.get(id)?.finding ?? '');
    return finding !== undefined && finding.tier !== 'info' && !step.askAlone.includes(finding.category);
  };
  const top = worth.filter((id) => result.questionLevels[id] === result.questionLevels[first] && combinable(id));
  return top.length >= 2 && left >= 2 ? { any: top } : { question: first };
}

/** A key for what was asked, so that asking it again (after an aside) is not counted twice. */
export function askedKey(ask: ScreeningAsk): string {
  if ('question' in ask) return ask.question;
  return 'any' in ask ? `any:${ask.any.join(',')}` : `which:${ask.which.join(',')}`;
}

/** A `say` step: its text, with the decision over this message when it asks for `triage`. */
export async function say(step: StepOf<'say'>, at: StepContext): Promise<void> {
  const replyId = replyIdOf(at.flow, step);
  await at.context.sendActivity({
    ...textActivity(at.services.wording.text(step.say, at.session.voice), replyId),
    ...(step.say.triage ? { channelData: { replyId, triage: triageChannelData(at.turn.alone()) } } : {}),
  });
}

/** A `dispose` step: the disposition for the conversation so far (or the flow's floor), recorded as the advice that stands. */
export async function dispose(step: StepOf<'dispose'>, at: StepContext): Promise<void> {
  const { knowledge, wording, logger } = at.services;
  const { session, flow } = at;
  const result = at.turn.after;
  let disposition = knowledge.dispositions.get(result.dispositionId);
  if (disposition === undefined) {
    throw new Error(`dispose: flow "${flow.id}": the core chose disposition "${result.dispositionId}", which knowledge/advice.yaml does not define`);
  }
  const floor = step.atLeast === undefined ? undefined : knowledge.dispositions.get(step.atLeast);
  if (floor !== undefined && urgency(floor.level) < urgency(disposition.level)) disposition = floor;
  await at.context.sendActivity(dispositionActivity({ result, disposition, voice: session.voice, wording, knowledge, replyId: replyIdOf(flow, step) }));
  noteAdvice(session.case, disposition.id);
  session.case.standingAdvice = { level: disposition.level, findings: [...new Set(result.findings.map((f) => f.id))] };
  logger.info(
    {
      ...turnFields(at.context),
      flow: flow.id,
      level: disposition.level,
      category: disposition.category,
      disposition: disposition.id,
      findings: result.findings.map((f) => f.id),
      ruledOut: result.ruledOut.map((f) => f.id),
      questionsAnswered: Object.keys(session.case.answers),
      voice: session.voice,
    },
    'disposition',
  );
}

/** An `answer_topics` step: the topics asked about and not answered yet, or the step's own. */
export async function answerTopics(step: StepOf<'answer_topics'>, at: StepContext): Promise<void> {
  const { knowledge, wording } = at.services;
  const replyId = replyIdOf(at.flow, step);
  const topics: TopicMatch[] =
    step.topics === undefined ? at.state.topics : step.topics.map((id) => ({ id, evidence: { text: '', start: 0, end: 0, rule: `flow ${replyId}` } }));
  const triage = step.triage ? triageChannelData(at.turn.alone(uniqueTopics(topics))) : undefined;
  const replies = topicAnswerActivities(topics, { knowledge, wording, voice: at.session.voice, replyId, ...(triage ? { triage } : {}) });
  if (replies.length > 0) await at.context.sendActivities(replies);
  // Each question is answered once, also when a linked flow answers topics again.
  if (step.topics === undefined) at.state.topics = [];
}

/** A topic asked about while a question is pending: its answer now; the question follows. */
export async function answerAside(at: StepContext): Promise<void> {
  const { knowledge, wording, logger } = at.services;
  const topics = at.turn.message.analysis.topics;
  const replies = topicAnswerActivities(topics, { knowledge, wording, voice: at.session.voice, replyId: TOPIC_ASIDE_REPLY_ID });
  if (replies.length === 0) return;
  logger.info({ ...turnFields(at.context), flow: at.flow.id, topics: uniqueTopics(topics).map((t) => t.id) }, 'aside');
  await at.context.sendActivities(replies);
}

/** A `summary` step: the summary card for the record. */
export async function sendSummary(step: StepOf<'summary'>, at: StepContext): Promise<void> {
  const { services, session } = at;
  await at.context.sendActivity(
    summaryActivity({
      result: at.turn.after,
      caseState: session.case,
      voice: session.voice,
      now: services.now(),
      incoming: at.context.activity,
      wording: services.wording,
      knowledge: services.knowledge,
      dialogs: services.dialogs,
      replyId: replyIdOf(at.flow, step),
    }),
  );
}
