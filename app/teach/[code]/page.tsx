import type { Metadata } from 'next';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { Dashboard } from '@/components/workshop/Dashboard';
import styles from '@/components/workshop/Workshop.module.css';
import { lessonSummaries } from '@/lib/lessons/registry';

export const metadata: Metadata = { title: 'Teacher dashboard · Stampede Lab' };

export default async function TeachPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <div className={styles.page}>
      <SiteHeader current="workshop" />
      <main>
        <Dashboard code={decodeURIComponent(code).toUpperCase()} lessons={lessonSummaries()} />
      </main>
    </div>
  );
}
