import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { urgency } from '../triage/levels';
import type { Analysis, Answer, TopicMatch, TriageResult } from '../triage/types';
import { turnFields } from './botLogger';
import { holds, type ConditionScope } from './conditions';
import type { Choice, Flow, FlowStep } from './dialogSchema';
import { dispositionActivity, triageChannelData } from './dispositionCard';
import { normalizePhrase } from './phraseSet';
import { promptActivity, textActivity, type PromptButton } from './prompts';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';
import { summaryActivity } from './summaryCard';
import { needsCardButtons } from './teamsRules';
import { TOPIC_ASIDE_REPLY_ID, topicAnswerActivities, uniqueTopics } from './topicAnswers';
import { readTurnInput, reportedFindings, type TurnInput } from './turnInput';
import { turnScope } from './turnScope';

/** How a flow is started: the topics of the message that started it, kept for `answer_topics`. */
export interface FlowOptions {
  readonly topics?: readonly TopicMatch[];
}

/** A flow's place in the conversation, kept in the dialog stack (plain JSON). */
interface FlowState {
  /** Index of the current step. */
  step: number;
  /** The step waiting for the person's reply, and for `screen` the question asked. */
  pending?: { stepId: string; question?: string };
  slots: Record<string, string>;
  /** Red-flag questions asked by `screen` steps so far. */
  screened: number;
  /** Topics asked about and not answered yet: the first message's, and any asked beside an answer. */
  topics: TopicMatch[];
}

type AskStep = Extract<FlowStep, { kind: 'ask_yes_no' | 'ask_choice' | 'ask_text' }>;

/** What a reply to the pending step was: its answer, findings to add, a topic question, or none of these. */
type ReplyOutcome = 'answered' | 'noted' | 'aside' | 'not_understood';

/** Steps a flow may run in one turn before the interpreter calls it a loop. */
const MAX_STEPS_PER_TURN = 200;

/**
 * Runs one flow of `dialogs/flows/` on botbuilder-dialogs: a small interpreter for the step
 * vocabulary of `dialogSchema.ts`. Wording and branching live in the flow; this class only knows
 * what each kind of step does.
 */
export class FlowDialog extends Dialog<FlowOptions> {
  /** The dialog id of a flow. */
  static idOf(flowId: string): string {
    return `flow:${flowId}`;
  }

  constructor(
    private readonly flow: Flow,
    private readonly services: BotServices,
  ) {
    super(FlowDialog.idOf(flow.id));
  }

  override getVersion(): string {
    return `${this.flow.id}@${this.flow.version}`;
  }

