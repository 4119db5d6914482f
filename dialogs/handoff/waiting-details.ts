import type { Language } from '../../src/messages/channel-kind.js';
import type { TicketDetailField, TicketDetails } from '../../src/tickets/ticket-details.js';
import type { Entities } from '../../src/understanding/understanding-schema.js';
import { intakeTexts, type IntakeField } from '../intake/intake-texts.js';
import { parsePartialDate, provinceOf } from '../shared/answers.js';
import { soundsLikeCorrection } from '../shared/corrections.js';
import { addressInAnswer, statedModel, statedName } from '../shared/stated-details.js';

/** What a message sent while waiting for a person says about the ticket; `correction`: it replaces what is there. */
export type WaitingDetails = { values: TicketDetails; correction: boolean };

export type WaitingContext = { now: Date; timeZone: string };

/**
 * The details in a message sent after the handoff: "0912 345 678", "地址是台北市…", "型號 RH-1205", or a
 * correction ("型號打錯了，是 RAS-50NK"). Only what the understanding or a strict shape reads is taken, so a
 * remark ("please hurry") adds nothing; the message itself stays in the transcript for staff either way.
 */
export function detailsWhileWaiting(text: string, entities: Entities, ctx: WaitingContext): WaitingDetails {
  const date = entities.purchaseDate ? parsePartialDate(entities.purchaseDate, ctx.now, ctx.timeZone) : undefined;
  const siteAddress = addressInAnswer(text);
  const values: TicketDetails = {
    contactName: statedName(text),
    contactPhone: entities.phoneE164,
    productModel: entities.productModel ?? statedModel(text),
    serial: entities.serial,
    purchaseDate: date?.ok ? date.value : undefined,
    siteAddress,
    province: siteAddress ? provinceOf(siteAddress) : undefined,
  };
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as TicketDetails;
  return { values: present, correction: Object.keys(present).length > 0 && soundsLikeCorrection(text) };
}

const FIELD_OF: Record<TicketDetailField, IntakeField> = {
  contactName: 'name',
  contactPhone: 'contact',
  productModel: 'productModel',
  serial: 'serial',
  purchaseDate: 'purchaseDate',
  siteAddress: 'siteAddress',
};

/** "型號 RAS-50NK、設備地址 台北市…": the details as the intake labels them, for telling the customer what was noted. */
export function describeDetails(fields: readonly TicketDetailField[], values: TicketDetails, language: Language): string {
  const t = intakeTexts[language];
  return fields.map((f) => `${t.fields[FIELD_OF[f]].label} ${values[f]}`).join(t.listSeparator);
}
