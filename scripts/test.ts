import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: static checks, then unit and integration tests against a real redis-server, then the
 * production build and end-to-end tests in real Chromium against it. Ends with one "N passed, N failed" line.
 */
const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');

interface Step {
  title: string;
  command: string;
  args: string[];
  count?: () => { passed: number; failed: number };
}

function vitestCount() {
  const report = JSON.parse(readFileSync(path.join(results, 'unit.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function playwrightCount() {
  const report = JSON.parse(readFileSync(path.join(results, 'e2e.json'), 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

const steps: Step[] = [
  { title: 'lint', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { title: 'format', command: bin('prettier'), args: ['--check', '.'] },
  { title: 'unused code', command: bin('knip'), args: [] },
  { title: 'type check', command: bin('tsc'), args: ['--noEmit'] },
  {
    title: 'unit and integration tests',
    command: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'unit.json')}`],
    count: vitestCount,
  },
  // Built here rather than by Playwright's web server, whose start-up timeout a slow build on a busy
  // machine would exceed.
  { title: 'production build', command: bin('next'), args: ['build'] },
  { title: 'end-to-end tests', command: bin('playwright'), args: ['test'], count: playwrightCount },
];

rmSync(path.join(results, 'unit.json'), { force: true });
rmSync(path.join(results, 'e2e.json'), { force: true });
let passed = 0;
let failed = 0;
let broken = false;
for (const step of steps) {
  console.log(`\n▶ ${step.title}`);
  const run = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' });
  const counted = step.count && existsSync(path.join(results, step.title.startsWith('unit') ? 'unit.json' : 'e2e.json'));
  if (counted) {
    const { passed: p, failed: f } = step.count!();
    passed += p;
    failed += f;
  }
  if (run.status !== 0) {
    console.error(`✖ ${step.title} failed.`);
    broken = true;
    if (!counted) failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
