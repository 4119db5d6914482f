import { describe, it, expect } from 'vitest';
import { extractEntities } from '../../src/understanding/entities.js';

describe('extractEntities', () => {
  it('finds our own ticket number', () => {
    expect(extractEntities('Any news on SR-2026-000123? Thanks').ticketRef).toBe('SR-2026-000123');
  });

  it('finds free-form ticket references as written', () => {
    expect(extractEntities('following up on tk 7720 from last week').ticketRef).toBe('tk 7720');
    expect(extractEntities('ticket 4410 is still open').ticketRef).toBe('ticket 4410');
    expect(extractEntities('發票 INV-2025-0311 金額不對').ticketRef).toBe('INV-2025-0311');
  });

  it('finds a phone number and an e-mail address', () => {
    const e = extractEntities('Please call me on 0933-555-812 or write to wei.chen@example.com');
    expect(e.phone).toBe('0933-555-812');
    expect(e.email).toBe('wei.chen@example.com');
  });

  it('finds a serial number after its label and the product model', () => {
    const e = extractEntities('我們的 SP-9000 分光光度計(序號 SP9K-40213)開機就報錯');
    expect(e.productModel).toBe('SP-9000');
    expect(e.serial).toBe('SP9K-40213');
  });

  it('does not take an error code for a product model', () => {
    expect(extractEntities('The LP-4100 shows error E12 on start-up').productModel).toBe('LP-4100');
    expect(extractEntities('printer shows E03 and stops').productModel).toBeUndefined();
  });

  it('prefers the full product name when the subject only gives the model code', () => {
    expect(extractEntities('Error on M428\nOur HP LaserJet Pro M428 stopped printing').productModel).toBe('HP LaserJet Pro M428');
  });

  it('ignores the addresses in quoted attribution lines', () => {
    expect(extractEntities('Fixed now, thanks.\n\nOn Mon, 2 Mar 2026, Service Desk <service@aftercare.example> wrote:\n> hello').email).toBeUndefined();
  });

  it('finds a stated purchase date', () => {
    expect(extractEntities('We bought the unit on 2025-03-14 from a dealer').purchaseDate).toBe('2025-03-14');
  });
});
