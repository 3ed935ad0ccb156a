import 'server-only';
/**
 * The prices last read from AWS, per region (migration 005), so that a restarted server shows them, with the time
 * they were read, until AWS answers again. What is read back is checked; a row that does not hold prices is
 * ignored rather than shown.
 */
import { z } from 'zod';
import type { LivePrices } from '../view/aws';
import { getDb, type Db } from './db';
import { guard } from './errors';
import { parseJsonColumn } from './rows';
import { serializeJson } from './validate';

const WHAT = 'price cache';
const MAX_BYTES = 1024 * 1024;

const rate = z.number().finite().nonnegative();
const livePrices = z.object({
  region: z.string().min(1).max(32),
  fargate: z.object({ vcpuHour: rate, gbHour: rate, ephemeralGbHour: rate.nullable() }).nullable(),
  onDemand: z.record(z.string().max(64), rate),
  // Absent from prices kept before the fee was read.
  autoModeFee: z.record(z.string().max(64), rate).default({}),
  listAt: z.string().nullable(),
  spot: z.record(z.string().max(96), rate),
  spotAt: z.string().nullable(),
  problems: z.array(z.string()),
});

/** Keeps what AWS answered for a region, replacing the region's earlier row. */
export async function savePrices(live: LivePrices, db?: Db): Promise<void> {
  const json = serializeJson('prices', live, MAX_BYTES);
  const at = live.listAt ?? live.spotAt ?? new Date().toISOString();
  await guard(WHAT, async () => {
    const store = db ?? (await getDb());
    await store.query(
      `INSERT INTO price_cache (region, prices, fetched_at) VALUES ($1, $2::text::jsonb, $3)
       ON CONFLICT (region) DO UPDATE SET prices = EXCLUDED.prices, fetched_at = EXCLUDED.fetched_at`,
      [live.region, json.text, at],
    );
  });
}

/** The prices last kept for a region, or null when none (or none that reads back as prices). */
export async function loadPrices(region: string, db?: Db): Promise<LivePrices | null> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [row] = await store.query<{ prices: string }>('SELECT prices::text AS prices FROM price_cache WHERE region = $1', [region]);
    if (!row) return null;
    const parsed = livePrices.safeParse(parseJsonColumn(row.prices));
    return parsed.success ? parsed.data : null;
  });
}
