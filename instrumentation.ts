/** Runs once when the server starts; the work is in lib/server/startup.ts (Node.js only, never in next build). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    if (process.env.NEXT_PHASE !== 'phase-production-build') {
      // A bad value stops the server here, rather than surfacing later as a refused request.
      const { config, ConfigError } = await import('./lib/server/config');
      try {
        config();
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        console.error(e.message);
        process.exit(1);
      }
    }
    const { refuseUnknownMethods } = await import('./lib/server/method-guard');
    refuseUnknownMethods();
    const { onServerStart } = await import('./lib/server/startup');
    await onServerStart();
  }
}
