import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { turnFields } from './botLogger';
import { holds, type ConditionScope } from './conditions';
import type { CommandId } from './dialogSchema';
import { FlowDialog } from './flowDialog';
import { textActivity } from './prompts';
import type { BotServices } from './services';
import { newCase, type SessionState } from './sessionState';
import { CALLER_ON_THIS_MACHINE } from './staffModePolicy';
import { presentFindings, readTurnInput } from './turnInput';
import { turnScope } from './turnScope';

/**
 * The one place every message passes through, whatever flow is active (core-bot's
 * `CancelAndHelpDialog`, grown up). Before any flow sees a message:
 *
 * 1. the interrupts of `dialogs/routes.yaml`: a message that reveals an emergency cancels the
 *    active flow and gets the emergency flow at once (safety rule: no clarifying question first);
 *    after advice, one that reports what the advice was not given for is triaged again, whatever
 *    prompt was waiting;
 * 2. the global commands of `dialogs/commands.yaml`: help, restart, cancel, staff and patient mode;
 * 3. a message with nothing to read (attachments only) gets "I can only read text";
 * 4. once the case is an emergency, anything else the person says ("thanks", a question) gets a
 *    reminder of the emergency number before its usual reply.
 *
 * Subclasses decide what a message starts when no flow is active (`onBeginFlow`).
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(
    dialogId: string,
    protected readonly services: BotServices,
  ) {
    super(dialogId);
  }

  /**
   * Starts the flow for a message that arrives when none is active. `scope` is the interrupts' view
   * of the message, when it was one (nothing has been recorded since).
   */
  protected abstract onBeginFlow(innerDc: DialogContext, scope?: ConditionScope): Promise<DialogTurnResult>;

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const checked = await this.interrupt(innerDc);
    return checked.turn ?? this.onBeginFlow(innerDc, checked.scope);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)).turn ?? super.onContinueDialog(innerDc);
  }

  /** The conditions' view of this message added to the conversation so far. */
  protected scopeFor(innerDc: DialogContext, session: SessionState): ConditionScope {
    return turnScope(this.services, innerDc.context, session);
  }

  /** Adds this message's findings (present, negated or hypothetical) to the conversation. */
  protected async recordMessage(innerDc: DialogContext, session: SessionState): Promise<void> {
    const input = readTurnInput(innerDc.context, this.services.engine);
    if (input.analysis.findings.length > 0) session.case.analyses.push(input.analysis);
  }

  /** The interrupt's turn, if one took the message; else the scope it read the message with. */
  private async interrupt(innerDc: DialogContext): Promise<{ readonly turn?: DialogTurnResult; readonly scope?: ConditionScope }> {
    const context = innerDc.context;
    if (context.activity.type !== ActivityTypes.Message) return {};
    const { sessions, dialogs, vocabulary, logger } = this.services;
    const session = await sessions.get(context);
    const input = readTurnInput(context, this.services.engine);

    const scope = this.scopeFor(innerDc, session);
    const hit = dialogs.routes.interrupts.find((route) => holds(route.if, scope));
    if (hit !== undefined) {
      logger.info(
        { ...turnFields(context), interrupt: hit.id, flow: hit.flow, interrupted: innerDc.activeDialog?.id ?? null, findings: presentFindings(input.analysis), level: scope.result.level },
        'interrupt',
      );
      await this.recordMessage(innerDc, session);
      await innerDc.cancelAllDialogs();
      return { turn: await innerDc.beginDialog(FlowDialog.idOf(hit.flow)) };
    }

    const command = vocabulary.command(input.text);
    if (command !== undefined) {
      logger.info({ ...turnFields(context), command, active: innerDc.activeDialog?.id ?? null }, 'command');
      return { turn: await this.onCommand(command, innerDc, session) };
    }

    if (input.text === '' && input.submit === undefined) {
      await context.sendActivity(textActivity(this.services.wording.message('text_only', session.voice), 'text_only'));
      return { turn: await this.resume(innerDc) };
    }

    // Not a symptom report (that would have been the interrupt), yet the case is an emergency: the
    // message is answered as usual, after a short reminder rather than the whole advice again.
    if (scope.result.level === 'emergency') {
      logger.info({ ...turnFields(context), reminder: 'emergency_reminder' }, 'reminder');
      await context.sendActivity(textActivity(this.services.wording.message('emergency_reminder', session.voice), 'emergency_reminder'));
    }
    return { scope };
  }

  private async onCommand(command: CommandId, innerDc: DialogContext, session: SessionState): Promise<DialogTurnResult> {
    const { wording, staffMode } = this.services;
    const say = (id: Parameters<typeof wording.message>[0]) => innerDc.context.sendActivity(textActivity(wording.message(id, session.voice), id));
    switch (command) {
      case 'help':
        await say('help');
        return this.resume(innerDc);
      case 'restart':
        await innerDc.cancelAllDialogs();
        session.case = newCase();
        await say('restarted');
        return { status: DialogTurnStatus.complete };
      case 'cancel':
        await innerDc.cancelAllDialogs();
        await say('cancelled');
        return { status: DialogTurnStatus.complete };
      case 'staff_mode':
        if (staffMode.allows(innerDc.context.activity, innerDc.context.turnState.get(CALLER_ON_THIS_MACHINE) !== false)) {
          session.voice = 'staff';
          await say('staff_mode_on');
        } else {
          await say('staff_mode_refused');
        }
        return this.resume(innerDc);
      case 'patient_mode':
        session.voice = 'patient';
        await say('patient_mode_on');
        return this.resume(innerDc);
    }
  }

  /** After an aside (help, a mode switch): ask the pending question again, or end the turn. */
  private async resume(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.activeDialog === undefined) return { status: DialogTurnStatus.complete };
    await innerDc.repromptDialog();
    return Dialog.EndOfTurn;
  }
}
