import type { TurnContext } from 'botbuilder';
import { urgency } from '../triage/levels';
import type { TopicMatch, TriageResult } from '../triage/types';
import { turnFields } from './botLogger';
import type { FlowStep } from './dialogSchema';
import { dispositionActivity, triageChannelData } from './dispositionCard';
import { replyIdOf, type FlowRun, type FlowState } from './flowState';
import { textActivity } from './prompts';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';
import { summaryActivity } from './summaryCard';
import { TOPIC_ASIDE_REPLY_ID, topicAnswerActivities, uniqueTopics } from './topicAnswers';
import { decideOnce } from './turnDecisions';
import { readTurnInput, type TurnInput } from './turnInput';

type StepOf<K extends FlowStep['kind']> = Extract<FlowStep, { kind: K }>;

/** The core's decision over the conversation so far (decided once per turn for the same analyses and answers). */
export function decideCase(services: Pick<BotServices, 'engine'>, context: TurnContext, session: SessionState): TriageResult {
  return decideOnce(context, services.engine, session.case.analyses, session.case.answers);
}

/** The decision over this message alone: what an answer to a question is about. */
function messageDecision(services: Pick<BotServices, 'engine'>, context: TurnContext, topics?: readonly TopicMatch[]): TriageResult {
  const analysis = readTurnInput(context, services.engine).analysis;
  return services.engine.decide([topics === undefined ? analysis : { ...analysis, topics }], {});
}

/** The most important red-flag question the core still finds worth asking, if any. */
export function nextScreeningQuestion(run: FlowRun, context: TurnContext, session: SessionState, state: FlowState, max: number): string | undefined {
  if (state.screened >= max) return undefined;
  const result = decideCase(run.services, context, session);
  return result.questions.find((id) => session.case.answers[id] === undefined && run.services.knowledge.questions.has(id));
}

/** A `say` step: its text, with the decision over this message when it asks for `triage`. */
export async function say(run: FlowRun, context: TurnContext, session: SessionState, step: StepOf<'say'>): Promise<void> {
  const replyId = replyIdOf(run.flow, step);
  await context.sendActivity({
    ...textActivity(run.services.wording.text(step.say, session.voice), replyId),
    ...(step.say.triage ? { channelData: { replyId, triage: triageChannelData(messageDecision(run.services, context)) } } : {}),
  });
}

/** A `dispose` step: the disposition for the conversation so far (or the flow's floor), recorded as the advice that stands. */
export async function dispose(run: FlowRun, context: TurnContext, session: SessionState, step: StepOf<'dispose'>): Promise<void> {
  const { knowledge, wording, logger } = run.services;
  const result = decideCase(run.services, context, session);
  let disposition = knowledge.dispositions.get(result.dispositionId);
  if (disposition === undefined) {
    throw new Error(`dispose: flow "${run.flow.id}": the core chose disposition "${result.dispositionId}", which knowledge/advice.yaml does not define`);
  }
  const floor = step.atLeast === undefined ? undefined : knowledge.dispositions.get(step.atLeast);
  if (floor !== undefined && urgency(floor.level) < urgency(disposition.level)) disposition = floor;
  await context.sendActivity(dispositionActivity({ result, disposition, voice: session.voice, wording, knowledge, replyId: replyIdOf(run.flow, step) }));
  session.case.advice.push(disposition.id);
  session.case.standingAdvice = { level: disposition.level, findings: [...new Set(result.findings.map((f) => f.id))] };
  logger.info(
    {
      ...turnFields(context),
      flow: run.flow.id,
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
export async function answerTopics(run: FlowRun, context: TurnContext, session: SessionState, state: FlowState, step: StepOf<'answer_topics'>): Promise<void> {
  const { knowledge, wording } = run.services;
  const replyId = replyIdOf(run.flow, step);
  const topics: TopicMatch[] =
    step.topics === undefined ? state.topics : step.topics.map((id) => ({ id, evidence: { text: '', start: 0, end: 0, rule: `flow ${replyId}` } }));
  const triage = step.triage ? triageChannelData(messageDecision(run.services, context, uniqueTopics(topics))) : undefined;
  const replies = topicAnswerActivities(topics, { knowledge, wording, voice: session.voice, replyId, ...(triage ? { triage } : {}) });
  if (replies.length > 0) await context.sendActivities(replies);
  // Each question is answered once, also when a linked flow answers topics again.
  if (step.topics === undefined) state.topics = [];
}

/** A topic asked about while a question is pending: its answer now; the question follows. */
export async function answerAside(run: FlowRun, context: TurnContext, input: TurnInput, session: SessionState): Promise<void> {
  const { knowledge, wording, logger } = run.services;
  const replies = topicAnswerActivities(input.analysis.topics, { knowledge, wording, voice: session.voice, replyId: TOPIC_ASIDE_REPLY_ID });
  if (replies.length === 0) return;
  logger.info({ ...turnFields(context), flow: run.flow.id, topics: uniqueTopics(input.analysis.topics).map((t) => t.id) }, 'aside');
  await context.sendActivities(replies);
}

/** A `summary` step: the summary card for the record. */
export async function sendSummary(run: FlowRun, context: TurnContext, session: SessionState, step: StepOf<'summary'>): Promise<void> {
  const { services } = run;
  await context.sendActivity(
    summaryActivity({
      result: decideCase(services, context, session),
      caseState: session.case,
      voice: session.voice,
      now: services.now(),
      incoming: context.activity,
      wording: services.wording,
      knowledge: services.knowledge,
      dialogs: services.dialogs,
      replyId: replyIdOf(run.flow, step),
    }),
  );
}
