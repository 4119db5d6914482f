import { describe, expect, it } from 'vitest';
import { findTicketNumber } from '../../../../channels/email/mail-filters/find-ticket-number.js';
import { parseBuilt } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

const mail = (subject: string) => parseBuilt({ from: 'a@customer.test', subject, messageId: 'a@x.test' });

describe('findTicketNumber', () => {
  it('reads the bracketed number our replies carry', async () => {
    expect(findTicketNumber(await mail('Re: Printer broken [SR-2026-000123]'), {}, ctx)).toEqual({ ticketNumber: 'SR-2026-000123' });
  });

  it('reads a number typed in lower case', async () => {
    expect(findTicketNumber(await mail('about sr-2026-000042 again'), {}, ctx)).toEqual({ ticketNumber: 'SR-2026-000042' });
  });

  it('finds nothing in a subject without a number', async () => {
    expect(findTicketNumber(await mail('Printer broken'), {}, ctx)).toEqual({});
  });
});
