import type { TurnContext } from 'botbuilder';
import type { Level, TriageResult } from '../triage/types';
import { replyContext, type ConditionScope } from './conditions';
import type { BotServices } from './services';
import type { SessionState } from './sessionState';
import { decideOnce } from './turnDecisions';
import { readTurnInput } from './turnInput';

/**
 * The conditions' view of this turn: the decision over the conversation with this message's
 * findings counted (whether a flow has recorded them yet or not), the message itself, and the advice
 * that stands. `slots` are the active flow's; routes and interrupts have none.
 *
 * `result` and `levelBefore` are decided when a condition first reads them, and once per turn for the
 * same analyses and answers (`decideOnce`), however many scopes the interrupts, routes and steps build.
 */
export function turnScope(
  services: Pick<BotServices, 'engine' | 'knowledge' | 'vocabulary'>,
  context: TurnContext,
  session: SessionState,
  slots: Readonly<Record<string, string>> = {},
): ConditionScope {
  const { engine, knowledge, vocabulary } = services;
  const input = readTurnInput(context, engine);
  const { analyses, answers, standingAdvice } = session.case;
  // A flow may have recorded this message already (the same object, this turn); count it once.
  const before = analyses.filter((a) => a !== input.analysis);
  const reports = input.analysis.findings.length > 0;
  const decide = (withMessage: boolean): TriageResult => decideOnce(context, engine, withMessage ? [...before, input.analysis] : before, answers);
  return {
    get result(): TriageResult {
      return decide(reports);
    },
    get levelBefore(): Level {
      return decide(false).level;
    },
    answers,
    message: input.analysis,
    messageText: input.text,
    slots,
    voice: session.voice,
    knowledge,
    closings: vocabulary.closings,
    ...replyContext(vocabulary, input.text, session.lastReplyId, input.analysis.findings.some((f) => f.status === 'present')),
    ...(standingAdvice === undefined ? {} : { standingAdvice }),
  };
}
