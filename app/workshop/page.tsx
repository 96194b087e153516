import type { Metadata } from 'next';
import { SiteHeader } from '@/components/nav/SiteHeader';
import { JoinForm } from '@/components/workshop/JoinForm';
import { OpenWorkshop } from '@/components/workshop/OpenWorkshop';
import styles from '@/components/workshop/Workshop.module.css';

export const metadata: Metadata = { title: 'Workshop · Stampede Lab' };

/** Teachers open a room here; participants join one with its code. */
export default function WorkshopPage() {
  return (
    <div className={styles.page}>
      <SiteHeader current="workshop" />
      <main className={styles.columns}>
        <OpenWorkshop />
        <JoinForm />
      </main>
    </div>
  );
}
