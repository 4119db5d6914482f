-- Promises neither met nor cancelled are a small, steady part of a history that only grows. Without this
-- index the agent queue's and the ticket list's next promise per ticket, and the sla.sweep every minute,
-- were sequential scans of every promise ever made (bench/tickets-bench.ts, 100k tickets: the queue's
-- promise query 45-50 ms → a bitmap scan of this index).
CREATE INDEX "SlaPromise_open_ticketId_idx" ON "SlaPromise" ("ticketId")
  WHERE "metAt" IS NULL AND "cancelledAt" IS NULL;
