-- Every instance caches the API keys it authenticated (lib/merchants/api-key-cache.ts).
-- A change that matters to authentication (a revoke, a deletion) is announced
-- on the channel "tillpoint_api_keys" with the key's id, at commit, whoever
-- made it (the API, the dashboard, the CLI, plain SQL); each instance drops
-- that key from its cache. Bookkeeping (last_used_at) announces nothing.
CREATE FUNCTION "tillpoint_notify_api_key_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tillpoint_api_keys', OLD."id");
  RETURN NULL;
END
$$;

CREATE TRIGGER "api_keys_notify_update" AFTER UPDATE ON "api_keys" FOR EACH ROW
  WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at"
     OR OLD."merchant_id" IS DISTINCT FROM NEW."merchant_id"
     OR OLD."mode" IS DISTINCT FROM NEW."mode"
     OR OLD."secret_hash" IS DISTINCT FROM NEW."secret_hash")
  EXECUTE FUNCTION "tillpoint_notify_api_key_change"();

CREATE TRIGGER "api_keys_notify_delete" AFTER DELETE ON "api_keys" FOR EACH ROW
  EXECUTE FUNCTION "tillpoint_notify_api_key_change"();

-- TRUNCATE fires no row trigger: it announces "*", every key.
CREATE FUNCTION "tillpoint_notify_api_keys_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tillpoint_api_keys', '*');
  RETURN NULL;
END
$$;

CREATE TRIGGER "api_keys_notify_truncate" AFTER TRUNCATE ON "api_keys" FOR EACH STATEMENT
  EXECUTE FUNCTION "tillpoint_notify_api_keys_truncated"();
