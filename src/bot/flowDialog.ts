import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from './dialogKit';
import { holds } from '../dialogs/conditions';
import type { Flow } from '../dialogs/dialogSchema';
import { answerAside, answerTopics, askedKey, dispose, nextScreeningAsk, say, sendSummary } from './flowActions';
import { sendPrompt } from './flowPrompts';
import { readReply } from './flowReplies';
import type { FlowOptions, FlowState, StepContext } from './flowState';
import { textActivity } from './prompts';
import type { BotServices } from './services';
import { uniqueTopics } from './topicAnswers';
import { turnOf } from './turnOf';

export type { FlowOptions } from './flowState';

/** Counts a question towards the flow's `max_questions`: each once, however often it is asked again. */
function noteAsking(state: FlowState, key: string): void {
  // State stored before the count was kept has none: start it.
  state.asked ??= [];
  if (!state.asked.includes(key)) state.asked.push(key);
}

/** Steps a flow may run in one turn before the interpreter calls it a loop. */
const MAX_STEPS_PER_TURN = 200;

/**
 * Runs one flow of `dialogs/flows/` on botbuilder-dialogs: a small interpreter for the step
 * vocabulary of `src/dialogs/dialogSchema.ts`. Wording and branching live in the flow; this class
 * only walks the steps. What each kind of step does lives in `flowActions.ts`, reading a reply in
 * `flowReplies.ts` and asking in `flowPrompts.ts`; each gets the turn's `StepContext`.
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
    const at = await this.stepContext(dc);
    // New advice is on its way: what the person adds before it is folded into it, not news. (A flow
    // that gives advice only on a condition, like a question about a red flag, leaves it standing.)
    // (A flow that gives advice first, as poison control for a child, and again only if its questions
    // change it, leaves the advice standing between the two.)
    const scope = at.turn.scope('case', at.session);
    if (this.flow.steps.some((s) => s.kind === 'dispose' && (s.when === undefined || holds(s.when, scope)))) delete at.session.case.standingAdvice;
    Object.assign(at.state, { step: 0, slots: {}, asked: [], topics: [...(options?.topics ?? at.turn.message.askedTopics)] });
    return this.runSteps(dc, at);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const at = await this.stepContext(dc);
    const { state, session, turn } = at;
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined || step.id !== state.pending.stepId) return this.runSteps(dc, at);
    const outcome = readReply(step, at);
    if (outcome === 'not_understood') {
      if (step.kind !== 'ask_text') {
        // "Which of these?" after a combined check is a choice too.
        const reprompt = step.kind === 'ask_choice' || state.pending?.which !== undefined ? 'choice_reprompt' : 'yes_no_reprompt';
        await dc.context.sendActivity(textActivity(this.services.wording.message(reprompt, session.voice), reprompt));
      }
      await sendPrompt(step, at);
      return Dialog.EndOfTurn;
    }
    if (outcome === 'noted') await dc.context.sendActivity(textActivity(this.services.wording.message('noted', session.voice), 'noted'));
    if (outcome !== 'answered') await answerAside(at);
    // "No, but can he drink alcohol?": answered after the advice (an `answer_topics` step), which comes first.
    else if (turn.message.askedTopics.length > 0) state.topics = uniqueTopics([...state.topics, ...turn.message.askedTopics]);
    return this.runSteps(dc, at);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as FlowState;
    const step = this.flow.steps[state.step];
    if (state.pending === undefined || step === undefined) return;
    await sendPrompt(step, { flow: this.flow, services: this.services, context, session: await this.services.sessions.get(context), state });
  }

  private async stepContext(dc: DialogContext): Promise<StepContext> {
    const instance = dc.activeDialog;
    if (instance === undefined) throw new Error(`FlowDialog.stepContext: no active dialog for flow "${this.flow.id}"`);
    const { context } = dc;
    return { flow: this.flow, services: this.services, context, turn: turnOf(context), session: await this.services.sessions.get(context), state: instance.state as FlowState };
  }

  /** Runs steps from the current one until one waits for a reply or the flow ends. */
  private async runSteps(dc: DialogContext, at: StepContext): Promise<DialogTurnResult> {
    const { state, turn, session } = at;
    const scope = () => turn.scope('case', session, state.slots);
    for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
      const step = this.flow.steps[state.step];
      if (step === undefined) return dc.endDialog();
      if (step.when !== undefined && !holds(step.when, scope())) {
        state.step += 1;
        continue;
      }
      switch (step.kind) {
        case 'say':
          await say(step, at);
          break;
        case 'ask_text':
        case 'ask_yes_no':
        case 'ask_choice':
        case 'ask_question':
          state.pending = { stepId: step.id, ...(step.kind === 'ask_question' ? { question: step.question } : {}) };
          noteAsking(state, step.kind === 'ask_question' ? step.question : step.id);
          await sendPrompt(step, at);
          return Dialog.EndOfTurn;
        case 'screen': {
          const next = nextScreeningAsk(step, at);
          if (next === undefined) break;
          state.pending = { stepId: step.id, ...('question' in next ? { question: next.question } : 'any' in next ? { any: [...next.any] } : { which: [...next.which] }) };
          noteAsking(state, askedKey(next));
          await sendPrompt(step, at);
          return Dialog.EndOfTurn;
        }
        case 'dispose':
          await dispose(step, at);
          break;
        case 'answer_topics':
          await answerTopics(step, at);
          break;
        case 'summary':
          await sendSummary(step, at);
          break;
        case 'next': {
          const current = scope();
          const rule = step.rules.find((r) => r.if === undefined || holds(r.if, current));
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
