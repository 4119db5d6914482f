-- Open tickets are a small, steady part of a history that only grows. The agent queue reads only them
-- (src/console/agent-queue.ts writes this same predicate); before, it walked "Ticket_createdAt_idx" from the
-- oldest ticket through the whole closed history (bench/tickets-bench.ts, 100k tickets).
CREATE INDEX "Ticket_open_createdAt_idx" ON "Ticket" ("createdAt")
  WHERE "status" NOT IN ('resolved', 'closed');

-- The console's ticket search (`?q=`) is a case-insensitive substring of the SR number or the title
-- (ILIKE '%…%'), which no b-tree can serve; trigram GIN indexes can. pg_trgm is a trusted extension
-- (PostgreSQL 13+: the database owner may create it) and PGlite ships it (src/db/embedded-start.ts loads it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Ticket_number_trgm_idx" ON "Ticket" USING gin ("number" gin_trgm_ops);
CREATE INDEX "Ticket_title_trgm_idx" ON "Ticket" USING gin ("title" gin_trgm_ops);
