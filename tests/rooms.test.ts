/**
 * The rooms are enforced by eslint.config.mjs: each rule is checked here on one import it must refuse and on
 * imports it must let through, by linting code as if it sat at the given path (the files need not exist).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.mjs') });
  await eslint.lintText('export {};\n', { filePath: path.join(ROOT, 'lib/view/warm-up.ts') });
}, 60_000);

/** The no-restricted-imports findings for `code` placed at `file`, as "severity: message". */
async function roomErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${m.severity}: ${m.message}`);
}

async function expectRefused(file: string, code: string, because: RegExp): Promise<void> {
  const errors = await roomErrors(file, code);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^2: /);
  expect(errors[0]).toMatch(because);
}

async function expectAllowed(file: string, code: string): Promise<void> {
  expect(await roomErrors(file, code)).toEqual([]);
}

describe('pure lib', () => {
  it('may not import lib/server, lib/store or sim, by alias or relative path, even for types', async () => {
    await expectRefused('lib/view/x.ts', "export { ClusterSource } from '@/lib/server/cluster-source';", /server rooms/);
    await expectRefused('lib/cost/x.ts', "import { getDb } from '../store/db';\nvoid getDb;", /server rooms/);
    await expectRefused('lib/ui/x.ts', "import type { Db } from '../../lib/store/db';\nexport type T = Db;", /server rooms/);
    await expectRefused('lib/fargate/x.ts', "import { Store } from '../../sim/store';\nvoid Store;", /separate process/);
    await expectRefused('lib/profiles/x.test.ts', "import { openSource } from '@/lib/server/http';\nvoid openSource;", /server rooms/);
  });

  it('may import the other pure rooms', async () => {
    await expectAllowed('lib/cost/x.ts', "import { pricesFor } from '../fargate/prices';\nimport type { ClusterView } from '@/lib/view/model';\nexport const f = (v: ClusterView) => [v, pricesFor];");
  });
});

describe('components', () => {
  it('may not import lib/server, lib/store or sim', async () => {
    await expectRefused('components/cluster/X.tsx', "import { openSource } from '@/lib/server/http';\nvoid openSource;", /server rooms/);
    await expectRefused('components/reports/X.tsx', "import type { ReportSummary } from '../../lib/store/reports';\nexport type T = ReportSummary;", /server rooms/);
    await expectRefused('components/X.tsx', "import { startSim } from '../sim/harness';\nvoid startSim;", /separate process/);
  });

  it('may use test helpers in tests only', async () => {
    await expectRefused('components/cluster/X.tsx', "import { eksworkshop } from '@/lib/ui/test-support/eksworkshop';\nvoid eksworkshop;", /Test helpers/);
    await expectAllowed('components/cluster/X.test.tsx', "import { eksworkshop } from '@/lib/ui/test-support/eksworkshop';\nvoid eksworkshop;");
  });

  it('may import lib/view model types and lib/ui', async () => {
    await expectAllowed('components/cluster/X.tsx', "import type { PodView } from '@/lib/view/model';\nimport { fmtAge } from '../../lib/ui/format';\nexport const f = (p: PodView) => [p, fmtAge];");
  });
});

describe('sim', () => {
  it('may not import values from lib', async () => {
    await expectRefused('sim/controllers/x.ts', "import { sizePod } from '../../lib/fargate/sizing';\nvoid sizePod;", /plain types only/);
    await expectRefused('sim/x.ts', "import { pricesFor, type RegionPrices } from '@/lib/fargate/prices';\nexport const f = (p: RegionPrices) => [p, pricesFor];", /plain types only/);
  });

  it('may import plain types from lib', async () => {
    await expectAllowed('sim/aws/x.ts', "import type { FargateSize } from '../../lib/fargate/types';\nimport { type PodView } from '../../lib/view/model';\nexport type T = [FargateSize, PodView];");
  });
});

describe('app', () => {
  it('may not import sim or test helpers outside its tests', async () => {
    await expectRefused('app/api/x/route.ts', "import { launchSim } from '@/sim/harness';\nvoid launchSim;", /separate process/);
    await expectRefused('app/x/page.tsx', "import { waitFor } from '../../tests/test-support/sim-source';\nvoid waitFor;", /Test helpers/);
    await expectAllowed('app/api/x/routes.int.test.ts', "import { startSim } from '@/sim/harness';\nimport { getDb } from '@/lib/store/db';\nvoid [startSim, getDb];");
  });
});

describe('lib and test helpers', () => {
  it('application code in lib may not import test helpers', async () => {
    await expectRefused('lib/cost/summary.ts', "import { handView } from './test-support/hand-view';\nvoid handView;", /Test helpers/);
    await expectRefused('lib/ui/x.ts', "import { eksworkshop } from './testing';\nvoid eksworkshop;", /Test helpers/);
    await expectRefused('lib/server/x.ts', "import { startSim } from '../../sim/harness';\nvoid startSim;", /separate process/);
    await expectRefused('lib/store/x.ts', "import { waitFor } from '@/tests/test-support/sim-source';\nvoid waitFor;", /Test helpers/);
    await expectRefused('lib/view/x.ts', "import { loadFixture } from '../../fixtures/view';\nvoid loadFixture;", /Test helpers/);
  });

  it('tests and test helpers may, and lib/server may use lib/store and the pure rooms', async () => {
    await expectAllowed('lib/cost/summary.test.ts', "import { handView } from './test-support/hand-view';\nvoid handView;");
    await expectAllowed('lib/server/x.int.test.ts', "import { startSim } from '../../sim/harness';\nimport { waitFor } from '../../tests/test-support/sim-source';\nvoid [startSim, waitFor];");
    await expectAllowed('lib/store/test-support/x.ts', "import { openDb } from '../db';\nimport { TEST_DATABASE_URL } from './backends';\nvoid [openDb, TEST_DATABASE_URL];");
    await expectAllowed('lib/server/x.ts', "import { getDb } from '../store/db';\nimport { buildView } from '@/lib/view/builder';\nvoid [getDb, buildView];");
  });
});
