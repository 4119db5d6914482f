import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ChannelKind } from '../../src/messages/channel-kind.js';
import type { Understanding } from '../../src/understanding/understanding-schema.js';
import type { KnowledgeBase } from '../inquiry/knowledge-base.js';
import { sayKnowledgeAnswers } from '../inquiry/knowledge-answers.js';
import { onlyAsks, topicsAsked } from '../inquiry/questions.js';
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

/**
 * "actually never mind, i found the batteries were dead", "不用了 謝謝 我自己處理好了", "算了不修了": the customer
 * no longer wants what they started. Phrases that give up, or say the problem went away; never with a question
 * or a "but" after it ("it works now but it is noisy" is still a report).
 */
// Only phrases about the whole request: a bare "不用了" or "no need" at an optional question means "skip it";
// "算了 不用了" and "不用了，謝謝" at the start of a message stop the whole form (QA5 c27).
const GIVE_UP =
  /\b(?:never ?mind|nvm|forget (?:it|about it)|don'?t bother|no need (?:for (?:a |the )?(?:repair|technician|ticket|visit)|any ?more)|(?:i |we )?(?:don'?t|do not|no longer) need (?:a repair|the repair|a technician|the technician|a visit|the visit|a ticket|the ticket|it any ?more)|cancel (?:the|my|this) (?:request|report|repair|ticket|visit))\b|不修了|不用修|不需要修|不用報修|不用报修|不報修了|不报修了|取消報修|取消报修|不用麻煩了|不用麻烦了|唔修(?:喇|了|啦)|唔使修|唔駛修|唔洗修|^\s*(?:那|好吧?)?[\s,，、]*算了(?:吧|啦)?[\s,，、.。!！~]*(?:不用了|不需要了|唔使喇|唔使了)|^\s*不用了(?:啦|喔)?[\s,，、.。!！~]*(?:謝謝|谢谢|多謝|多谢|唔該|唔该|thanks?|thx)/i;
const SOLVED =
  /\b(?:(?:it'?s|its|it is|all) (?:working(?: again| now)?|(?:fine|ok|okay|good) (?:again|now)|sorted|fixed|solved)|(?:i|we)(?:'ve| have)? (?:fixed|sorted|solved|figured out) (?:it|that|this|the problem)|(?:got|have) it working|works (?:again|now|fine now)|found (?:out )?(?:the|what|that)\b.{0,40}\b(?:problem|issue|cause|batter(?:y|ies)|plug|switch|dead|unplugged))|(?:自己|我)(?:已經|已经)?(?:處理|处理|修|搞|弄|解決|解决)(?:好|掂|定)|(?:已經|已经)(?:好了|修好了|正常了|沒事了|没事了)|(?:重開機|重开机|重新開機|重新开机|重啟|重启|重新啟動|重新启动|重新插|插好|拔掉再插|重設|重设|reset|restart(?:ed)?|reboot(?:ed)?)[^，,。.]{0,8}?(?:就|便|又)?(?:好了|可以了|可以用了|正常了|ok了|冇事)|\b(?:rebooted|restarted|reset|turned it off and on(?: again)?)\b.{0,30}\b(?:works|working|fine|ok|okay)\b|恢復正常|恢复正常|沒事了|没事了|冇事喇|冇事了|搞掂咗|沒問題了|没问题了|原來是|原来是/i;
const BUT = /\b(?:but|however|except|still)\b|但是|可是|不過|不过|還是|还是|仍然|依然/i;
const QUESTION_MARK = /[?？]/;

/** How a customer gave up: `solved` when the problem went away, `stopped` when they just do not want it any more. */
export type GivenUp = 'solved' | 'stopped';

export function givenUp(text: string): GivenUp | undefined {
  if (text.length > 160 || QUESTION_MARK.test(text) || BUT.test(text)) return undefined;
  const solved = SOLVED.test(text);
  if (!solved && !GIVE_UP.test(text)) return undefined;
  return solved ? 'solved' : 'stopped';
}

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
 * is asked for on agent. Subclasses say what "start over" and "a person" mean. Beside an open question,
 * "never mind, it works now" drops a report, and a knowledge-base question or small talk is answered before
 * the question is asked again (saidInPassing); subclasses supply the knowledge base and what counts as a report.
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
      if (interruption === 'cancel' && this.somethingOpen(innerDc) && !this.cancelReadInside(innerDc, activity.text ?? '')) {
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
      const handled = await this.saidInPassing(innerDc, activity.text ?? '', u);
      if (handled) return handled;
    }
    return super.onContinueDialog(innerDc);
  }

  /**
   * What a customer says beside the question asked: giving up the report, a knowledge-base question, small talk.
   * Returns the turn's result when that was all the message said; undefined lets the dialogs inside read it.
   */
  private async saidInPassing(innerDc: DialogContext, text: string, u: Understanding | undefined): Promise<DialogTurnResult | undefined> {
    const texts = common(innerDc.context);
    const gaveUp = this.reportOpen(innerDc) ? givenUp(text) : undefined;
    if (gaveUp) {
      // Nothing was opened yet: the draft is dropped, and the customer is let go without a menu to answer.
      await innerDc.cancelAllDialogs();
      await say(innerDc.context, gaveUp === 'solved' ? texts.givenUpSolved : texts.givenUpStopped);
      return this.onCancelled(innerDc);
    }
    const kb = this.knowledgeBase();
    if (!kb || deepestActive(innerDc) !== ASK_PROMPT) return undefined;
    const aside = onlyAsks(text, kb);
    if (aside.length > 0) {
      // "wait, what's the warranty period?" in the middle of a report: answered, then the open question again.
      await sayKnowledgeAnswers(innerDc.context, aside, kb, texts.helpResume);
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    // Only in a report: "haha, all good" is a fine answer to a survey's "any suggestion?".
    const chat = this.reportOpen(innerDc) ? this.chatter(text, u) : undefined;
    if (chat) {
      // "lol how's the weather" to "May I have your name?" is no name: a friendly word, then the question again.
      await say(innerDc.context, sentences(innerDc.context, chat === 'rude' ? texts.rudeInReport : texts.smalltalk, texts.helpResume));
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    // A question beside an answer ("Jason Wu. where do I bring it in?"): answered, and the answer goes on to the question asked.
    const asked = topicsAsked(text, kb, { questionsOnly: true });
    if (asked.length > 0) await sayKnowledgeAnswers(innerDc.context, asked, kb);
    return undefined;
  }

  /** Whether anything is open for "cancel" to drop; when not, the message goes on to the dialogs (MENU then shows the menu). */
  protected somethingOpen(_innerDc: DialogContext): boolean {
    return true;
  }

  /** Whether a dialog inside reads this "cancel" itself (a survey ends with its own thanks and goodbye). */
  protected cancelReadInside(_innerDc: DialogContext, _text: string): boolean {
    return false;
  }

  /** Small talk or a rude remark with nothing to act on; undefined when the message has service content. */
  protected chatter(_text: string, _u: Understanding | undefined): 'banter' | 'rude' | undefined {
    return undefined;
  }

  /** Whether a report is being collected, which "never mind, it works now" drops. */
  protected reportOpen(_innerDc: DialogContext): boolean {
    return false;
  }

  /** Questions asked in passing are answered from it; none: left to the dialogs. */
  protected knowledgeBase(): KnowledgeBase | undefined {
    return undefined;
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
