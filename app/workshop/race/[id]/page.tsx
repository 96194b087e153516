import type { Metadata } from 'next';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { ClassRace } from '@/components/workshop/ClassRace';
import styles from '@/components/workshop/Workshop.module.css';

export const metadata: Metadata = { title: 'Class race · Stampede Lab' };

export default async function ClassRacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className={styles.page}>
      <SiteHeader current="workshop" />
      <main className={styles.dashboard}>
        <ClassRace raceId={decodeURIComponent(id)} />
      </main>
    </div>
  );
}
