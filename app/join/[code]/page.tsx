import type { Metadata } from 'next';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { JoinForm } from '@/components/workshop/JoinForm';
import styles from '@/components/workshop/Workshop.module.css';

export const metadata: Metadata = { title: 'Join a workshop · Stampede Lab' };

/** Where a join link lands: the code is in the link, so only the name is left to type. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <div className={styles.page}>
      <SiteHeader current="workshop" />
      <main className={styles.columns}>
        <JoinForm code={decodeURIComponent(code).toUpperCase()} />
      </main>
    </div>
  );
}
