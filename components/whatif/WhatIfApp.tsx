'use client';

/**
 * What-if (`:whatif`): paste or upload manifests, and see for each pod template where it would land in this
 * cluster, its Fargate size and cost against the EC2 alternative, and every reason Fargate would refuse it.
 * The server places the templates against its live view (POST /api/c/[context]/whatif); nothing is applied.
 */
import Link from 'next/link';
import { useCallback, useId, useRef, useState } from 'react';
import { MAX_WHATIF_BYTES, type WhatIfResponse } from '@/lib/cost/whatif';
import { isNamespaceName } from '@/lib/cost/query';
import { clusterPath, pagePath, whatIfPath } from '@/lib/ui/api-paths';
import { PageFrame, useCommonPageChrome } from '../cost/PageChrome';
import { WHATIF_KEYS } from '../cost/keys';
import { ErrorBox, type Problem } from '../common/ErrorBox';
import { requestJson } from '../common/request';
import { WhatIfResults } from './WhatIfResults';

type Outcome = { status: 'idle' } | { status: 'busy' } | { status: 'done'; result: WhatIfResponse } | { status: 'error'; error: unknown };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function WhatIfApp({ context, initialNamespace }: { context: string; initialNamespace: string }) {
  const [text, setText] = useState('');
  // Uploaded files are sent one by one (documents and errors then name their file) until the text is edited.
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const [namespace, setNamespace] = useState(initialNamespace);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const ids = { text: useId(), ns: useId(), file: useId(), nsError: useId() };
  const fileRef = useRef<HTMLInputElement>(null);
  const nsValid = isNamespaceName(namespace);

  const submit = useCallback(async () => {
    const bytes = new TextEncoder().encode(text).length;
    if (!text.trim()) {
      setOutcome({ status: 'error', error: { error: 'Nothing to size', detail: 'Paste a manifest or upload a file first.' } satisfies Problem });
      return;
    }
    if (bytes > MAX_WHATIF_BYTES) {
      setOutcome({ status: 'error', error: { error: 'Manifests too large', detail: `${sizeText(bytes)} is more than the ${sizeText(MAX_WHATIF_BYTES)} limit: size fewer files at a time.` } satisfies Problem });
      return;
    }
    if (!nsValid) {
      setOutcome({ status: 'error', error: { error: 'Invalid namespace', detail: `"${namespace}" is not a namespace name.` } satisfies Problem });
      return;
    }
    setOutcome({ status: 'busy' });
    try {
      const result = await requestJson<WhatIfResponse>('POST', whatIfPath(context), files.length ? { files, namespace } : { manifests: text, namespace });
      if (!Array.isArray(result.rows)) throw new Error('The server answered without pod templates');
      setOutcome({ status: 'done', result });
    } catch (e) {
      setOutcome({ status: 'error', error: e });
    }
  }, [text, files, namespace, nsValid, context]);

  const onFiles = useCallback(async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const all = [...list];
    const total = all.reduce((n, f) => n + f.size, 0);
    if (total > MAX_WHATIF_BYTES) {
      setOutcome({ status: 'error', error: { error: 'Files too large', detail: `${sizeText(total)} is more than the ${sizeText(MAX_WHATIF_BYTES)} limit.` } satisfies Problem });
      return;
    }
    const texts = await Promise.all(all.map((f) => f.text()));
    setText(texts.map((t) => t.trimEnd()).join('\n---\n'));
    setFiles(all.map((f, i) => ({ name: f.name, text: texts[i] })));
    setOutcome({ status: 'idle' });
  }, []);

  const chrome = useCommonPageChrome(context, WHATIF_KEYS, []);

  return (
    <PageFrame
      onAction={chrome.onAction}
      context={context}
      keys={WHATIF_KEYS}
      overlay={chrome.overlay}
      links={
        <>
          <Link href={clusterPath(context)} className="text-accent hover:underline">
            cluster
          </Link>
          <Link href={pagePath(context, 'cost')} className="text-accent hover:underline">
            cost
          </Link>
          <Link href="/reports" className="text-accent hover:underline">
            reports
          </Link>
        </>
      }
    >
      <main className="flex flex-1 flex-col gap-4 p-3 text-[13px]" aria-labelledby="whatif-title">
        <div>
          <h1 id="whatif-title" className="text-[15px] font-semibold">
            What if I deploy this?
          </h1>
          <p className="text-[12px] text-muted">
            Paste or upload Kubernetes manifests (YAML or JSON, several documents). Each pod template is placed against {context}&apos;s live ACTIVE Fargate
            profiles the way EKS does it, sized the way Fargate does it, and priced on both sides. Nothing is applied.
          </p>
        </div>
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={ids.text} className="text-[12px] text-muted">
            Manifests
          </label>
          <textarea
            id={ids.text}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFiles([]);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
            rows={14}
            spellCheck={false}
            placeholder={'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: test2-fargate\nspec: …'}
            className="w-full rounded-sm border border-border bg-panel p-2 font-mono text-[12px] text-fg focus:border-accent"
            data-testid="manifests"
          />
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 font-mono text-[12px]">
            <label htmlFor={ids.file} className="flex items-center gap-2">
              <span className="text-muted">Upload</span>
              <input ref={fileRef} id={ids.file} type="file" multiple accept=".yaml,.yml,.json,text/yaml,application/json" onChange={(e) => void onFiles(e.target.files)} data-testid="upload" />
            </label>
            {files.length ? <span className="text-muted">{files.map((f) => f.name).join(', ')}</span> : null}
            <label htmlFor={ids.ns} className="flex items-center gap-2">
              <span className="text-muted">Namespace for manifests without one</span>
              <input
                id={ids.ns}
                value={namespace}
                onChange={(e) => setNamespace(e.target.value.trim())}
                aria-invalid={!nsValid}
                aria-describedby={nsValid ? undefined : ids.nsError}
                className="w-40 rounded-sm border border-border bg-bg px-2 py-0.5 text-fg aria-[invalid=true]:border-err"
              />
            </label>
            {nsValid ? null : (
              <span id={ids.nsError} className="text-err">
                not a namespace name
              </span>
            )}
            <button type="submit" disabled={outcome.status === 'busy'} className="rounded-sm border border-accent px-3 py-0.5 text-accent hover:bg-[var(--row-hover)] disabled:opacity-50" data-testid="whatif-run">
              {outcome.status === 'busy' ? 'Placing…' : 'Where would it land?'}
            </button>
            <span className="text-muted">ctrl+enter in the box</span>
          </div>
        </form>
        {outcome.status === 'error' ? <ErrorBox error={outcome.error} testId="whatif-error" signIn={null} /> : null}
        {outcome.status === 'done' ? <WhatIfResults result={outcome.result} /> : null}
      </main>
    </PageFrame>
  );
}
