-- The mailbox an address delivers to, for the per-recipient email cap: lower-case, without a "+tag", and at
-- Gmail without dots (googlemail.com is gmail.com). lib/email/canonical-mailbox.ts is the same rule.
CREATE FUNCTION email_mailbox(address text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN d IS NULL THEN a
    WHEN d IN ('gmail.com', 'googlemail.com') THEN replace(split_part(l, '+', 1), '.', '') || '@gmail.com'
    ELSE split_part(l, '+', 1) || '@' || d
  END
  FROM (SELECT a, substring(a FROM '^(.*)@') AS l, substring(a FROM '@([^@]*)$') AS d
        FROM (SELECT lower(btrim(address)) AS a) lowered) parts
$$;
--> statement-breakpoint
CREATE INDEX "email_outbox_mailbox_idx" ON "email_outbox" USING btree (email_mailbox("recipient"),"created_at");
