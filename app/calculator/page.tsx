import type { Metadata } from 'next';
import Link from 'next/link';
import { SizeCalculator } from '@/components/SizeCalculator';
import { knownRegions } from '@/lib/fargate/prices';
import { config } from '@/lib/server/config';

export const metadata: Metadata = { title: 'Fargate size calculator — Farview' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** /calculator?cpu=&memory=&region=: the Fargate size and price of a request; the query string is the state. */
export default async function CalculatorPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const hasQuery = sp.cpu !== undefined || sp.memory !== undefined;
  return (
    <>
      <main className="mx-auto max-w-6xl p-4">
        <nav className="mb-3 font-mono text-[12px] text-muted">
          <Link href="/" className="text-accent underline">
            Farview
          </Link>{' '}
          / calculator
        </nav>
        <SizeCalculator
          // Without a query, open on the seed's nginx-fargate-pod request.
          initialCpu={first(sp.cpu) ?? (hasQuery ? '' : '0.5')}
          initialMemory={first(sp.memory) ?? (hasQuery ? '' : '750M')}
          initialRegion={first(sp.region) ?? config().AWS_REGION ?? 'us-east-1'}
          regions={knownRegions()}
        />
      </main>
    </>
  );
}
