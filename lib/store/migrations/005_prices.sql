-- Prices read from AWS (the Price List Query API and EC2 Spot price history), kept per region with the time they
-- were read, so that a restarted server shows them (and says when they were read) before AWS answers again.
-- One row per region, replaced at each read; a few kilobytes each.
CREATE TABLE price_cache (
  region text PRIMARY KEY CHECK (length(region) BETWEEN 1 AND 32),
  prices jsonb NOT NULL,
  fetched_at timestamptz NOT NULL
);
