'use client';

import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { estimatePod, singleContainerSpec, type PodEstimate } from '@/lib/fargate/estimate';
import { HOURS_PER_MONTH, pricesFor } from '@/lib/fargate/prices';
import { formatBytes, formatCpu, parseBytes, parseCpuMillis, QuantityError } from '@/lib/fargate/quantity';
import { FARGATE_OVERHEAD_BYTES, FARGATE_SIZES } from '@/lib/fargate/sizes';
import type { FargateSize, RegionPrices } from '@/lib/fargate/types';

export interface SizeCalculatorProps {
  /** Values from the URL (?cpu=&memory=&region=), so a shared link opens the same calculation. */
  initialCpu: string;
  initialMemory: string;
  initialRegion: string;
  regions: string[];
}

type Parsed = { value: number | null; error: string | null };

/** Empty means "not requested"; anything else must be a Kubernetes quantity. */
function parse(text: string, parser: (q: string) => number): Parsed {
  const q = text.trim();
  if (!q) return { value: null, error: null };
  try {
    return { value: parser(q), error: null };
  } catch (e) {
    if (e instanceof QuantityError) return { value: null, error: e.message };
    throw e;
  }
}

const hourly = (n: number) => `$${n.toFixed(5)}`;
const monthly = (n: number) => `$${n.toFixed(2)}`;

// The seed's Deployments and the EKS guide's example, one click each.
const EXAMPLES: { label: string; cpu: string; memory: string }[] = [
  { label: 'nginx-fargate-pod', cpu: '0.5', memory: '750M' },
  { label: 'nginx-mixed-fargate', cpu: '1', memory: '1750M' },
  { label: '1 vCPU + 8Gi', cpu: '1', memory: '8Gi' },
  { label: 'no requests', cpu: '', memory: '' },
];

const ROWS = [...new Set(FARGATE_SIZES.map((s) => s.vcpu))].map((vcpu) => ({ vcpu, sizes: FARGATE_SIZES.filter((s) => s.vcpu === vcpu) }));

/**
 * The Fargate size calculator: a CPU and a memory request in any Kubernetes notation and a region give the effective
 * request, +256 MiB, the size Fargate provisions, its CapacityProvisioned string, the list price, the free headroom
 * and the next size down. Everything is computed in the browser by the same engine the dashboard and the CLI use.
 */
