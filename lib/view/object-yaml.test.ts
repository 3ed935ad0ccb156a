import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { KubePod } from './kube';
import { LAST_APPLIED, objectYaml, podYaml } from './object-yaml';
import { loadFixture } from '../../fixtures/view';

function secretivePod(): KubePod {
  const pod = loadFixture('eksworkshop').objects.pods?.[0] as KubePod;
  pod.metadata.managedFields = [{ manager: 'kubectl', operation: 'Update' }];
  pod.metadata.annotations = { ...pod.metadata.annotations, [LAST_APPLIED]: '{"spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"hunter2"}]}]}}' };
  pod.spec.containers[0].env = [
    { name: 'DB_PASSWORD', value: 'hunter2' },
    { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    { name: 'LOG_LEVEL', value: 'debug' },
  ];
  pod.spec.initContainers = [{ name: 'init', env: [{ name: 'INIT_SECRET', value: 's3cr3t' }] }];
  return pod;
}

describe('pod YAML', () => {
  it('hides the values of secret-looking flags in command and args, and keeps the rest', () => {
    const pod = secretivePod();
    pod.spec.containers[0].command = ['/app', '--db-password=hunter2', '--token', 's3cr3t', '--port', '8080'];
    pod.spec.containers[0].args = ['--aws-secret-access-key=AKIAxyz', '-v', '--api_key', 'k-123', '--log-level=info', '--auth-file', '/etc/x'];
    const back = YAML.parse(podYaml(pod)) as KubePod;
    expect(back.spec.containers[0].command).toEqual(['/app', '--db-password=(hidden by Farview)', '--token', '(hidden by Farview)', '--port', '8080']);
    expect(back.spec.containers[0].args).toEqual(['--aws-secret-access-key=(hidden by Farview)', '-v', '--api_key', '(hidden by Farview)', '--log-level=info', '--auth-file', '(hidden by Farview)']);
    expect(podYaml(pod)).not.toMatch(/hunter2|s3cr3t|AKIAxyz|k-123/);
  });

  it('shows env names only, never values or secret references', () => {
    const text = podYaml(secretivePod());
    for (const leaked of ['hunter2', 'secretKeyRef', 's3cr3t', 'debug', 'DB_PASSWORD","value']) expect(text).not.toContain(leaked);
    const back = YAML.parse(text) as KubePod;
    expect(back.spec.containers[0].env).toEqual([{ name: 'DB_PASSWORD' }, { name: 'API_TOKEN' }, { name: 'LOG_LEVEL' }]);
    expect(back.spec.initContainers?.[0].env).toEqual([{ name: 'INIT_SECRET' }]);
  });

  it('drops managedFields and hides the last-applied manifest, leaving the rest intact', () => {
    const pod = secretivePod();
    const back = YAML.parse(podYaml(pod)) as KubePod;
    expect(back.metadata.managedFields).toBeUndefined();
    expect(back.metadata.annotations?.[LAST_APPLIED]).toMatch(/hidden/);
    expect(back.metadata.annotations?.CapacityProvisioned).toBe(pod.metadata.annotations?.CapacityProvisioned);
    expect(back.spec.nodeName).toBe(pod.spec.nodeName);
    // The input is not modified.
    expect(pod.spec.containers[0].env?.[0].value).toBe('hunter2');
  });

  it('renders other objects without managedFields', () => {
    const node = loadFixture('eksworkshop').objects.nodes?.[0];
    if (!node) throw new Error('fixture');
    node.metadata.managedFields = [{ manager: 'kubelet' }];
    const back = YAML.parse(objectYaml(node)) as typeof node;
    expect(back.metadata.managedFields).toBeUndefined();
    expect(back.metadata.name).toBe(node.metadata.name);
  });
});
