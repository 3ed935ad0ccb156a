const isDev = process.env.NODE_ENV === 'development';

/**
 * Content-Security-Policy. Next's App Router writes inline <script> tags (the RSC payload, `self.__next_f.push`)
 * into every page, and pages such as / are prerendered at build time, when no per-request nonce exists. A
 * nonce policy would need every page rendered per request (see the report); until then inline scripts are
 * allowed, and everything else is pinned to this origin: no third-party script, style, image, font or
 * connection, no plugins, no <base> tricks, forms post only here, and no framing. The dev server also needs
 * eval (React's error overlay) and its HMR websocket.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  // React's style={{…}} attributes (virtualised rows) count as inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response, pages and API alike (the proxy adds HSTS over HTTPS). */
const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A second build directory lets a check build without touching the .next that a running server uses. (Next adds
  // it to tsconfig.json's include when it builds there.)
  distDir: process.env.FARVIEW_DIST_DIR || '.next',
  poweredByHeader: false,
  // The container image (Dockerfile) builds with FARVIEW_OUTPUT=standalone and runs `.next/standalone/server.js`.
  // `next start` works on a standalone build too, but warns that it should not be used with one; local builds
  // (npm run build, demo, e2e) therefore stay regular.
  output: process.env.FARVIEW_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // The Kubernetes and AWS clients stay plain Node modules on the server.
  serverExternalPackages: ['@kubernetes/client-node', '@electric-sql/pglite', 'pg'],
  // Read at run time from the working directory (lib/store/db.ts), so tracing cannot see them: ship them.
  outputFileTracingIncludes: {
    '/**': ['./lib/store/migrations/*.sql', './lib/fargate/prices.json'],
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // The view route sends its cached gzip snapshot as is: see lib/server/view-gzip.ts.
      {
        source: '/api/c/:context/view',
        has: [{ type: 'header', key: 'accept-encoding', value: '.*gzip.*' }],
        headers: [{ key: 'Content-Encoding', value: 'gzip' }],
      },
    ];
  },
};

module.exports = nextConfig;
