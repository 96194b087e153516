import { HealthBanner } from '@/components/console/HealthBanner';
import { SiteNav, type PageId } from './SiteNav';

/** The header every page shares: the name, the navigation, and the Redis-down banner. */
export function SiteHeader({ current }: { current: PageId }) {
  return (
    <header className="shell-header">
      <h1 className="brand">Stampede Lab</h1>
      <SiteNav current={current} />
      <div className="banner-slot">
        <HealthBanner />
      </div>
    </header>
  );
}
