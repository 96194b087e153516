// These run inside the page (page.evaluate), so each must be self-contained.

export interface EditorState {
  /** `monaco` once Monaco shows the text, `light` while the plain text area stands in for it. */
  kind: 'monaco' | 'light';
  /** How often the mark occurs in the editor's text. */
  marks: number;
}

/** The editor's text as the learner sees it, or null while there is nothing to type into. */
export function editorState(mark: string): EditorState | null {
  const editor = document.querySelector('[data-testid="editor"]');
  if (!editor) return null;
  const count = (text: string) => text.split(mark).length - 1;
  const lines = editor.querySelector('.monaco-editor .view-lines');
  if (lines) return { kind: 'monaco', marks: count((lines as HTMLElement).innerText) };
  const area = editor.querySelector('textarea');
  return area ? { kind: 'light', marks: count(area.value) } : null;
}

/** The page's clock once the mark occurs more than `count` times in the editor; false until then. */
export function marksAbove({ mark, count }: { mark: string; count: number }): number | false {
  const editor = document.querySelector('[data-testid="editor"]');
  if (!editor) return false;
  const lines = editor.querySelector('.monaco-editor .view-lines');
  const area = editor.querySelector('textarea');
  const text = lines ? (lines as HTMLElement).innerText : (area?.value ?? '');
  return text.split(mark).length - 1 > count && performance.now();
}

export interface Phases {
  /** The page's HTML parsed and its first scripts run. */
  domContentLoaded: number;
  /** The largest script (Monaco's chunk) arrived, and its size in bytes as transferred. */
  largestScriptEnd: number;
  largestScriptBytes: number;
  /** Every script arrived. */
  scriptsEnd: number;
}

/** When the page's parts arrived, from the browser's own navigation and resource timings. */
export function phases(): Phases {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js'));
  const largest = scripts.reduce<PerformanceResourceTiming | undefined>((a, b) => (!a || b.encodedBodySize > a.encodedBodySize ? b : a), undefined);
  return {
    domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
    largestScriptEnd: largest?.responseEnd ?? NaN,
    largestScriptBytes: largest?.transferSize ?? NaN,
    scriptsEnd: Math.max(...scripts.map((r) => r.responseEnd)),
  };
}
