/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Kubernetes and AWS clients stay plain Node modules on the server.
  serverExternalPackages: ['@kubernetes/client-node', '@electric-sql/pglite', 'pg'],
};

module.exports = nextConfig;
