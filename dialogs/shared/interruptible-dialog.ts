import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import { ASK_PROMPT } from './ask-prompt.js';
import { common } from './common-texts.js';
import { say, sentences } from './say.js';
import { turnInfo } from './turn-info.js';

const CANCEL = /^\s*(?:cancel|start over|restart|reset|quit|never ?mind|取消|重新開始|重新开始|重來|重来|重新來過|重新来过|算了|不用了)\s*[.!。！]?\s*$/i;
const HELP = /^\s*(?:help|\?|？|menu|幫助|帮助|說明|说明|求助|選單|菜单|功能表)\s*[.!。！]?\s*$/i;
// On SMS, CANCEL, QUIT, STOP, END … unsubscribe at the carrier: MENU starts over there, and the help text says so.
const SMS_START_OVER = /^\s*(?:menu|main menu|start over|restart|reset|never ?mind|選單|菜单|功能表|主選單|主菜单|取消|重新開始|重新开始|重來|重来|重新來過|重新来过|算了|不用了)\s*[.!。！]?\s*$/i;
const SMS_HELP = /^\s*(?:help|\?|？|幫助|帮助|說明|说明|求助)\s*[.!。！]?\s*$/i;
const AGENT = /^\s*(?:agent|human|operator|person|人工|真人|專人|专人|客服|轉人工|转人工)\s*[.!。！]?\s*(?:please|pls|請|请)?\s*$/i;

/** "What can you do?" asks for the help text, not a person (the act model reads "你可以幫我做什麼" as one). */
const CAPABILITIES =
  /^\s*(?:(?:so |and )?what (?:can|do|else can) you do(?: for me)?|what can you help (?:me )?with|how can you help(?: me)?|what are you for|你(?:們|们|哋)?(?:可以|能|會|会|識|识)(?:幫我|帮我|幫|帮|同我)?(?:做|幹|干)?(?:什麼|什么|甚麼|甚么|啲乜|乜嘢|咩)(?:忙|嘢)?|(?:有|提供)(?:什麼|什么|哪些)(?:功能|服務|服务))\s*(?:呢|啊|呀|㗎)?\s*[?？!！。.]*\s*$/i;

export type Interruption = 'agent' | 'cancel' | 'help';

/** Commands that work at any point of any dialog; only a whole short message counts, never words inside a description. */
export function interruptionOf(text: string, isHumanRequest: boolean, channel?: ChannelKind): Interruption | undefined {
  if (CAPABILITIES.test(text)) return 'help';
  if (isHumanRequest || AGENT.test(text)) return 'agent';
  if ((channel === 'sms' ? SMS_START_OVER : CANCEL).test(text)) return 'cancel';
  if ((channel === 'sms' ? SMS_HELP : HELP).test(text)) return 'help';
  return undefined;
}

function deepestActive(dc: DialogContext): string | undefined {
  let current: DialogContext | undefined = dc;
  let id: string | undefined;
  while (current?.activeDialog) {
    id = current.activeDialog.id;
    current = current.child;
  }
  return id;
}

/**
 * Help, cancel / start over and "agent" (人工, 真人) at any point: the dialogs inside run as if nothing
 * happened for help (the open question is asked again), everything is dropped for cancel, and a person
 * is asked for on agent. Subclasses say what "start over" and "a person" mean.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (activity.type === 'message') {
      const { understanding: u, channel } = turnInfo(innerDc.context);
      const interruption = interruptionOf(activity.text ?? '', !!u && (u.isHumanRequest || u.act === 'human'), channel);
      if (interruption === 'agent') {
        const kept = this.keptOnHandoff(innerDc);
        await innerDc.cancelAllDialogs();
        return this.onHumanRequested(innerDc, kept);
      }
      if (interruption === 'cancel') {
        await innerDc.cancelAllDialogs();
        await say(innerDc.context, common(innerDc.context).cancelled, { choices: common(innerDc.context).menu, expectInput: true });
        return this.onCancelled(innerDc);
      }
      if (interruption === 'help') {
        const texts = common(innerDc.context);
        if (deepestActive(innerDc) === ASK_PROMPT) {
          await say(innerDc.context, sentences(innerDc.context, texts.help, texts.helpResume));
          await innerDc.repromptDialog();
        } else {
          await say(innerDc.context, texts.help, { choices: texts.menu, expectInput: true });
        }
        return Dialog.EndOfTurn;
      }
    }
    return super.onContinueDialog(innerDc);
  }

  /** What the dialogs inside had collected that must survive the handoff; read before they are cancelled. */
  protected keptOnHandoff(_innerDc: DialogContext): object | undefined {
    return undefined;
  }

  /** The customer asked for a person; everything inside was cancelled; `kept` is what keptOnHandoff returned. */
  protected abstract onHumanRequested(innerDc: DialogContext, kept?: object): Promise<DialogTurnResult>;
  /** The customer cancelled; everything inside was cancelled and acknowledged. */
  protected abstract onCancelled(innerDc: DialogContext): Promise<DialogTurnResult>;
}
