import type { DialogContext, DialogTurnResult } from './dialogKit';
import { holds, type ConditionScope } from '../dialogs/conditions';
import type { Turn } from '../dialogs/turn';
import { turnFields } from './botLogger';
import { FlowDialog } from './flowDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import type { BotServices } from './services';

/**
 * The conversation: every flow of `dialogs/flows/` runs inside it, so every message passes the
 * interrupts of `InterruptibleDialog` first. A message that arrives with no flow active is routed by
 * `dialogs/routes.yaml`: the first route whose condition holds picks the flow.
 */
export class RootDialog extends InterruptibleDialog {
  static readonly id = 'triageConversation';

  constructor(services: BotServices) {
    super(RootDialog.id, services);
    for (const flow of services.dialogs.flows.values()) this.addDialog(new FlowDialog(flow, services));
  }

  protected async onBeginFlow(innerDc: DialogContext, turn: Turn, scope: ConditionScope): Promise<DialogTurnResult> {
    const { dialogs, logger } = this.services;
    const route = dialogs.routes.routes.find((r) => holds(r.if, scope));
    const flow = route?.flow ?? dialogs.routes.fallback;
    const { analysis, present } = turn.message;
    logger.info(
      {
        ...turnFields(innerDc.context),
        route: route?.id ?? 'fallback',
        flow,
        findings: present,
        topics: analysis.topics.map((t) => t.id),
        isQuestion: analysis.isQuestion,
        level: scope.result.level,
      },
      'route',
    );
    turn.recordMessage();
    return innerDc.beginDialog(FlowDialog.idOf(flow), { topics: turn.message.askedTopics });
  }
}
