import type { ChannelKind } from '../messages/channel-kind.js';

/** Words that make a suggestion a complaint whatever the classifier says (zh-Hant, zh-Hans, en). */
const COMPLAINT_WORDS = [
  '投訴', '投诉', '申訴', '申诉', '客訴', '客诉', '不滿', '不满', '很差', '太差', '極差', '极差', '爛', '烂',
  '態度差', '态度差', '不專業', '不专业', '沒修好', '没修好', '還是壞', '还是坏', '騙', '骗', '退款', '失望',
  'complain', 'complaint', 'terrible', 'awful', 'rude', 'worst', 'unacceptable', 'useless', 'disappointed',
  'not fixed', 'still broken', 'refund',
];

/**
 * A survey suggestion that should be treated as a complaint: negative sentiment from `understand()`,
 * or a complaint word. The classifier's category is not used: it was trained on first messages to the
 * service desk, and labels short survey remarks ("沒有建議", "師傅很專業，謝謝") as complaints.
 */
export async function isComplaintLike(text: string, channel: ChannelKind): Promise<boolean> {
  const trimmed = text.trim();
  if (trimmed === '') return false;
  const lower = trimmed.toLowerCase();
  if (COMPLAINT_WORDS.some((w) => lower.includes(w))) return true;
  try {
    // Loaded on first use: the classifier's dictionary is not needed to start the scheduler.
    const { understand } = await import('../understanding/understand.js');
    return understand(trimmed, { channel }).sentiment.label === 'negative';
  } catch {
    return false;
  }
}
