import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { StoreHydration } from '@/lib/stores/StoreHydration';
import './globals.css';

export const metadata: Metadata = {
  title: 'Stampede Lab',
  description: 'A Redis playground that teaches how to prevent cache stampedes.',
  // Declared so browsers do not ask for a missing /favicon.ico.
  icons: { icon: '/icon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <StoreHydration />
        {children}
      </body>
    </html>
  );
}
