'use client';
/**
 * The inputs of the Fargate profile form: name, selectors (namespace + labels), subnets, pod execution role,
 * tags. Each input shows its own issues from validateProfileForm under it as the user types (errors once the
 * field was touched, or after a submit attempt; notes such as "yes stays a string" at once).
 */
import type { KeyValueRow, ProfileForm } from '@/lib/profiles/form';
import { isBlankRow, LIMITS } from '@/lib/profiles/form';
import type { SubnetChoice } from '@/lib/profiles/subnets';
import type { ValidationIssue } from '@/lib/profiles/validate';
import { FieldIssues, INPUT, SMALL_BUTTON } from './Controls';

export interface FieldsProps {
  form: ProfileForm;
  onChange: (update: (f: ProfileForm) => ProfileForm) => void;
  issues: readonly ValidationIssue[];
  /** Whether errors of `field` are shown yet. */
  shown: (field: string) => boolean;
  touch: (field: string) => void;
  subnets: readonly SubnetChoice[] | null;
  subnetsError: string | null;
  roles: readonly string[];
  /** While a request is on its way, nothing can be edited. */
  disabled: boolean;
}

const domId = (field: string) => `fp-${field.replace(/\./g, '-')}`;

function visible(issues: readonly ValidationIssue[], field: string, shown: boolean): ValidationIssue[] {
  return issues.filter((i) => i.field === field && (shown || i.severity !== 'error'));
}

