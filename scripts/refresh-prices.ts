/**
 * Maintainers: regenerate lib/fargate/prices.json from the AWS Price List Query API.
 *
 *   AWS_PROFILE=… npm run -s prices:refresh -- [--regions us-east-1,ap-south-1] [--types m7g.large,c7g.large] [--out FILE]
 *
 * Credentials come from the usual AWS chain and need pricing:GetProducts only. Without --regions every region of
 * the table is read again; --out writes elsewhere (the default overwrites the table). Review the diff before
 * committing: a figure that moves is a price change AWS made, or a filter that matched the wrong product.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PricingClient } from '@aws-sdk/client-pricing';
import { refreshTable, type PriceTable } from '../lib/server/prices/refresh';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const file = path.join(__dirname, '..', 'lib', 'fargate', 'prices.json');
  const old = JSON.parse(readFileSync(file, 'utf8')) as PriceTable;
  const regions = arg('regions')?.split(',').filter(Boolean) ?? Object.keys(old.regions);
  const extraTypes = arg('types')?.split(',').filter(Boolean) ?? [];
  // The Price List is served from us-east-1 (and eu-central-1, ap-south-1); AWS_ENDPOINT_URL_PRICING points elsewhere.
  const client = new PricingClient({ region: 'us-east-1', maxAttempts: 5 });
  const { table, log } = await refreshTable(client, old, regions, { today: new Date().toISOString().slice(0, 10), extraTypes });
  client.destroy();
  writeFileSync(arg('out') ?? file, `${JSON.stringify(table, null, 2)}\n`);
  for (const line of log) console.log(line);
}

main().catch((e: unknown) => {
  console.error(`prices:refresh: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
