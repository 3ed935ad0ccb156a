/** Runs once when the server starts; the work is in lib/server/startup.ts (Node.js only, never in next build). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { onServerStart } = await import('./lib/server/startup');
    await onServerStart();
  }
}
