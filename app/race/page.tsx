import type { Metadata } from 'next';
import { KeysPanel } from '@/components/keys/KeysPanel';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { RaceWorkbench } from '@/components/race/RaceWorkbench';
import { parseShared } from '@/components/race/shareLink';
import { lessonRace } from '@/lib/sim/lessonPresets';
import styles from './page.module.css';

export const metadata: Metadata = { title: 'Race simulator · Stampede Lab' };

const LESSON_SLUG = /^[a-z0-9-]{1,64}$/;

/**
 * N clients stampede one expired key on the real Redis, strategy by strategy; keys on the right.
 * `?from=<lesson-slug>` (a lesson's race bridge) opens that lesson's race and asks for a prediction first.
 */
export default async function RacePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const from = typeof query.from === 'string' && LESSON_SLUG.test(query.from) ? lessonRace(query.from) : null;
  const initial = from ? { settings: from.settings, compareWith: from.compareWith } : parseShared(query);
  return (
    <div className="shell shell-race">
      <SiteHeader current="race" />
      <main className="shell-workbench">
        <RaceWorkbench initial={initial} question={from?.question} />
      </main>
      <aside className={`shell-keys ${styles.keys}`} aria-label="Keys">
        <KeysPanel />
      </aside>
    </div>
  );
}
