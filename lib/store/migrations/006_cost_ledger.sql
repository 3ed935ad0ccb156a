-- The cost ledger (lib/ledger): one row per stretch of time a pod, EC2 node or control plane was billed at one price
-- with one set of labels; end_at is NULL while it still runs. Rows of deleted pods and nodes stay, so that a
-- finished Job still counts in the range it ran in. `reconstructed_until` marks what was filled in, after a restart,
-- from what the cluster still showed. ledger_state holds how far each context's recording reached.
CREATE TABLE cost_entries (
  context text NOT NULL CHECK (length(context) BETWEEN 1 AND 256),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 600),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 560),
  kind text NOT NULL CHECK (kind IN ('fargate', 'ec2-pod', 'ec2-node', 'cluster')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  namespace text,
  workload text,
  profile text,
  pool text,
  capacity_type text,
  node text,
  instance_type text,
  rate_usd double precision NOT NULL CHECK (rate_usd >= 0),
  fee_usd double precision NOT NULL CHECK (fee_usd >= 0),
  start_at timestamptz NOT NULL,
  end_at timestamptz,
  minimum_seconds integer NOT NULL CHECK (minimum_seconds >= 0),
  reconstructed_until timestamptz,
  PRIMARY KEY (context, id)
);
CREATE INDEX cost_entries_start ON cost_entries (context, start_at);
CREATE INDEX cost_entries_end ON cost_entries (end_at);

CREATE TABLE ledger_state (
  context text PRIMARY KEY CHECK (length(context) BETWEEN 1 AND 256),
  covered_until timestamptz NOT NULL
);
