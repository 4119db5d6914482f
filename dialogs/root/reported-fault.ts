import type { ChannelKind } from '../../src/messages/channel-kind.js';
import { understand } from '../../src/understanding/understand.js';
import type { Understanding } from '../../src/understanding/understanding-schema.js';
import type { KnowledgeBase } from '../inquiry/knowledge-base.js';
import { asks, clausesOf } from '../inquiry/questions.js';

/**
 * Whether a message reports a fault, even when the whole message reads as a question: "冰箱不制冷了，上门维修费多少钱？"
 * and "My fridge is not cooling. Model RF-450. … Address: 3F, 45 Heping W Rd" are reports (with a question, or
 * with an address that looks like one), and must open a ticket. The whole message decides when it is a
 * confident fault; otherwise each clause that is not a question we would answer is read on its own.
 *
 * Reading clauses calls understand() again from a dialog (a few milliseconds per clause, at most a dozen
 * clauses): the candidate to move into the understanding itself as a per-clause reading (see the report).
 */
export function reportsFault(text: string, u: Understanding, kb: KnowledgeBase, channel: ChannelKind): boolean {
  if (u.isEmpty || u.act !== null) return false;
  if (u.category === 'fault' && !u.needsClarification) return true;
  if (u.category === 'complaint' && !u.needsClarification) return false;
  return clausesOf(text).some((clause) => {
    if (/[?？]/.test(clause) || (asks(clause) && kb.match(clause))) return false;
    const c = understand(clause, { channel });
    return c.category === 'fault' && !c.needsClarification && c.act === null;
  });
}
