-- Store first, then think: what a turn run later (queue, sweeper) needs beyond the text.
ALTER TABLE "Message" ADD COLUMN "meta" JSONB;

-- Inbound messages not processed yet, per conversation in arrival order: what the turn processor takes
-- next and what the sweeper looks for. Partial, so it holds only the few rows waiting.
CREATE INDEX "Message_unprocessed_inbound_idx" ON "Message" ("conversationId", "seq")
  WHERE "direction" = 'inbound' AND "processedAt" IS NULL;

-- A turn's closing statement asserts that its message is still unprocessed and that the dialog state is
-- still the one the turn read; otherwise it aborts as a serialization failure (40001) and nothing of the
-- statement (or of the turn's transaction) stays. See src/bot/turn-sql.ts.
CREATE FUNCTION aftercare_turn_guard(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION 'aftercare: the turn is stale (message processed or dialog state changed meanwhile)' USING ERRCODE = '40001';
  END IF;
  RETURN true;
END
$$;
