-- Shared cost reports. A report is written once and never changed: a link to it must keep
-- showing what was shared. `seq` orders the list (newest first) and backs its cursor; `id` is
-- the public, unguessable name (16 random bytes, base64url).
CREATE TABLE reports (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE CHECK (id ~ '^[A-Za-z0-9_-]{21}[AQgw]$'),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,63}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  context text NOT NULL CHECK (length(context) BETWEEN 1 AND 256),
  -- json, not jsonb: the text is kept exactly as it was sent, so a report reads back byte for byte.
  query json NOT NULL,
  payload json NOT NULL,
  payload_bytes integer NOT NULL CHECK (payload_bytes >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION reports_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reports are immutable: create a new report instead';
END;
$$;

CREATE TRIGGER reports_immutable BEFORE UPDATE ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_refuse_update();
