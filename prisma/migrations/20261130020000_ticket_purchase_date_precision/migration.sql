-- A purchase date given as a month ("2024年5月") or a year ("last year") keeps that precision instead of
-- pretending to be the first day.
CREATE TYPE "DatePrecision" AS ENUM ('day', 'month', 'year');

ALTER TABLE "Ticket" ADD COLUMN "purchaseDatePrecision" "DatePrecision";
