import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { holds, type ConditionScope } from './conditions';
import type { Flow } from './dialogSchema';
import { answerAside, answerTopics, dispose, nextScreeningQuestion, say, sendSummary } from './flowActions';
import { sendPrompt } from './flowPrompts';
import { readReply } from './flowReplies';
import type { FlowOptions, FlowRun, FlowState } from './flowState';
import { textActivity } from './prompts';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';
import { uniqueTopics } from './topicAnswers';
import { readTurnInput } from './turnInput';
import { turnScope } from './turnScope';

export type { FlowOptions } from './flowState';

/** Steps a flow may run in one turn before the interpreter calls it a loop. */
const MAX_STEPS_PER_TURN = 200;

/**
 * Runs one flow of `dialogs/flows/` on botbuilder-dialogs: a small interpreter for the step
 * vocabulary of `dialogSchema.ts`. Wording and branching live in the flow; this class only walks the
 * steps. What each kind of step does lives in `flowActions.ts`, reading a reply in `flowReplies.ts`
 * and asking in `flowPrompts.ts`.
 */
export class FlowDialog extends Dialog<FlowOptions> {
  /** The dialog id of a flow. */
  static idOf(flowId: string): string {
    return `flow:${flowId}`;
  }

  private readonly run: FlowRun;

  constructor(
    private readonly flow: Flow,
    private readonly services: BotServices,
  ) {
    super(FlowDialog.idOf(flow.id));
    this.run = { flow, services };
  }

  override getVersion(): string {
    return `${this.flow.id}@${this.flow.version}`;
  }

  async beginDialog(dc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    const input = readTurnInput(dc.context, this.services.engine);
    // New advice is on its way: what the person adds before it is folded into it, not news. (A flow
    // that gives advice only on a condition, like a question about a red flag, leaves it standing.)
    if (this.flow.steps.some((s) => s.kind === 'dispose' && s.when === undefined)) delete (await this.services.sessions.get(dc.context)).case.standingAdvice;
    const state = this.stateOf(dc);
    Object.assign(state, { step: 0, slots: {}, screened: 0, topics: [...(options?.topics ?? input.analysis.topics)] });
    return this.runSteps(dc, state);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = this.stateOf(dc);
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined || step.id !== state.pending.stepId) return this.runSteps(dc, state);
    const input = readTurnInput(dc.context, this.services.engine);
    const session = await this.services.sessions.get(dc.context);
    const outcome = readReply(this.run, step, state, input, session);
    if (outcome === 'not_understood') {
      if (step.kind !== 'ask_text') {
        const reprompt = step.kind === 'ask_choice' ? 'choice_reprompt' : 'yes_no_reprompt';
        await dc.context.sendActivity(textActivity(this.services.wording.message(reprompt, session.voice), reprompt));
      }
      await sendPrompt(this.run, dc.context, step, state, session);
      return Dialog.EndOfTurn;
    }
    if (outcome === 'noted') await dc.context.sendActivity(textActivity(this.services.wording.message('noted', session.voice), 'noted'));
    if (outcome !== 'answered') await answerAside(this.run, dc.context, input, session);
    // "No, but can he drink alcohol?": answered after the advice (an `answer_topics` step), which comes first.
    else if (input.analysis.isQuestion) state.topics = uniqueTopics([...state.topics, ...input.analysis.topics]);
    return this.runSteps(dc, state);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as FlowState;
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined) return;
    await sendPrompt(this.run, context, step, state, await this.services.sessions.get(context));
  }

  private stateOf(dc: DialogContext): FlowState {
    const instance = dc.activeDialog;
    if (instance === undefined) throw new Error(`FlowDialog.stateOf: no active dialog for flow "${this.flow.id}"`);
    return instance.state as FlowState;
  }

  private scope(context: TurnContext, session: SessionState, state: FlowState): ConditionScope {
    return turnScope(this.services, context, session, state.slots);
  }

  /** Runs steps from the current one until one waits for a reply or the flow ends. */
  private async runSteps(dc: DialogContext, state: FlowState): Promise<DialogTurnResult> {
    const session = await this.services.sessions.get(dc.context);
    const context = dc.context;
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const step = this.flow.steps[state.step];
      if (step === undefined) return dc.endDialog();
      if (step.when !== undefined && !holds(step.when, this.scope(context, session, state))) {
        state.step += 1;
        continue;
      }
      switch (step.kind) {
        case 'say':
          await say(this.run, context, session, step);
          break;
        case 'ask_text':
        case 'ask_yes_no':
        case 'ask_choice':
        case 'ask_question':
          state.pending = { stepId: step.id, ...(step.kind === 'ask_question' ? { question: step.question } : {}) };
          await sendPrompt(this.run, context, step, state, session);
          return Dialog.EndOfTurn;
        case 'screen': {
          const next = nextScreeningQuestion(this.run, context, session, state, step.maxQuestions);
          if (next === undefined) break;
          state.pending = { stepId: step.id, question: next };
          await sendPrompt(this.run, context, step, state, session);
          return Dialog.EndOfTurn;
        }
        case 'dispose':
          await dispose(this.run, context, session, step);
          break;
        case 'answer_topics':
          await answerTopics(this.run, context, session, state, step);
          break;
        case 'summary':
          await sendSummary(this.run, context, session, step);
          break;
        case 'next': {
          const scope = this.scope(context, session, state);
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
    throw new Error(`FlowDialog.runSteps: flow "${this.flow.id}" ran ${MAX_STEPS_PER_TURN} steps without waiting for a reply; check its next rules for a loop`);
  }
}
