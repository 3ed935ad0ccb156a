import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/Providers';
import { ThemeScript } from '@/components/ThemeScript';
import './globals.css';

export const metadata: Metadata = {
  title: 'Farview',
  description: 'Where every pod of your EKS cluster runs, what Fargate bills for it, and how to reach it',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // ThemeScript sets data-theme before hydration, so React must not complain that <html> differs.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
