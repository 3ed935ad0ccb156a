-- Who shared each report, for the per-user quota (FARVIEW_REPORT_QUOTA). Reports shared before this column
-- existed count for nobody. Reports past their retention (FARVIEW_REPORT_RETENTION_DAYS) are deleted, which
-- the immutability trigger (UPDATE only) allows.
ALTER TABLE reports ADD COLUMN created_by text CHECK (created_by IS NULL OR length(created_by) BETWEEN 1 AND 256);
CREATE INDEX reports_created_by ON reports (created_by);
CREATE INDEX reports_created_at ON reports (created_at);
