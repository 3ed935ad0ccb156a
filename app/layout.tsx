import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { NONCE_HEADER } from '@/lib/server/csp';
import { Providers } from '@/components/Providers';
import { ThemeScript } from '@/components/ThemeScript';
import './globals.css';

export const metadata: Metadata = {
  title: 'Farview',
  description: 'Where every pod of your EKS cluster runs, what Fargate bills for it, and how to reach it',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, which a nonce policy needs (lib/server/csp.ts).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // ThemeScript sets data-theme before hydration, so React must not complain that <html> differs.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
