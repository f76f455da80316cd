import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { turnFields } from './botLogger';
import { holds, type ConditionScope } from './conditions';
import { FlowDialog } from './flowDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import type { BotServices } from './services';
import { presentFindings, readTurnInput } from './turnInput';

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

  protected async onBeginFlow(innerDc: DialogContext, interruptScope?: ConditionScope): Promise<DialogTurnResult> {
    const { sessions, dialogs, logger, engine } = this.services;
    const session = await sessions.get(innerDc.context);
    const scope = interruptScope ?? this.scopeFor(innerDc, session);
    const route = dialogs.routes.routes.find((r) => holds(r.if, scope));
    const flow = route?.flow ?? dialogs.routes.fallback;
    const input = readTurnInput(innerDc.context, engine);
    logger.info(
      {
        ...turnFields(innerDc.context),
        route: route?.id ?? 'fallback',
        flow,
        findings: presentFindings(input.analysis),
        topics: input.analysis.topics.map((t) => t.id),
        isQuestion: input.analysis.isQuestion,
        level: scope.result.level,
      },
      'route',
    );
    await this.recordMessage(innerDc, session);
    return innerDc.beginDialog(FlowDialog.idOf(flow), { topics: input.analysis.topics });
  }
}
