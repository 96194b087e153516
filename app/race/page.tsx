import type { Metadata } from 'next';
import { KeysPanel } from '@/components/keys/KeysPanel';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { RaceWorkbench } from '@/components/race/RaceWorkbench';
import { parseShared } from '@/components/race/shareLink';

export const metadata: Metadata = { title: 'Race simulator · Stampede Lab' };

/** N clients stampede one expired key on the real Redis, strategy by strategy; keys on the right. */
export default async function RacePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = parseShared(await searchParams);
  return (
    <div className="shell shell-race">
      <SiteHeader current="race" />
      <main className="shell-workbench">
        <RaceWorkbench initial={initial} />
      </main>
      <aside className="shell-keys" aria-label="Keys">
        <KeysPanel />
      </aside>
    </div>
  );
}
