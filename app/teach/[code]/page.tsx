import type { Metadata } from 'next';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { Dashboard } from '@/components/workshop/Dashboard';
import styles from '@/components/workshop/Workshop.module.css';
import { headers } from 'next/headers';
import { summaryOf } from '@/lib/lessons/registry';
import { lessonsForPage } from '@/lib/server/lessons/catalog';

export const metadata: Metadata = { title: 'Teacher dashboard · Stampede Lab' };

export default async function TeachPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // The teacher's own workshop's pasted lessons join the list they can push.
  const lessons = (await lessonsForPage((await headers()).get('cookie'))).map(summaryOf);
  return (
    <div className={styles.page}>
      <SiteHeader current="workshop" />
      <main>
        <Dashboard code={decodeURIComponent(code).toUpperCase()} lessons={lessons} />
      </main>
    </div>
  );
}
