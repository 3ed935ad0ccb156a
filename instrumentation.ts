/**
 * Runs once when the server starts: says loudly how this server is exposed — sign-in on or off, and whether it
 * will refuse to serve because it listens beyond loopback without sign-in (see lib/server/auth.ts). Nothing
 * here connects to a cluster or the store (`next build` and start-up stay offline).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { anonymousExposure, authConfig, exposedHost } = await import('./lib/server/auth');
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
}
