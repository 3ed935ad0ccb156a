// Child process for the kill -9 test: opens the store from the environment (exactly as the
// server does), writes one report and one audit entry, prints their ids only after both calls
// have resolved, then waits to be killed. Run with
//   node --conditions=react-server --import tsx lib/store/test-support/crash-child.ts
import { recordAudit } from '../audit';
import { createReport } from '../reports';

async function main(): Promise<void> {
  const report = await createReport({
    kind: 'cost',
    title: 'written just before kill -9',
    context: 'eksworkshop',
    query: { window: '1h' },
    payload: { pods: 14, fargate: 4 },
  });
  const audit = await recordAudit({
    actor: 'local',
    action: 'report.create',
    target: report.id,
    context: 'eksworkshop',
    request: { title: 'written just before kill -9' },
    result: 'ok',
  });
  process.stdout.write(`CREATED ${report.id} ${audit.id}\n`);
  // Keep the store open until the parent kills us; give up on our own if it never does.
  setTimeout(() => process.exit(3), 120_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
