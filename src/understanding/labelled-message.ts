import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Category, ChannelKind, ConversationalAct, Language, Urgency } from './understanding-schema.js';

/** One line of the corpus and of labelled evaluation sets (JSON Lines). */
export const LabelledMessage = z.object({
  id: z.string(),
  channel: ChannelKind,
  language: Language,
  subject: z.string().optional(),
  text: z.string(),
  /**
   * Null where a set leaves a turn without service content unlabelled: a pure act, or a turn that only gives
   * requested data (a name, an address, a phone number). Such turns count for entities, language and acts only.
   */
  category: Category.nullable(),
  urgency: Urgency.nullable(),
  // Some sets name our SR numbers `ticket_number`; scoring treats them as order_or_ticket_ref (see evaluation.ts).
  expected_entities: z.preprocess(
    (v) => (v && typeof v === 'object' && 'ticket_number' in v ? renameKey(v as Record<string, unknown>, 'ticket_number', 'order_or_ticket_ref') : v),
    z.partialRecord(z.enum(['product_model', 'serial', 'phone', 'email', 'order_or_ticket_ref', 'purchase_date']), z.string()).default({}),
  ),
  /** The conversational act, where the set labels it (null: a message with service content). "yes"/"no" are affirm/deny. */
  act: z.preprocess((v) => (v === 'yes' ? 'affirm' : v === 'no' ? 'deny' : v), ConversationalAct.nullable().optional()),
});

function renameKey(o: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const { [from]: value, ...rest } = o;
  return to in rest ? rest : { ...rest, [to]: value };
}
export type LabelledMessage = z.infer<typeof LabelledMessage>;

export function readLabelled(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = LabelledMessage.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}
