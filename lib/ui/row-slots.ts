/**
 * React keys ("slots") for the rows a virtualized list draws, so each change touches as few elements as
 * it can. A row keeps its slot while it stays drawn: a live update that shifts the list, or a scroll,
 * only moves those rows. A row coming into view takes a slot that a row going out of view left: a new
 * filter changes the text of the same ~50 row elements instead of removing them all and building new
 * ones (which costs style, layout and paint from scratch). Slots are small integers, lowest first.
 */
export class RowSlots {
  private slots = new Map<string, number>();

  /** The slot of each drawn row, given the rows' keys in order. Calling it again with the same keys gives the same slots. */
  assign(keys: readonly string[]): number[] {
    const next = new Map<string, number>();
    const taken = new Set<number>();
    const out: number[] = [];
    for (const k of keys) {
      const s = this.slots.get(k);
      const keep = s !== undefined && !taken.has(s) && !next.has(k);
      if (keep) {
        next.set(k, s);
        taken.add(s);
      }
      out.push(keep ? s : -1);
    }
    let free = 0;
    for (let i = 0; i < keys.length; i++) {
      if (out[i] !== -1) continue;
      while (taken.has(free)) free++;
      taken.add(free);
      next.set(keys[i], free);
      out[i] = free;
    }
    this.slots = next;
    return out;
  }
}
