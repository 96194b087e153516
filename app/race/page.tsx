import type { Metadata } from 'next';
import { HealthBanner } from '@/components/console/HealthBanner';
import { KeysPanel } from '@/components/keys/KeysPanel';
import { SiteNav } from '@/components/nav/SiteNav';
import { RaceWorkbench } from '@/components/race/RaceWorkbench';
import { parseShared } from '@/components/race/shareLink';

export const metadata: Metadata = { title: 'Race simulator · Stampede Lab' };

/** N clients stampede one expired key on the real Redis, strategy by strategy; keys on the right. */
export default async function RacePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = parseShared(await searchParams);
  return (
    <div className="shell shell-race">
      <header className="shell-header">
        <h1 className="brand">Stampede Lab</h1>
        <SiteNav current="race" />
        <div className="banner-slot">
          <HealthBanner />
        </div>
      </header>
      <main className="shell-workbench">
        <RaceWorkbench initial={initial} />
      </main>
      <aside className="shell-keys" aria-label="Keys">
        <KeysPanel />
      </aside>
    </div>
  );
}
