import type { TicketDetailField, TicketDetails } from '../../src/tickets/ticket-details.js';
import { isSkip, mobileNumberOnly, parsePartialDate, parsePhone, provinceOf } from '../shared/answers.js';
import { readDate } from '../shared/dates.js';
import { addressInAnswer } from '../shared/stated-details.js';

/** What one e-mail says about the details we asked for. */
export type ReadDetails = { values: TicketDetails; skipped: TicketDetailField[] };

const LABELS: Record<TicketDetailField, readonly string[]> = {
  contactName: ['name', 'your name', 'contact', 'contact name', 'contact person', '姓名', '名字', '聯絡人', '联系人'],
  contactPhone: ['phone', 'tel', 'telephone', 'mobile', 'cell', 'phone number', 'contact number', '電話', '电话', '手機', '手机', '聯絡電話', '联系电话'],
  productModel: ['model', 'product', 'product model', 'model number', '型號', '型号', '產品型號', '产品型号', '機型', '机型'],
  serial: ['serial', 'serial number', 'serial no', 's/n', 'sn', '序號', '序列号', '機身序號', '机身序列号', '序號碼'],
  purchaseDate: ['purchase date', 'date of purchase', 'purchased', 'bought', 'purchase', '購買日期', '购买日期', '購買時間', '购买时间', '購買', '购买'],
  siteAddress: ['address', 'site', 'site address', 'location', 'installation address', '地址', '設備地址', '设备地址', '安裝地址', '安装地址', '地點', '地点'],
};

const NUMBERED = [/^[(（[【]?\s*(\d{1,2})\s*[).、．:：\]】]\s*(.*)$/, /^(\d{1,2})\s+[-–—]\s*(.*)$/];
const LABELLED = /^([^:：\d]{1,24}?)\s*[:：]\s*(.+)$/;

function fieldOfLabel(label: string): TicketDetailField | undefined {
  const l = label.trim().toLowerCase().replace(/[.\s]+/g, ' ').trim();
  return (Object.keys(LABELS) as TicketDetailField[]).find((f) => LABELS[f].includes(l));
}

function clean(value: string): string {
  return value.trim().replace(/[。.，,;；]+$/, '').slice(0, 200);
}

/** A line that is nothing but a date ("2023年11月", "March 2024 I think"): at most a few words beside it. */
function dateOnly(text: string, ctx: { now: Date; timeZone: string }): boolean {
  const date = readDate(text, ctx.now, ctx.timeZone);
  if (!date) return false;
  const rest = text.replace(date.text, '').replace(/[\s,，.。]/g, '');
  return rest.length <= 8;
}

/**
 * Which detail a line is, by its shape alone: a date, a street address, a mobile number. Customers number
 * their answers their own way ("1. 2023年11月" to our second question), so a shape outranks a number.
 */
function fieldOfShape(text: string, ctx: { now: Date; timeZone: string }): TicketDetailField | undefined {
  if (mobileNumberOnly(text)) return 'contactPhone';
  if (addressInAnswer(text)) return 'siteAddress';
  if (dateOnly(text, ctx)) return 'purchaseDate';
  return undefined;
}

/** One answer for one field: a value, a skip ("skip", "不知道"), or nothing usable. */
function valueFor(field: TicketDetailField, raw: string, ctx: { now: Date; timeZone: string }): { value?: string; skip?: true } {
  const text = clean(raw);
  if (!text) return {};
  if (isSkip(text)) return { skip: true };
  // A date, an address or a phone in the serial's place is no serial: it is read as what it is.
  const shape = fieldOfShape(text, ctx);
  if (shape && shape !== field) return {};
  switch (field) {
    case 'purchaseDate': {
      const date = parsePartialDate(text, ctx.now, ctx.timeZone);
      return date.ok ? { value: date.value } : {};
    }
    case 'contactPhone': {
      const phone = parsePhone(text);
      return phone.ok ? { value: phone.value } : {};
    }
    case 'contactName':
      return text.length <= 60 && !/\d|@/.test(text) ? { value: text } : {};
    case 'siteAddress':
      return { value: addressInAnswer(text) ?? text };
    default:
      return { value: text };
  }
}

/**
 * Reads the answers to a list of asked details from one e-mail: numbered lines ("2. 2024-03-15") refer to
 * the list as it was sent (`numbered`), labelled lines ("Serial: AB123", "地址：…") name their field, and
 * when only one detail was open an unlabelled short answer is that detail. Only `open` fields are read.
 */
export function readDetails(
  text: string,
  open: readonly TicketDetailField[],
  ctx: { now: Date; timeZone: string; numbered?: readonly TicketDetailField[] },
): ReadDetails {
  const values: TicketDetails = {};
  const skipped: TicketDetailField[] = [];
  const assign = (field: TicketDetailField | undefined, raw: string): boolean => {
    if (!field || !open.includes(field) || values[field] || skipped.includes(field)) return false;
    const read = valueFor(field, raw, ctx);
    if (read.skip) skipped.push(field);
    else if (read.value) values[field] = read.value;
    else return false;
    return true;
  };
  const lines = text
    .split(/\r?\n/)
    // "1. 2023年11月 / 2. 江苏省…": numbered answers on one line.
    .flatMap((l) => l.split(/\s+[/／|]\s*(?=[(（[【]?\s*\d{1,2}\s*[).、．:：\]】])/))
    .map((l) => l.trim())
    .filter(Boolean);
  let answered = false;
  for (const line of lines) {
    const numbered = NUMBERED.map((re) => re.exec(line)).find(Boolean);
    const rest = numbered ? numbered[2]! : line;
    const labelled = LABELLED.exec(rest);
    const byLabel = labelled ? fieldOfLabel(labelled[1]!) : undefined;
    if (byLabel) answered = assign(byLabel, labelled![2]!) || answered;
    else if (numbered) answered = assign(ctx.numbered?.[Number(numbered[1]) - 1], rest) || assign(fieldOfShape(rest, ctx), rest) || answered;
    // An unlabelled, unnumbered line is read only by an unmistakable shape (an address, a date, a mobile).
    else if (open.length > 1) answered = assign(fieldOfShape(rest, ctx), rest) || answered;
  }
  if (!answered && open.length === 1 && lines.length > 0 && lines.length <= 3) assign(open[0], lines.join(' '));
  if (values.siteAddress) values.province = provinceOf(values.siteAddress);
  return { values, skipped };
}
