import { DateTime } from 'luxon';

export type WarrantyStatus = 'in_warranty' | 'out_of_warranty' | 'unknown';

/** Months of cover when the asset does not say (the usual hardware warranty). */
export const DEFAULT_WARRANTY_MONTHS = 12;

/**
 * Whether a visit on `at` is under warranty: cover runs from the purchase date for the asset's warranty
 * months (12 when not recorded), through the last day. Without a purchase date nobody can tell.
 */
export function warrantyStatus(purchaseDate: Date | null | undefined, warrantyMonths: number | null | undefined, at: Date, timeZone: string): WarrantyStatus {
  if (!purchaseDate) return 'unknown';
  const end = DateTime.fromJSDate(purchaseDate, { zone: 'UTC' }).setZone(timeZone, { keepLocalTime: true }).plus({ months: warrantyMonths ?? DEFAULT_WARRANTY_MONTHS });
  return DateTime.fromJSDate(at, { zone: timeZone }) < end ? 'in_warranty' : 'out_of_warranty';
}
