-- Who did what to which cluster object, and how it went. Append-only: entries are never edited.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 256),
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 128),
  target text NOT NULL CHECK (length(target) BETWEEN 1 AND 1024),
  context text NOT NULL CHECK (length(context) <= 256),
  request json NOT NULL,
  result text NOT NULL CHECK (result IN ('ok', 'error')),
  detail text CHECK (length(detail) <= 16384)
);

CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update();
