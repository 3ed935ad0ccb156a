/**
 * The view route keeps its snapshot gzipped, once per change, but a route handler cannot say so: Next drops a
 * handler's Content-Encoding and compresses the body again. next.config.js therefore declares
 * `Content-Encoding: gzip` for every answer to a view request that takes gzip, and whatever answers such a
 * request (the route, or proxy.ts when it refuses one) sends a gzip body. This is the test they share; the
 * header rule in next.config.js is the same (`accept-encoding` matching `.*gzip.*`).
 */
const VIEW_PATH = /^\/api\/c\/[^/]+\/view$/;

/** True when the answer to this request must be gzip. */
export function viewIsGzipped(pathname: string, acceptEncoding: string | null): boolean {
  return VIEW_PATH.test(pathname) && (acceptEncoding ?? '').includes('gzip');
}
