-- Usage history for right-sizing: per context, workload and container, one row per 5-minute bucket with the
-- sums, counts and maxima of the metrics-server samples that fell in it (lib/usage/buckets.ts). Sums and counts
-- rather than means so that a bucket written in two parts (before and after a restart) merges exactly.
-- Rows older than FARVIEW_USAGE_RETENTION_DAYS are deleted.
CREATE TABLE usage_buckets (
  context text NOT NULL CHECK (length(context) BETWEEN 1 AND 256),
  namespace text NOT NULL CHECK (length(namespace) BETWEEN 1 AND 253),
  workload_kind text NOT NULL CHECK (length(workload_kind) BETWEEN 1 AND 63),
  workload_name text NOT NULL CHECK (length(workload_name) BETWEEN 1 AND 253),
  container text NOT NULL CHECK (length(container) BETWEEN 1 AND 253),
  bucket_start timestamptz NOT NULL,
  samples integer NOT NULL CHECK (samples > 0),
  cpu_sum_milli double precision NOT NULL,
  cpu_max_milli double precision NOT NULL,
  mem_sum_bytes double precision NOT NULL,
  mem_max_bytes double precision NOT NULL,
  PRIMARY KEY (context, namespace, workload_kind, workload_name, container, bucket_start)
);
CREATE INDEX usage_buckets_start ON usage_buckets (bucket_start);
