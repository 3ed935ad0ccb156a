import 'server-only';
/**
 * What the server does once at start (from instrumentation.ts, Node.js runtime only): says loudly how it is
 * exposed — sign-in on or off, and whether it will refuse to serve because it listens beyond loopback without
 * sign-in (see auth.ts) — then starts listing the current context, so the first visitor finds it synced rather
 * than waiting for a big cluster's first list. `next build` connects to nothing; the store opens on first use.
 */
import { anonymousExposure, authConfig, exposedHost } from './auth';
import { loadKubeconfig } from './kubeconfig';
import { getClusterSource } from './registry';

export async function onServerStart(): Promise<void> {
  const host = exposedHost();
  try {
    const cfg = authConfig();
    const exposed = anonymousExposure(cfg, host);
    if (exposed) {
      const bar = '!'.repeat(100);
      console.error(`\n${bar}\nfarview: REFUSING TO SERVE: ${exposed}\n${bar}\n`);
    } else if (!cfg.enabled && cfg.allowAnonymous) {
      console.warn(`farview: WARNING: sign-in is off and the server listens on ${host} (FARVIEW_ALLOW_ANONYMOUS=1): anyone who can reach it can change Fargate profiles.`);
    } else if (cfg.enabled) {
      const how = [cfg.tokens.length ? `${cfg.tokens.length} token(s)` : null, cfg.proxy ? `identity header ${cfg.proxy.userHeader}` : null].filter(Boolean).join(' and ');
      console.log(`farview: sign-in on (${how}); sessions signed with ${cfg.secretSource === 'env' ? 'FARVIEW_SESSION_SECRET' : 'a random per-process secret (set FARVIEW_SESSION_SECRET when running replicas)'}${cfg.publicReports ? '; shared reports are public' : ''}`);
    }
  } catch (e) {
    console.error(`farview: sign-in is misconfigured, every request will be refused: ${(e as Error).message}`);
  }
  if (process.env.NEXT_PHASE !== 'phase-production-build') preloadCurrentContext();
}

function preloadCurrentContext(): void {
  try {
    const current = loadKubeconfig().current;
    if (current) getClusterSource(current);
  } catch (e) {
    // The pages explain a broken kubeconfig in full; the server starts anyway.
    console.warn(`farview: not preloading the current context: ${(e as Error).message}`);
  }
}