  async beginDialog(dc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    const input = readTurnInput(dc.context, this.services.engine);
    // New advice is on its way: what the person adds before it is folded into it, not news.
    if (this.flow.steps.some((s) => s.kind === 'dispose')) delete (await this.services.sessions.get(dc.context)).case.standingAdvice;
    const state = this.stateOf(dc);
    Object.assign(state, { step: 0, slots: {}, screened: 0, topics: [...(options?.topics ?? input.analysis.topics)] });
    return this.run(dc, state);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = this.stateOf(dc);
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined || step.id !== state.pending.stepId) return this.run(dc, state);
    const input = readTurnInput(dc.context, this.services.engine);
    const session = await this.services.sessions.get(dc.context);
    const outcome = this.readReply(step, state, input, session);
    if (outcome === 'not_understood') {
      if (step.kind !== 'ask_text') {
        const reprompt = step.kind === 'ask_choice' ? 'choice_reprompt' : 'yes_no_reprompt';
        await dc.context.sendActivity(textActivity(this.services.wording.message(reprompt, session.voice), reprompt));
      }
      await this.sendPrompt(dc.context, step, state, session);
      return Dialog.EndOfTurn;
    }
    if (outcome === 'noted') await dc.context.sendActivity(textActivity(this.services.wording.message('noted', session.voice), 'noted'));
    if (outcome !== 'answered') await this.answerAside(dc.context, input, session);
    // "No, but can he drink alcohol?": answered after the advice (an `answer_topics` step), which comes first.
    else if (input.analysis.isQuestion) state.topics = uniqueTopics([...state.topics, ...input.analysis.topics]);
    return this.run(dc, state);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as FlowState;
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined) return;
    await this.sendPrompt(context, step, state, await this.services.sessions.get(context));
  }

  private stateOf(dc: DialogContext): FlowState {
    const instance = dc.activeDialog;
    if (instance === undefined) throw new Error(`FlowDialog.stateOf: no active dialog for flow "${this.flow.id}"`);
    return instance.state as FlowState;
  }

  // -------------------------------------------------------------------------------------------
  // Replies
  // -------------------------------------------------------------------------------------------

  /**
   * Reads the reply to the pending step and records it. Free text that is not an answer is not
   * dropped: findings are added to the conversation (`noted`), a topic question is answered
   * (`aside`); either way the step runs again (after deciding again) and asks its question again.
   */
  private readReply(step: FlowStep, state: FlowState, input: TurnInput, session: SessionState): ReplyOutcome {
    const pending = state.pending;
    if (pending === undefined) return 'answered';
    const caseState = session.case;
    const noteFindings = (): ReplyOutcome => {
      const { findings, topics } = input.analysis;
      if (findings.length === 0 && topics.length === 0) return 'not_understood';
      // Topics count too, as in the core: "how do I come off it?" is a prescriber matter.
      caseState.analyses.push(input.analysis);
      state.pending = undefined;
      // Nothing reported beside a topic (findings only hypothetical, negated or context): a question
      // ("what if I stop suddenly?", "is my pump safe?"), answered aside; context is kept all the same.
      return topics.length > 0 && reportedFindings(input.analysis, this.services.knowledge).length === 0 ? 'aside' : 'noted';
    };

    if (step.kind === 'ask_text') {
      if (input.text === '') return 'not_understood';
      if (input.analysis.findings.length > 0) caseState.analyses.push(input.analysis);
      state.slots[step.ask.slot] = 'given';
      return this.advance(state);
    }

    if (step.kind === 'ask_choice') {
      const choice = this.choiceFor(step.ask.choices, input, step.id);
      if (choice === undefined) return noteFindings();
      state.slots[step.ask.slot] = choice.id;
      if (step.ask.in_summary) caseState.asked.push({ id: `${this.flow.id}.${step.id}`, answer: choice.id });
      if (choice.adds_finding !== undefined) caseState.analyses.push(this.choiceAnalysis(choice, step.id, session));
      return this.advance(state);
    }

    const answer = this.answerFor(input, pending.question ?? step.id, pending.question === undefined ? 'step' : 'question');
    if (answer === undefined) return noteFindings();
    if (pending.question !== undefined) {
      caseState.answers[pending.question] = answer;
      caseState.asked.push({ id: pending.question, answer });
      if (step.kind === 'screen') {
        state.screened += 1;
        state.pending = undefined;
        return 'answered';
      }
      return this.advance(state);
    }
    if (step.kind === 'ask_yes_no') {
      state.slots[step.ask.slot] = answer;
      if (step.ask.in_summary) caseState.asked.push({ id: `${this.flow.id}.${step.id}`, answer });
    }
    return this.advance(state);
  }

  private advance(state: FlowState): 'answered' {
    state.pending = undefined;
    state.step += 1;
    return 'answered';
  }

  /** A yes/no answer from a button value, a whole typed word, or (when no findings) a leading one. */
  private answerFor(input: TurnInput, target: string, by: 'question' | 'step'): Answer | undefined {
    const { vocabulary } = this.services;
    if (input.submit?.answer !== undefined) {
      const submitted = by === 'question' ? input.submit.question : input.submit.step;
      // A button of an older card answers nothing now.
      return submitted === undefined || submitted === target ? input.submit.answer : undefined;
    }
    const exact = vocabulary.exactAnswer(input.text);
    if (exact !== undefined) return exact;
    if (input.analysis.findings.some((f) => f.status === 'present')) return undefined;
    return vocabulary.leadingAnswer(input.text);
  }

  private choiceFor(choices: readonly Choice[], input: TurnInput, stepId: string): Choice | undefined {
    if (input.submit?.choice !== undefined) {
      return input.submit.step === undefined || input.submit.step === stepId ? choices.find((c) => c.id === input.submit?.choice) : undefined;
    }
    const typed = normalizePhrase(input.text);
    if (typed === '') return undefined;
    return choices.find((c) =>
      [c.id, c.label.patient, c.label.staff, ...c.synonyms].some((phrase) => normalizePhrase(phrase) === typed),
    );
  }

  /** A choice that reports a finding becomes evidence like a message would be. */
  private choiceAnalysis(choice: Choice, stepId: string, session: SessionState): Analysis {
    const text = this.services.wording.text(choice.label, session.voice);
    const evidence = { text, start: 0, end: text.length, rule: `choice ${choice.id} in ${this.flow.id}.${stepId}` };
    return { findings: [{ id: choice.adds_finding ?? '', status: 'present', evidence, modifiers: [] }], topics: [], isQuestion: false };
  }

  // -------------------------------------------------------------------------------------------
  // Running steps
  // -------------------------------------------------------------------------------------------

  private decide(session: SessionState): TriageResult {
    return this.services.engine.decide(session.case.analyses, session.case.answers);
  }

  private scope(context: TurnContext, session: SessionState, state: FlowState): ConditionScope {
    return turnScope(this.services, context, session, state.slots);
  }

  /** Runs steps from the current one until one waits for a reply or the flow ends. */
  private async run(dc: DialogContext, state: FlowState): Promise<DialogTurnResult> {
    const session = await this.services.sessions.get(dc.context);
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const step = this.flow.steps[state.step];
      if (step === undefined) return dc.endDialog();
      if (step.when !== undefined && !holds(step.when, this.scope(dc.context, session, state))) {
        state.step += 1;
        continue;
      }
      switch (step.kind) {
        case 'say':
          await dc.context.sendActivity({
            ...textActivity(this.services.wording.text(step.say, session.voice), this.replyId(step)),
            ...(step.say.triage ? { channelData: { replyId: this.replyId(step), triage: triageChannelData(this.messageDecision(dc.context)) } } : {}),
          });
          break;
        case 'ask_text':
        case 'ask_yes_no':
        case 'ask_choice':
        case 'ask_question':
          state.pending = { stepId: step.id, ...(step.kind === 'ask_question' ? { question: step.question } : {}) };
          await this.sendPrompt(dc.context, step, state, session);
          return Dialog.EndOfTurn;
        case 'screen': {
          const next = this.nextScreeningQuestion(session, state, step.maxQuestions);
          if (next === undefined) break;
          state.pending = { stepId: step.id, question: next };
          await this.sendPrompt(dc.context, step, state, session);
          return Dialog.EndOfTurn;
        }
        case 'dispose':
          await this.dispose(dc.context, session, step);
          break;
        case 'answer_topics':
          await this.answerTopics(dc.context, session, state, step);
          break;
        case 'summary':
          await dc.context.sendActivity(
            summaryActivity({
              result: this.decide(session),
              caseState: session.case,
              voice: session.voice,
              now: this.services.now(),
              wording: this.services.wording,
              knowledge: this.services.knowledge,
              dialogs: this.services.dialogs,
              replyId: this.replyId(step),
            }),
          );
          break;
        case 'next': {
          const scope = this.scope(dc.context, session, state);
          const rule = step.rules.find((r) => r.if === undefined || holds(r.if, scope));
          if (rule !== undefined) {
            if (rule.goto === 'end') return dc.endDialog();
            state.step = this.flow.steps.findIndex((s) => s.id === rule.goto);
            continue;
          }
          break;
        }
        case 'link':
          return dc.replaceDialog(FlowDialog.idOf(step.flow), { topics: state.topics });
        case 'end':
          return dc.endDialog();
      }
      state.step += 1;
    }
    throw new Error(`FlowDialog.run: flow "${this.flow.id}" ran ${MAX_STEPS_PER_TURN} steps without waiting for a reply; check its next rules for a loop`);
  }

  /** The most important red-flag question the core still finds worth asking, if any. */
  private nextScreeningQuestion(session: SessionState, state: FlowState, max: number): string | undefined {
    if (state.screened >= max) return undefined;
    const result = this.decide(session);
    return result.questions.find((id) => session.case.answers[id] === undefined && this.services.knowledge.questions.has(id));
  }

  /** The decision over this message alone: what an answer to a question is about. */
  private messageDecision(context: TurnContext, topics?: readonly TopicMatch[]): TriageResult {
    const analysis = readTurnInput(context, this.services.engine).analysis;
    return this.services.engine.decide([topics === undefined ? analysis : { ...analysis, topics }], {});
  }

  private replyId(step: FlowStep): string {
    return `${this.flow.id}.${step.id}`;
  }

  private async dispose(context: TurnContext, session: SessionState, step: Extract<FlowStep, { kind: 'dispose' }>): Promise<void> {
    const { knowledge, wording, logger } = this.services;
    const atLeast = step.atLeast;
    const result = this.decide(session);
    let disposition = knowledge.dispositions.get(result.dispositionId);
    if (disposition === undefined) {
      throw new Error(`FlowDialog.dispose: the core chose disposition "${result.dispositionId}", which knowledge/advice.yaml does not define`);
    }
    const floor = atLeast === undefined ? undefined : knowledge.dispositions.get(atLeast);
    if (floor !== undefined && urgency(floor.level) < urgency(disposition.level)) disposition = floor;
    await context.sendActivity(dispositionActivity({ result, disposition, voice: session.voice, wording, knowledge, replyId: this.replyId(step) }));
    session.case.advice.push(disposition.id);
    session.case.standingAdvice = { level: disposition.level, findings: [...new Set(result.findings.map((f) => f.id))] };
    logger.info(
      {
        ...turnFields(context),
        flow: this.flow.id,
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

  private async answerTopics(context: TurnContext, session: SessionState, state: FlowState, step: Extract<FlowStep, { kind: 'answer_topics' }>): Promise<void> {
    const { knowledge, wording } = this.services;
    const topics: TopicMatch[] =
      step.topics === undefined
        ? state.topics
        : step.topics.map((id) => ({ id, evidence: { text: '', start: 0, end: 0, rule: `flow ${this.flow.id}.${step.id}` } }));
    const triage = step.triage ? triageChannelData(this.messageDecision(context, uniqueTopics(topics))) : undefined;
    const replies = topicAnswerActivities(topics, { knowledge, wording, voice: session.voice, replyId: this.replyId(step), ...(triage ? { triage } : {}) });
    if (replies.length > 0) await context.sendActivities(replies);
    // Each question is answered once, also when a linked flow answers topics again.
    if (step.topics === undefined) state.topics = [];
  }

  /** A topic asked about while a question is pending: its answer now; the question follows. */
  private async answerAside(context: TurnContext, input: TurnInput, session: SessionState): Promise<void> {
    const { knowledge, wording, logger } = this.services;
    const replies = topicAnswerActivities(input.analysis.topics, { knowledge, wording, voice: session.voice, replyId: TOPIC_ASIDE_REPLY_ID });
    if (replies.length === 0) return;
    logger.info({ ...turnFields(context), flow: this.flow.id, topics: uniqueTopics(input.analysis.topics).map((t) => t.id) }, 'aside');
    await context.sendActivities(replies);
  }

  // -------------------------------------------------------------------------------------------
  // Prompts
  // -------------------------------------------------------------------------------------------

  private async sendPrompt(context: TurnContext, step: FlowStep, state: FlowState, session: SessionState): Promise<void> {
    const { wording, knowledge } = this.services;
    const voice = session.voice;
    const yesNo = (data: Record<string, string>): PromptButton[] =>
      (['yes', 'no', 'unsure'] as const).map((answer) => ({ title: wording.label(answer, voice), data: { answer, ...data } }));
    const question = state.pending?.question === undefined ? undefined : knowledge.questions.get(state.pending.question);
    if (question !== undefined) {
      const text = wording.template('listen_for', voice, { question: wording.text(question.text, voice), listen_for: question.listen_for });
      const ids = { replyId: this.replyId(step), questionId: question.id };
      await context.sendActivity(promptActivity(text, yesNo({ question: question.id }), { useCardButtons: needsCardButtons(context, 3) }, ids));
      return;
    }
    if (!isAsk(step)) return;
    const text = wording.template('listen_for', voice, { question: wording.text(step.ask.prompt, voice), listen_for: step.ask.listen_for });
    if (step.kind === 'ask_text') {
      await context.sendActivity({ ...textActivity(text, this.replyId(step)), inputHint: 'expectingInput' });
      return;
    }
    const buttons =
      step.kind === 'ask_yes_no'
        ? yesNo({ step: step.id })
        : step.ask.choices.map((c) => ({ title: wording.text(c.label, voice), data: { choice: c.id, step: step.id } }));
    await context.sendActivity(promptActivity(text, buttons, { useCardButtons: needsCardButtons(context, buttons.length) }, { replyId: this.replyId(step) }));
  }
}

function isAsk(step: FlowStep): step is AskStep {
  return step.kind === 'ask_text' || step.kind === 'ask_yes_no' || step.kind === 'ask_choice';
}
