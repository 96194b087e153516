import type { CommandResult } from '@/lib/stores';
import { formatMs, isErrorResult } from './format';
import styles from './ResultsPane.module.css';

/** One command and exactly what redis-cli printed for it. */
export function ResultItem({ result }: { result: CommandResult }) {
  const error = isErrorResult(result);
  return (
    <li className={`${styles.result} ${error ? styles.error : ''}`} data-testid="result" data-status={error ? 'error' : 'ok'}>
      <div className={styles.head}>
        <span className={styles.line} title={`Line ${result.line}`}>
          <span className="visually-hidden">Line </span>
          {result.line}
        </span>
        <code className={styles.command}>{result.command}</code>
        <span className={styles.ms} title="Time Redis took to run this command">
          {formatMs(result.ms)}
        </span>
      </div>
      <pre className={styles.text}>{result.text}</pre>
    </li>
  );
}
