-- 1. The console's customer search by a two-character fragment inside a Chinese name or company: 小明 finds
-- 王小明, 大同 finds 大同餐廳 and 台北大同. Chinese names are written without spaces, so the word prefixes of
-- 20261130173000 see only the surname, and pg_trgm has no trigram in two characters (LIKE '%小明%' would read
-- the whole trigram index). customer_search_bigrams() lists every pair of adjacent characters of each word
-- (split as customer_search_prefixes() splits), lower-cased, and a GIN index over it answers `@> ARRAY[q]`.
-- Only pairs of two non-ASCII characters are kept: a Latin fragment inside a word ("li" in "Ali", "Emily") is
-- noise, and Latin names keep matching by the start of a word. ascii() gives a UTF-8 character's code point.
-- Works alike on PostgreSQL and PGlite (plain SQL, no extension).
CREATE FUNCTION customer_search_bigrams(words text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT pair), '{}')
      FROM regexp_split_to_table(lower(coalesce(words, '')), '[[:space:][:punct:]　·]+') AS w,
           generate_series(1, char_length(w) - 1) AS i,
           substr(w, i, 2) AS pair
     WHERE ascii(pair) > 127 AND ascii(substr(pair, 2)) > 127
  $$;
CREATE INDEX "Customer_name_bigrams_idx" ON "Customer" USING gin (customer_search_bigrams("name"));
CREATE INDEX "Customer_company_bigrams_idx" ON "Customer" USING gin (customer_search_bigrams("company"));

-- 2. A follow-up call made from the console records how it went (reached | not_reached | callback_requested).
-- A done call task counts as a logged call with the customer for the contact promises (sla-service.ts), except
-- one that did not reach them.
ALTER TABLE "StaffTask" ADD COLUMN "outcome" TEXT;

-- 3. An engineer's console lists only their own tickets (src/console/ticket-scope.ts): those assigned to them
-- (Ticket_assigneeId_idx) and those with a visit of theirs, found through this index.
CREATE INDEX "Visit_engineerId_idx" ON "Visit"("engineerId");
