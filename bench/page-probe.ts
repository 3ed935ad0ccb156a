/**
 * The script the benchmark installs in every page before the app's own scripts. It watches the DOM and
 * stamps, in the page's own clock, the moments a user would see: the first data rows painted, the list
 * title showing a filter's result, a row carrying a given pod name appearing. "Painted" is taken after the
 * next animation frame plus one task, i.e. after the frame that holds the change was produced.
 *
 * Plain JavaScript in a string on purpose: functions handed to Playwright are serialized with toString,
 * and the TypeScript loader would add helpers the page does not have.
 */
export const PAGE_PROBE = String.raw`(() => {
  if (window.__bench) return;
  const B = { firstRows: null, firstPending: false, esOpenAt: null, snapshotAt: null, snapshotBytes: 0, waiters: [] };
  window.__bench = B;

  const Native = window.EventSource;
  if (Native) {
    window.EventSource = class extends Native {
      constructor(url, init) {
        super(url, init);
        this.addEventListener('open', () => { if (B.esOpenAt === null) B.esOpenAt = performance.now(); });
        this.addEventListener('snapshot', (ev) => {
          if (B.snapshotAt === null) { B.snapshotAt = performance.now(); B.snapshotBytes = ev.data.length; }
        });
      }
    };
  }

  const dataRows = () => document.querySelectorAll('[role="grid"] [role="row"]:not([aria-rowindex="1"])');
  const afterPaint = (fn) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => fn(performance.now());
    ch.port2.postMessage(0);
  });
  const titleCount = () => {
    const t = document.querySelector('[data-testid="list-title"]');
    const m = t ? /\[(\d+)/.exec(t.textContent || '') : null;
    return m ? Number(m[1]) : null;
  };
  B.titleCount = titleCount;

  const check = () => {
    if (B.firstRows === null && !B.firstPending && dataRows().length > 0) {
      B.firstPending = true;
      afterPaint((t) => { B.firstRows = t; });
    }
    for (const w of B.waiters.slice()) {
      if (!w.test()) continue;
      B.waiters.splice(B.waiters.indexOf(w), 1);
      afterPaint(w.done);
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });

  // A waiter resolves with the paint time once test() holds, or with null after timeoutMs.
  const wait = (test, timeoutMs) => new Promise((resolve) => {
    const w = { test, done: (t) => { clearTimeout(timer); resolve(t); }, cancel: () => { clearTimeout(timer); resolve(null); } };
    const timer = setTimeout(() => { const i = B.waiters.indexOf(w); if (i >= 0) B.waiters.splice(i, 1); resolve(null); }, timeoutMs);
    B.waiters.push(w);
    check();
  });
  // Conditions the benchmark waits for (string predicates cannot be used: the app's CSP forbids eval).
  const conditions = {
    firstRows: () => B.firstRows !== null,
    count: (n) => titleCount() === n,
    focus: (id) => !!document.activeElement && document.activeElement.id === id,
  };
  // Untimed waits: polled, resolving true when the condition holds or false after timeoutMs.
  B.until = (name, arg, timeoutMs) => new Promise((resolve) => {
    const test = () => conditions[name](arg);
    if (test()) return resolve(true);
    const started = performance.now();
    const poll = setInterval(() => {
      const ok = test();
      if (ok || performance.now() - started > timeoutMs) { clearInterval(poll); resolve(ok); }
    }, 25);
  });
  B.cancelWaits = () => { for (const w of B.waiters.splice(0)) w.cancel(); };

  // Filter: the next keydown starts the clock; the list title showing the expected count stops it.
  B.armFilter = (expected, timeoutMs) => {
    let t0 = null;
    const onKey = (e) => { t0 = e.timeStamp > 0 ? e.timeStamp : performance.now(); window.removeEventListener('keydown', onKey, true); };
    window.addEventListener('keydown', onKey, true);
    B.filterResult = wait(() => t0 !== null && titleCount() === expected, timeoutMs).then((t) => {
      window.removeEventListener('keydown', onKey, true);
      return t === null ? { ms: null, count: titleCount() } : { ms: t - t0, count: expected };
    });
  };

  // Live: wall-clock time (Date.now) at which a row naming the pod was painted, or null.
  B.armRow = (name, timeoutMs) => {
    const has = () => Array.from(dataRows()).some((r) => (r.textContent || '').includes(name));
    B.rowResult = wait(has, timeoutMs).then((t) => (t === null ? null : performance.timeOrigin + t));
  };

  // Every row of the list, read by scrolling the virtualized grid from top to bottom.
  B.collectAll = async (maxMs) => {
    const grid = document.querySelector('[role="grid"]');
    if (!grid) return { total: -1, rows: [] };
    const total = Number(grid.getAttribute('aria-rowcount')) - 1;
    const rows = new Map();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const started = performance.now();
    grid.scrollTop = 0;
    await frame();
    while (performance.now() - started < maxMs) {
      for (const r of dataRows()) {
        rows.set(Number(r.getAttribute('aria-rowindex')), Array.from(r.querySelectorAll('[role="gridcell"]')).map((c) => (c.textContent || '').trim()));
      }
      if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) break;
      grid.scrollTop += Math.max(100, grid.clientHeight - 60);
      await frame();
    }
    grid.scrollTop = 0;
    return { total, rows: Array.from(rows.values()) };
  };

  B.rowNames = () => Array.from(dataRows()).map((r) => {
    const cells = r.querySelectorAll('[role="gridcell"]');
    return Array.from(cells).map((c) => (c.textContent || '').trim());
  });
  B.headers = () => Array.from(document.querySelectorAll('[role="grid"] [role="columnheader"]')).map((h) => (h.textContent || '').replace(/[↑↓]|·[a-z]$/g, '').trim());
})();`;
