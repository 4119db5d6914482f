import { ActivityHandler, type ConversationState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { RootOptions } from '../../dialogs/root/root-dialog.js';

/** The event a proactive start sends: `value` is `RootOptions['start']`. */
export const START_DIALOG_EVENT = 'aftercare.startDialog';

/**
 * Routes only (ActivityHandler style): a message continues the active dialog or begins the root dialog;
 * the start event begins a proactive dialog; state is saved after every turn.
 */
export class AftercareBot extends ActivityHandler {
  constructor(conversationState: ConversationState, root: Dialog) {
    super();
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    dialogs.add(root);

    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(root.id);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === START_DIALOG_EVENT) {
        const dc = await dialogs.createContext(context);
        await dc.cancelAllDialogs();
        await dc.beginDialog(root.id, { start: context.activity.value as RootOptions['start'] } satisfies RootOptions);
      }
      await next();
    });

    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await next();
    });
  }
}
