import { ActivityTypes } from 'botbuilder';
import { continueActiveDialog } from './continueActiveDialog';
import { ComponentDialog, Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from './dialogKit';
import { holds, type ConditionScope } from '../dialogs/conditions';
import type { CommandId } from '../dialogs/dialogSchema';
import type { Turn } from '../dialogs/turn';
import { turnFields } from './botLogger';
import { FlowDialog } from './flowDialog';
import { textActivity } from './prompts';
import type { BotServices } from './services';
import { newCase, type SessionState } from './sessionState';
import { CALLER_ON_THIS_MACHINE } from './staffModePolicy';
import { turnOf } from './turnOf';

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

  /** Starts the flow for a message that arrives when none is active; `scope` is the routes' view of it. */
  protected abstract onBeginFlow(innerDc: DialogContext, turn: Turn, scope: ConditionScope): Promise<DialogTurnResult>;

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const checked = await this.interrupt(innerDc);
    if (checked.result !== undefined) return checked.result;
    if (checked.turn === undefined || checked.scope === undefined) return { status: DialogTurnStatus.complete };
    return this.onBeginFlow(innerDc, checked.turn, checked.scope);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // As ComponentDialog's own onContinueDialog, without the event no dialog here handles.
    return (await this.interrupt(innerDc)).result ?? continueActiveDialog(innerDc);
  }

  /** The interrupt's result, if one took the message; else the turn and the scope it read the message with. */
  private async interrupt(innerDc: DialogContext): Promise<{ readonly result?: DialogTurnResult; readonly turn?: Turn; readonly scope?: ConditionScope }> {
    const context = innerDc.context;
    if (context.activity.type !== ActivityTypes.Message) return {};
    const { sessions, dialogs, logger } = this.services;
    const session = await sessions.get(context);
    const turn = turnOf(context);
    const { message } = turn;

    const scope = turn.scope('message', session);
    const hit = dialogs.routes.interrupts.find((route) => holds(route.if, scope));
    if (hit !== undefined) {
      logger.info(
        { ...turnFields(context), interrupt: hit.id, flow: hit.flow, interrupted: innerDc.activeDialog?.id ?? null, findings: message.present, level: scope.result.level },
        'interrupt',
      );
      turn.recordMessage();
      await innerDc.cancelAllDialogs();
      return { result: await innerDc.beginDialog(FlowDialog.idOf(hit.flow)) };
    }

    const command = message.command;
    if (command !== undefined) {
      logger.info({ ...turnFields(context), command, active: innerDc.activeDialog?.id ?? null }, 'command');
      return { result: await this.onCommand(command, innerDc, session) };
    }

    if (message.text === '' && message.submit === undefined) {
      await context.sendActivity(textActivity(this.services.wording.message('text_only', session.voice), 'text_only'));
      return { result: await this.resume(innerDc) };
    }

    // Not a symptom report (that would have been the interrupt), yet the case is an emergency: the
    // message is answered as usual, after a short reminder rather than the whole advice again.
    if (scope.result.level === 'emergency') {
      logger.info({ ...turnFields(context), reminder: 'emergency_reminder' }, 'reminder');
      await context.sendActivity(textActivity(this.services.wording.message('emergency_reminder', session.voice), 'emergency_reminder'));
    }
    return { turn, scope };
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