export function SizeCalculator({ initialCpu, initialMemory, initialRegion, regions }: SizeCalculatorProps) {
  const knownRegion = regions.includes(initialRegion);
  const [cpu, setCpu] = useState(initialCpu);
  const [memory, setMemory] = useState(initialMemory);
  const [region, setRegion] = useState(knownRegion ? initialRegion : 'us-east-1');
  const ids = { cpu: useId(), memory: useId(), region: useId(), cpuError: useId(), memoryError: useId() };

  const cpuParsed = parse(cpu, parseCpuMillis);
  const memoryParsed = parse(memory, parseBytes);
  const prices = useMemo(() => pricesFor(region), [region]);
  const estimate: PodEstimate | null =
    cpuParsed.error || memoryParsed.error ? null : estimatePod(singleContainerSpec(cpuParsed.value, memoryParsed.value), prices);

  // The URL is the state: replaceState keeps one history entry per page, and Next's router picks it up.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of [['cpu', cpu], ['memory', memory], ['region', region]] as const) {
      if (value.trim()) params.set(key, value.trim());
      else params.delete(key);
    }
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, '', url);
  }, [cpu, memory, region]);

  const inputClass =
    'w-36 rounded-sm border border-border bg-bg px-2 py-1 font-mono text-[13px] text-fg aria-[invalid=true]:border-err focus:border-accent';

  return (
    <section className="flex flex-col gap-4 font-mono text-[13px]" aria-labelledby="calculator-title">
      <header className="flex flex-wrap items-baseline gap-x-3">
        <h1 id="calculator-title" className="text-[15px] font-semibold">
          Fargate size calculator
        </h1>
        <p className="text-muted">requests in any Kubernetes notation (500m, 0.5, 1750M, 1.5Gi, 129e6) → the size EKS Fargate provisions and bills</p>
      </header>

      <form className="flex flex-wrap items-start gap-4 rounded-sm border border-border bg-panel p-3" onSubmit={(e) => e.preventDefault()}>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.cpu} className="text-muted">
            CPU request
          </label>
          <input
            id={ids.cpu}
            name="cpu"
            className={inputClass}
            value={cpu}
            onChange={(e) => setCpu(e.target.value)}
            placeholder="e.g. 500m"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={cpuParsed.error ? true : undefined}
            aria-describedby={cpuParsed.error ? ids.cpuError : undefined}
          />
          {cpuParsed.error ? (
            <p id={ids.cpuError} role="alert" className="max-w-md text-err" data-testid="cpu-error">
              {cpuParsed.error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.memory} className="text-muted">
            Memory request
          </label>
          <input
            id={ids.memory}
            name="memory"
            className={inputClass}
            value={memory}
            onChange={(e) => setMemory(e.target.value)}
            placeholder="e.g. 1.5Gi"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={memoryParsed.error ? true : undefined}
            aria-describedby={memoryParsed.error ? ids.memoryError : undefined}
          />
          {memoryParsed.error ? (
            <p id={ids.memoryError} role="alert" className="max-w-md text-err" data-testid="memory-error">
              {memoryParsed.error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.region} className="text-muted">
            Region
          </label>
          <select id={ids.region} name="region" className={inputClass} value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {knownRegion ? null : (
            <p className="max-w-md text-warn">
              No prices for region {JSON.stringify(initialRegion)}; showing us-east-1.
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-muted">Examples</span>
          <div className="flex flex-wrap gap-1">
            {EXAMPLES.map((ex) => (
              <button
                key={ex.label}
                type="button"
                className="rounded-sm border border-border px-2 py-1 text-muted hover:text-fg"
                onClick={() => {
                  setCpu(ex.cpu);
                  setMemory(ex.memory);
                }}
              >
                {ex.label}
              </button>
            ))}
          </div>
        </div>
      </form>

      {estimate ? <Result estimate={estimate} prices={prices} /> : <p className="text-muted">Fix the request above to see the size.</p>}
    </section>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function Result({ estimate, prices }: { estimate: PodEstimate; prices: RegionPrices }) {
  const { sizing, rightSizing } = estimate;
  const size = sizing.size;
  const next = rightSizing.nextSmaller;
  const trim = next
    ? [next.trim.cpuMillis ? `CPU by ${formatCpu(next.trim.cpuMillis)}` : '', next.trim.memoryBytes ? `memory by ${formatBytes(next.trim.memoryBytes)}` : '']
        .filter(Boolean)
        .join(' and ')
    : '';
  return (
    <div className="flex flex-wrap gap-4">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-sm border border-border bg-panel p-3" aria-label="Fargate size">
        <Row label="effective request" testId="request">
          {formatCpu(sizing.effective.cpuMillis)} vCPU / {formatBytes(sizing.effective.memoryBytes)}{' '}
          <span className="text-muted">({sizing.effective.memoryBytes.toLocaleString('en-US')} bytes)</span>
        </Row>
        <Row label="+ Fargate overhead" testId="needs">
          {formatBytes(FARGATE_OVERHEAD_BYTES)} → needs {formatCpu(sizing.effective.cpuMillis)} vCPU / {formatBytes(sizing.fargateMemoryBytes)}
        </Row>
        <Row label="Fargate size" testId="size">
          {size ? <span className="font-semibold text-fargate">{size.vcpu} vCPU, {size.memoryGiB} GB</span> : <span className="text-err">none fits</span>}
        </Row>
        <Row label="CapacityProvisioned" testId="capacity-provisioned">
          {sizing.capacityProvisioned ? <span className="text-fargate">{sizing.capacityProvisioned}</span> : <span className="text-err">{sizing.tooLargeReason}</span>}
        </Row>
        <Row label="$/hour" testId="hourly">
          {estimate.hourlyUSD === null ? '—' : hourly(estimate.hourlyUSD)}
        </Row>
        <Row label={`$/month (${HOURS_PER_MONTH} h)`} testId="monthly">
          {estimate.monthlyUSD === null ? '—' : monthly(estimate.monthlyUSD)}
        </Row>
        <Row label="free headroom" testId="headroom">
          {size ? `${formatCpu(rightSizing.headroom.cpuMillis)} vCPU / ${formatBytes(rightSizing.headroom.memoryBytes)} more would cost nothing` : '—'}
        </Row>
        <Row label="next size down" testId="next-smaller">
          {next ? (
            <>
              <span className="text-fargate">{next.capacityProvisioned}</span> if the request drops {trim}: saves {monthly(next.savingMonthlyUSD)}/month
            </>
          ) : size ? (
            'none: this is the smallest size for the request'
          ) : (
            '—'
          )}
        </Row>
        <Row label="prices">
          <span className="text-muted">
            {prices.region} list prices of {prices.date}: ${prices.fargateVcpuHour} per vCPU-hour, ${prices.fargateGbHour} per GB-hour; billed per second
          </span>
        </Row>
      </dl>

      <div className="flex flex-col gap-2">
        <SizeTable chosen={size} />
        {estimate.issues.length || estimate.warnings.length ? (
          <ul className="max-w-xl list-none" aria-label="Findings">
            {estimate.issues.map((m) => (
              <li key={m} className="text-err">
                ✗ {m}
              </li>
            ))}
            {estimate.warnings.map((m) => (
              <li key={m} className="text-warn">
                ! {m}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** The 74 sizes, one line per vCPU value, the chosen one highlighted. */
function SizeTable({ chosen }: { chosen: FargateSize | null }) {
  return (
    <table className="border-collapse rounded-sm border border-border bg-panel text-[12px]" aria-label="The 74 Fargate sizes (GB)">
      <thead>
        <tr className="text-left text-muted">
          <th scope="col" className="px-2 py-0.5 font-normal">vCPU</th>
          <th scope="col" className="px-2 py-0.5 font-normal">memory, GB</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.vcpu} className="border-t border-border">
            <th scope="row" className="px-2 py-0.5 text-right font-normal">
              {row.vcpu}
            </th>
            <td className="px-2 py-0.5">
              {row.sizes.map((s) => {
                const on = chosen !== null && s.vcpu === chosen.vcpu && s.memoryGiB === chosen.memoryGiB;
                return (
                  <span key={s.memoryGiB} className={on ? 'mr-1 rounded-sm bg-fargate px-0.5 font-semibold text-bg' : 'mr-1 text-muted'} aria-current={on ? 'true' : undefined}>
                    {s.memoryGiB}
                  </span>
                );
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
