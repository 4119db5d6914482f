-- The console's customer search (src/console/customer-search.ts) read the whole Customer table on every search:
-- one to two characters (a surname such as 王 or 歐陽, "Li") have no trigram, and the substring match of longer
-- queries had no index at all. Found with EXPLAIN on 10k customers (bench/console-scans-bench.ts).
--
-- Short queries match the start of a word of the name or company. Chinese names are written surname first with
-- no space, so the name's first characters are the surname; Latin names are words in either order ("Li Wei",
-- "Wei Li"). customer_search_prefixes() lists the lower-cased first one and two characters of each word; a GIN
-- index over that list answers `@> ARRAY[q]`. Words are split at ASCII spaces and punctuation, the ideographic
-- space and the middle dot of transliterated names — not at [:alnum:], which in a C locale knows only ASCII and
-- would split 王小明 into nothing. IMMUTABLE: it reads only its argument (lower() and the regex are immutable).
CREATE FUNCTION customer_search_prefixes(words text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT left(w, n)), '{}')
      FROM regexp_split_to_table(lower(coalesce(words, '')), '[[:space:][:punct:]　·]+') AS w, generate_series(1, 2) AS n
     WHERE w <> ''
  $$;
CREATE INDEX "Customer_name_prefixes_idx" ON "Customer" USING gin (customer_search_prefixes("name"));
CREATE INDEX "Customer_company_prefixes_idx" ON "Customer" USING gin (customer_search_prefixes("company"));

-- Three characters and more: a case-insensitive substring (ILIKE '%…%'), as the ticket search does. pg_trgm is
-- created by 20261130180000 too; this migration sorts before it, so on a new database it comes first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Customer_company_trgm_idx" ON "Customer" USING gin ("company" gin_trgm_ops);
CREATE INDEX "ContactPoint_email_trgm_idx" ON "ContactPoint" USING gin ("address" gin_trgm_ops) WHERE "kind" = 'email';
-- Part of a phone number ("5550", "0912 345"): digits inside the E.164 address.
CREATE INDEX "ContactPoint_phone_trgm_idx" ON "ContactPoint" USING gin ("address" gin_trgm_ops) WHERE "kind" = 'phone';
-- One or two characters against e-mail addresses: their start (LIKE 'li%'), which the unique (kind, address)
-- index cannot serve outside the C collation.
CREATE INDEX "ContactPoint_email_prefix_idx" ON "ContactPoint" ("address" text_pattern_ops) WHERE "kind" = 'email';

-- The console's other customer reads that scanned a table at 10k customers (same bench): the ticket workspace
-- reads the conversations of its ticket, and it and the conversation view read the customer's transcript on
-- every channel, newest first (Message by customer had no index; 4 messages per customer in the bench).
CREATE INDEX "Conversation_ticketId_idx" ON "Conversation"("ticketId");
CREATE INDEX "Message_customerId_seq_idx" ON "Message"("customerId", "seq");
