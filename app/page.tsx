import { HealthBanner } from '@/components/console/HealthBanner';
import { ResultsPane } from '@/components/console/ResultsPane';
import { EditorPanel } from '@/components/editor/EditorPanel';
import { SiteNav } from '@/components/nav/SiteNav';

/** The workbench: lesson on the left, editor and results in the middle, live keys on the right. */
export default function Home() {
  return (
    <div className="shell">
      <header className="shell-header">
        <h1 className="brand">Stampede Lab</h1>
        <SiteNav current="playground" />
        <div className="banner-slot">
          <HealthBanner />
        </div>
      </header>
      <aside className="shell-lesson panel-placeholder" aria-label="Lesson" />
      <main className="shell-workbench">
        <EditorPanel />
        <ResultsPane />
      </main>
      <aside className="shell-keys panel-placeholder" aria-label="Keys" />
    </div>
  );
}
