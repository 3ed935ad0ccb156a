import type { ReactNode } from 'react';

/** A centred message for loading, empty and error states: what happened and what to do next. */
export function StateMessage({ title, tone = 'muted', children, testId }: { title: string; tone?: 'muted' | 'err' | 'warn'; children?: ReactNode; testId?: string }) {
  const color = tone === 'err' ? 'text-err' : tone === 'warn' ? 'text-warn' : 'text-fg';
  return (
    <div className="flex min-h-0 flex-1 items-start justify-center overflow-auto p-6" data-testid={testId}>
      <div className="max-w-[80ch] space-y-2 text-[13px]">
        <h2 className={`text-[15px] font-semibold ${color}`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
