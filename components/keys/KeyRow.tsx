'use client';

import { memo, useLayoutEffect, useRef } from 'react';
import type { KeyView } from '@/lib/keys/types';
import { trackCountdown } from './countdown';
import { keyKind } from './format';
import styles from './KeyRow.module.css';

interface Props {
  view: KeyView;
  /** Arrived by an event rather than in the snapshot: it flashes in. */
  live: boolean;
  highlighted: boolean;
}

const PULSE: Keyframe[] = [{ transform: 'scale(1)' }, { transform: 'scale(1.035)', offset: 0.3 }, { transform: 'scale(1)' }];

/** One key. Names and values are React text children, so markup in them is shown, never run. */
function KeyRowImpl({ view, live, highlighted }: Props) {
  const row = useRef<HTMLLIElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  const fill = useRef<HTMLSpanElement>(null);
  const lastExpiry = useRef(view.expiresAt);
  const kind = keyKind(view.key);
  const { expiresAt } = view;

  useLayoutEffect(() => {
    if (expiresAt === null || !row.current || !text.current || !fill.current) return;
    return trackCountdown({ row: row.current, text: text.current, fill: fill.current, expiresAt });
  }, [expiresAt]);

  useLayoutEffect(() => {
    const before = lastExpiry.current;
    lastExpiry.current = expiresAt;
    // A TTL that moved later (SET again, EXPIRE, a renewed lock) jumps back visibly.
    if (expiresAt !== null && (before === null || expiresAt > before) && before !== expiresAt) {
      row.current?.animate?.(PULSE, { duration: 420, easing: 'ease-out' });
    }
  }, [expiresAt]);

  const classes = [styles.row, styles[kind], live ? styles.fresh : '', highlighted ? styles.highlighted : ''].join(' ');
  return (
    <li
      ref={row}
      className={classes}
      data-testid="key-row"
      data-key={view.key}
      data-kind={kind}
      data-expires-at={expiresAt ?? undefined}
      aria-current={highlighted ? 'true' : undefined}
    >
      <div className={styles.rowHead}>
        <span className={styles.name}>{view.key}</span>
        <span className={styles.type}>{view.type}</span>
      </div>
      {kind === 'lock' ? (
        <div className={styles.owner}>
          <span className={styles.ownerLabel}>held by</span> <span className={styles.value}>{view.preview}</span>
        </div>
      ) : (
        <div className={styles.value}>{view.preview}</div>
      )}
      {expiresAt === null ? (
        <div className={styles.persistent} data-testid="key-ttl">
          no expiry
        </div>
      ) : (
        <div className={styles.ttl}>
          <span className={styles.track} aria-hidden="true">
            <span ref={fill} className={styles.fill} />
          </span>
          <span ref={text} className={styles.ttlText} data-testid="key-ttl" />
        </div>
      )}
    </li>
  );
}

export const KeyRow = memo(KeyRowImpl);
