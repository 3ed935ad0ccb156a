import type { SimContext } from '../context';
import { loadEksworkshop } from './eksworkshop';
import { loadEmpty } from './empty';
import { loadModern } from './modern';
import { loadScale } from './scale';

const LOADERS: Record<string, (ctx: SimContext) => void> = {
  eksworkshop: loadEksworkshop,
  empty: loadEmpty,
  modern: loadModern,
  scale: loadScale,
};

/** Scenario names, for --scenario. */
export const SCENARIOS: string[] = Object.keys(LOADERS);

/**
 * Fills a fresh context's store and AWS state with a scenario. Call before startControllers; throws on
 * an unknown name (listing the known ones) or when the store is not empty.
 */
export function loadScenario(name: string, ctx: SimContext): void {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown scenario ${JSON.stringify(name)}; known: ${SCENARIOS.join(', ')}`);
  if (ctx.store.count('Namespace') > 0 || ctx.store.count('Node') > 0) {
    throw new Error(`scenario ${name} needs an empty store; this one already holds objects`);
  }
  load(ctx);
}
