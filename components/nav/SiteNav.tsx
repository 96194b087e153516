import Link from 'next/link';
import { RoomBar } from '@/components/workshop/RoomBar';
import styles from './SiteNav.module.css';

const PAGES = [
  { id: 'playground', href: '/', label: 'Playground' },
  { id: 'lessons', href: '/lessons', label: 'Lessons' },
  { id: 'race', href: '/race', label: 'Race simulator' },
  { id: 'workshop', href: '/workshop', label: 'Workshop' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export function SiteNav({ current }: { current: PageId }) {
  return (
    <nav aria-label="Main" className={styles.nav}>
      {PAGES.map((page) => (
        <Link key={page.id} href={page.href} className={styles.link} aria-current={page.id === current ? 'page' : undefined}>
          {page.label}
        </Link>
      ))}
      <RoomBar />
    </nav>
  );
}
