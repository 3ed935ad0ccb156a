// Stand-in for Next's server-only marker when lib/server runs under vitest or tsx.
export {};
