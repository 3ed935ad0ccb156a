import { describe, expect, it } from 'vitest';
import { describeEksError } from './eks-errors';
import { nextReplaceStep, REPLACE_ACTIONS, replacePlans, type AuditLike, type ReplacePlan } from './replace-plan';

const plan: ReplacePlan = {
  id: 'plan-1',
  context: 'eksworkshop',
  oldName: 'test3-mixed',
  spec: { fargateProfileName: 'test3-mixed-2', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }], subnets: [], podExecutionRoleArn: 'arn:aws:iam::133129065110:role/r', tags: {} },
  actor: 'local',
  startedAt: '2026-03-26T12:00:00.000Z',
};
const ok = (status: string) => ({ status, healthIssues: [] });

describe('nextReplaceStep', () => {
  it('creates, waits for ACTIVE, deletes the old one, and is done when the old one is gone', () => {
    expect(nextReplaceStep(plan, ok('ACTIVE'), null, false)).toEqual({ kind: 'create' });
    expect(nextReplaceStep(plan, ok('ACTIVE'), ok('CREATING'), true)).toEqual({ kind: 'wait', reason: 'test3-mixed-2 is CREATING' });
    expect(nextReplaceStep(plan, ok('ACTIVE'), ok('ACTIVE'), true)).toEqual({ kind: 'delete-old' });
    expect(nextReplaceStep(plan, ok('DELETING'), ok('ACTIVE'), true)).toEqual({ kind: 'wait', reason: 'test3-mixed is DELETING' });
    expect(nextReplaceStep(plan, null, ok('ACTIVE'), true)).toEqual({ kind: 'done' });
  });

  it('never deletes the old profile when the new one failed, and says why', () => {
    const failed = { status: 'CREATE_FAILED', healthIssues: [{ code: 'AccessDenied', message: 'role cannot be assumed' }] };
    expect(nextReplaceStep(plan, ok('ACTIVE'), failed, true)).toEqual({
      kind: 'fail',
      reason: 'creating test3-mixed-2 failed (AccessDenied: role cannot be assumed); the old profile test3-mixed is kept',
    });
    expect(nextReplaceStep(plan, ok('ACTIVE'), null, true).kind).toBe('fail');
  });

  it('resumes from what EKS shows, whatever the plan remembers', () => {
    // Interrupted after the create call went through but before it was recorded: the new profile exists.
    expect(nextReplaceStep(plan, ok('ACTIVE'), ok('ACTIVE'), false)).toEqual({ kind: 'delete-old' });
  });
});

describe('replacePlans', () => {
  const entry = (id: number, action: string, request: unknown, result: 'ok' | 'error' = 'ok', detail: string | null = null): AuditLike => ({
    id,
    at: `2026-03-26T12:00:0${id}.000Z`,
    action,
    context: 'eksworkshop',
    request,
    result,
    detail,
  });

  it('rebuilds plans from the audit log and finds the ones that never ended', () => {
    const other = { ...plan, id: 'plan-2', oldName: 'test2-fargate' };
    const entries = [
      entry(1, REPLACE_ACTIONS.start, { plan }),
      entry(2, REPLACE_ACTIONS.step, { planId: 'plan-1', step: 'created' }),
      entry(3, 'fargate-profile.create', { form: {} }),
      entry(4, REPLACE_ACTIONS.start, { plan: other }),
      entry(5, REPLACE_ACTIONS.step, { planId: 'plan-2', step: 'created' }),
      entry(6, REPLACE_ACTIONS.end, { planId: 'plan-2', outcome: 'done' }),
    ];
    const all = replacePlans(entries.reverse());
    expect(all.map((s) => [s.plan.id, s.outcome, s.created, s.steps])).toEqual([
      ['plan-2', 'done', true, ['created']],
      ['plan-1', null, true, ['created']],
    ]);
    expect(replacePlans(entries, { pending: true }).map((s) => s.plan.id)).toEqual(['plan-1']);
    expect(replacePlans(entries, { pending: true, context: 'other' })).toEqual([]);
  });

  it('ignores entries it cannot read', () => {
    expect(replacePlans([entry(1, REPLACE_ACTIONS.start, { plan: { id: 3 } }), entry(2, REPLACE_ACTIONS.step, 'x')])).toEqual([]);
  });
});

describe('describeEksError', () => {
  it('explains the in-use, quota, access and parameter refusals, keeping EKS\'s words', () => {
    const inUse = describeEksError(
      'create',
      'ResourceInUseException',
      'Fargate Profile a is in status CREATING in cluster eksworkshop; only one Fargate profile can be creating or deleting at a time. Retry when it has finished.',
    );
    expect(inUse).toMatchObject({ status: 409, error: 'Another Fargate profile is being created or deleted', code: 'ResourceInUseException' });
    expect(inUse.detail).toContain('EKS said: Fargate Profile a is in status CREATING');
    expect(describeEksError('create', 'ResourceInUseException', 'A Fargate Profile already exists with this name in this cluster.').error).toBe(
      'A Fargate profile with this name already exists',
    );
    expect(describeEksError('create', 'ResourceLimitExceededException', 'Fargate Profiles per cluster limit exceeded (limit: 10).')).toMatchObject({
      status: 409,
      error: 'The cluster has reached its Fargate profile quota',
    });
    const denied = describeEksError('create', 'AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: eks:CreateFargateProfile');
    expect(denied.status).toBe(403);
    expect(denied.detail).toContain('eks:CreateFargateProfile and iam:PassRole');
    const bad = describeEksError('create', 'InvalidParameterException', 'Subnet subnet-1 is a public subnet.', 400);
    expect(bad).toMatchObject({ status: 400, error: 'EKS refused to create the Fargate profile', detail: 'EKS said: Subnet subnet-1 is a public subnet.' });
    expect(describeEksError('delete', 'ResourceNotFoundException', 'No Fargate Profile found with name: x.')).toMatchObject({ status: 404, error: 'No such Fargate profile' });
  });
});
