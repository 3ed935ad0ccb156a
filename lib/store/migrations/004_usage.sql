-- Usage history for right-sizing (lib/usage/buckets.ts). A series is one container of one workload of one context;
-- each of its 5-minute buckets is one row with the count, sums and maxima of the metrics-server samples that fell
-- in it: sums and counts rather than means, so that a bucket written in two parts (before and after a restart)
-- merges exactly. The names live once per series, so that a bucket row holds only numbers (about 80 bytes with its
-- index entry). Buckets older than FARVIEW_USAGE_RETENTION_DAYS are deleted, and series left without buckets.
CREATE TABLE usage_series (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  context text NOT NULL CHECK (length(context) BETWEEN 1 AND 256),
  namespace text NOT NULL CHECK (length(namespace) BETWEEN 1 AND 253),
  workload_kind text NOT NULL CHECK (length(workload_kind) BETWEEN 1 AND 63),
  workload_name text NOT NULL CHECK (length(workload_name) BETWEEN 1 AND 253),
  container text NOT NULL CHECK (length(container) BETWEEN 1 AND 253),
  UNIQUE (context, namespace, workload_kind, workload_name, container)
);

CREATE TABLE usage_buckets (
  series_id bigint NOT NULL REFERENCES usage_series (id) ON DELETE CASCADE,
  bucket_start timestamptz NOT NULL,
  samples integer NOT NULL CHECK (samples > 0),
  cpu_sum_milli double precision NOT NULL,
  cpu_max_milli double precision NOT NULL,
  mem_sum_bytes double precision NOT NULL,
  mem_max_bytes double precision NOT NULL,
  PRIMARY KEY (series_id, bucket_start)
);
CREATE INDEX usage_buckets_start ON usage_buckets (bucket_start);
