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
  category: Category,
  urgency: Urgency,
  expected_entities: z.partialRecord(z.enum(['product_model', 'serial', 'phone', 'email', 'order_or_ticket_ref', 'purchase_date']), z.string()).default({}),
  /** The conversational act, where the set labels it (null: a message with service content). */
  act: ConversationalAct.nullable().optional(),
});
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
