/** The kubeconfig that points clients at the simulator: one cluster, context and user, all named after the cluster. */
import YAML from 'yaml';

/** Kubeconfig YAML with the CA inline (certificate-authority-data) and a static bearer token. */
export function kubeconfigYaml(opts: { clusterName: string; server: string; caCert: string; token: string }): string {
  const name = opts.clusterName;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server, 'certificate-authority-data': Buffer.from(opts.caCert).toString('base64') } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
    'current-context': name,
    users: [{ name: `${name}-admin`, user: { token: opts.token } }],
    preferences: {},
  });
}