function TextField(props: {
  field: string;
  label: string;
  value: string;
  placeholder?: string;
  issues: readonly ValidationIssue[];
  shown: boolean;
  onChange: (v: string) => void;
  onBlur: () => void;
  disabled: boolean;
  list?: string;
  wide?: boolean;
}) {
  const id = domId(props.field);
  const mine = visible(props.issues, props.field, props.shown);
  const invalid = mine.some((i) => i.severity === 'error');
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-[11px] text-muted">
        {props.label}
      </label>
      <input
        id={id}
        name={props.field}
        value={props.value}
        placeholder={props.placeholder}
        list={props.list}
        disabled={props.disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={mine.length ? `${id}-issues` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        className={`${INPUT} ${props.wide ? 'w-full' : 'w-full max-w-[32ch]'}`}
        data-testid={id}
      />
      <FieldIssues id={`${id}-issues`} issues={mine} />
    </div>
  );
}

function Rows(props: {
  base: string;
  what: string;
  rows: KeyValueRow[];
  max: number;
  issues: readonly ValidationIssue[];
  shown: (field: string) => boolean;
  touch: (field: string) => void;
  onRows: (rows: KeyValueRow[]) => void;
  disabled: boolean;
  keyPlaceholder: string;
  valuePlaceholder: string;
}) {
  const { base, rows } = props;
  const used = rows.filter((r) => !isBlankRow(r)).length;
  const set = (j: number, r: KeyValueRow) => props.onRows(rows.map((x, k) => (k === j ? r : x)));
  const listIssues = visible(props.issues, base, true);
  return (
    <div>
      {rows.map((r, j) => {
        const f = `${base}.${j}`;
        const keyId = domId(`${f}.key`);
        const valueId = domId(`${f}.value`);
        const mine = props.issues.filter((i) => (i.field === `${f}.key` || i.field === `${f}.value`) && (props.shown(`${f}.key`) || props.shown(`${f}.value`) || i.severity !== 'error'));
        const bad = (x: string) => mine.some((i) => i.field === x && i.severity === 'error');
        return (
          <div key={j} className="mb-0.5">
            <div className="flex items-center gap-1">
              <input
                id={keyId}
                aria-label={`${props.what} ${j + 1} key`}
                value={r.key}
                placeholder={props.keyPlaceholder}
                disabled={props.disabled}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={bad(`${f}.key`)}
                aria-describedby={mine.length ? `${domId(f)}-issues` : undefined}
                onChange={(e) => set(j, { ...r, key: e.target.value })}
                onBlur={() => props.touch(`${f}.key`)}
                className={`${INPUT} w-[22ch]`}
                data-testid={keyId}
              />
              <span className="text-muted">=</span>
              <input
                id={valueId}
                aria-label={`${props.what} ${j + 1} value`}
                value={r.value}
                placeholder={props.valuePlaceholder}
                disabled={props.disabled}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={bad(`${f}.value`)}
                aria-describedby={mine.length ? `${domId(f)}-issues` : undefined}
                onChange={(e) => set(j, { ...r, value: e.target.value })}
                onBlur={() => props.touch(`${f}.value`)}
                className={`${INPUT} w-[22ch]`}
                data-testid={valueId}
              />
              <button type="button" className={SMALL_BUTTON} disabled={props.disabled} aria-label={`remove ${props.what} ${j + 1}`} onClick={() => props.onRows(rows.filter((_, k) => k !== j))}>
                ✕
              </button>
            </div>
            <FieldIssues id={`${domId(f)}-issues`} issues={mine} />
          </div>
        );
      })}
      <button
        type="button"
        className={SMALL_BUTTON}
        disabled={props.disabled || rows.length >= props.max}
        onClick={() => props.onRows([...rows, { key: '', value: '' }])}
        data-testid={`${domId(base)}-add`}
        title={rows.length >= props.max ? `at most ${props.max}` : undefined}
      >
        + {props.what} ({used}/{props.max})
      </button>
      <FieldIssues id={`${domId(base)}-issues`} issues={listIssues} />
    </div>
  );
}

/** The form's inputs. */
export function ProfileFields(p: FieldsProps) {
  const { form, onChange, issues, shown, touch, disabled } = p;
  const formIssues = visible(issues, 'form', true);
  const selectorIssues = visible(issues, 'selectors', true);
  const subnetIssues = visible(issues, 'subnets', true);
  return (
    <div className="flex flex-col gap-3 text-[12px]">
      <FieldIssues id="fp-form-issues" issues={formIssues} />
      <TextField
        field="name"
        label="Name (letters, digits, - and _; not eks-…)"
        value={form.name}
        placeholder="test4-batch"
        issues={issues}
        shown={shown('name')}
        onChange={(v) => {
          touch('name');
          onChange((f) => ({ ...f, name: v }));
        }}
        onBlur={() => touch('name')}
        disabled={disabled}
      />

      <fieldset className="min-w-0 rounded border border-border p-2">
        <legend className="px-1 text-[11px] text-muted">
          Selectors — a pod matches one selector: its namespace, and every label listed (* and ? are wildcards)
        </legend>
        {form.selectors.map((s, i) => (
          <div key={i} className="mb-2 border-l-2 border-border pl-2" data-testid={`fp-selector-${i}`}>
            <div className="flex items-end gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  field={`selectors.${i}.namespace`}
                  label={`Selector ${i + 1}: namespace`}
                  value={s.namespace}
                  placeholder="my-namespace, team-*"
                  issues={issues}
                  shown={shown(`selectors.${i}.namespace`)}
                  onChange={(v) => {
                    touch(`selectors.${i}.namespace`);
                    onChange((f) => ({ ...f, selectors: f.selectors.map((x, k) => (k === i ? { ...x, namespace: v } : x)) }));
                  }}
                  onBlur={() => touch(`selectors.${i}.namespace`)}
                  disabled={disabled}
                />
              </div>
              <button
                type="button"
                className={`${SMALL_BUTTON} mb-1`}
                disabled={disabled || form.selectors.length <= 1}
                onClick={() => onChange((f) => ({ ...f, selectors: f.selectors.filter((_, k) => k !== i) }))}
                aria-label={`remove selector ${i + 1}`}
              >
                remove selector
              </button>
            </div>
            <div className="mt-1">
              <Rows
                base={`selectors.${i}.labels`}
                what="label"
                rows={s.labels}
                max={LIMITS.labelsPerSelector}
                issues={issues}
                shown={shown}
                touch={touch}
                disabled={disabled}
                keyPlaceholder="runon"
                valuePlaceholder="fargate"
                onRows={(rows) => onChange((f) => ({ ...f, selectors: f.selectors.map((x, k) => (k === i ? { ...x, labels: rows } : x)) }))}
              />
            </div>
          </div>
        ))}
        <button
          type="button"
          className={SMALL_BUTTON}
          disabled={disabled || form.selectors.length >= LIMITS.selectorsPerProfile}
          onClick={() => onChange((f) => ({ ...f, selectors: [...f.selectors, { namespace: '', labels: [] }] }))}
          data-testid="fp-selectors-add"
        >
          + selector ({form.selectors.length}/{LIMITS.selectorsPerProfile})
        </button>
        <FieldIssues id="fp-selectors-issues" issues={selectorIssues} />
      </fieldset>

      <fieldset className="min-w-0 rounded border border-border p-2" data-testid="fp-subnets">
        <legend className="px-1 text-[11px] text-muted">Subnets — none chosen: EKS uses the cluster&apos;s private subnets</legend>
        {p.subnetsError ? <p className="text-warn">Subnets could not be listed ({p.subnetsError}); EKS checks them when you create.</p> : null}
        {p.subnets === null && !p.subnetsError ? <p className="text-muted">Listing subnets…</p> : null}
        <ul className="space-y-0.5">
          {(p.subnets ?? []).map((s) => {
            const id = `fp-subnet-${s.id}`;
            return (
              <li key={s.id}>
                <div className="flex items-baseline gap-2 whitespace-nowrap">
                  <input
                    id={id}
                    type="checkbox"
                    checked={form.subnets.includes(s.id)}
                    disabled={disabled || !s.selectable}
                    aria-describedby={s.reason ? `${id}-why` : undefined}
                    onChange={(e) =>
                      onChange((f) => ({ ...f, subnets: e.target.checked ? [...f.subnets, s.id] : f.subnets.filter((x) => x !== s.id) }))
                    }
                    data-testid={id}
                  />
                  <label htmlFor={id} className={`font-mono ${s.selectable ? '' : 'text-muted line-through'}`}>
                    {s.id}
                  </label>
                  <span className="text-muted">
                    {s.zone ?? ''} {s.cidr ?? ''}
                  </span>
                </div>
                {s.reason ? (
                  <p id={`${id}-why`} className={`ml-5 text-[11px] ${s.selectable ? 'text-warn' : 'text-muted'}`} data-testid={`${id}-why`}>
                    {s.reason}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <FieldIssues id="fp-subnets-issues" issues={subnetIssues} />
      </fieldset>

      <TextField
        field="podExecutionRoleArn"
        label="Pod execution role ARN (the roles existing profiles use are offered)"
        value={form.podExecutionRoleArn}
        placeholder="arn:aws:iam::123456789012:role/AmazonEKSFargatePodExecutionRole"
        issues={issues}
        shown={shown('podExecutionRoleArn')}
        onChange={(v) => {
          touch('podExecutionRoleArn');
          onChange((f) => ({ ...f, podExecutionRoleArn: v }));
        }}
        onBlur={() => touch('podExecutionRoleArn')}
        disabled={disabled}
        list="fp-roles"
        wide
      />
      <datalist id="fp-roles">
        {p.roles.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>

      <fieldset className="min-w-0 rounded border border-border p-2">
        <legend className="px-1 text-[11px] text-muted">Tags (optional)</legend>
        <Rows
          base="tags"
          what="tag"
          rows={form.tags}
          max={LIMITS.tags}
          issues={issues}
          shown={shown}
          touch={touch}
          disabled={disabled}
          keyPlaceholder="team"
          valuePlaceholder="platform"
          onRows={(rows) => onChange((f) => ({ ...f, tags: rows }))}
        />
      </fieldset>
    </div>
  );
}
