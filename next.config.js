// The Content-Security-Policy is set per request by the proxy (lib/server/csp.ts), with a nonce.

/** Sent with every response, pages and API alike (the proxy adds the CSP, and HSTS over HTTPS). */
const securityHeaders = [
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
