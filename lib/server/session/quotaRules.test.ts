import { describe, expect, it } from 'vitest';
import { admit, formatSize, fullMessage, type PlannedCommand } from './quotaRules';

const MB = 1024 * 1024;
const limits = { keys: 1_000, bytes: 8 * MB };
const write = (carried = 10): PlannedCommand => ({ addsData: true, growth: { kind: 'none' }, carried });
const read: PlannedCommand = { addsData: false, growth: { kind: 'none' }, carried: 10 };
const offset = (bytes: number): PlannedCommand => ({ addsData: true, growth: { kind: 'bytes', bytes }, carried: 20 });
const copy: PlannedCommand = { addsData: true, growth: { kind: 'copy' }, carried: 10 };

describe('the caps', () => {
  it('read sizes as a learner does', () => {
    expect([formatSize(0), formatSize(512 * 1024), formatSize(2.14 * MB), formatSize(8 * MB), formatSize(2048 * MB)]).toEqual([
      '0 KB',
      '512 KB',
      '2.1 MB',
      '8 MB',
      '2,048 MB',
    ]);
    expect(fullMessage({ keys: 1, bytes: 9 * MB }, limits)).toBe(
      'ERR your playground is full: it holds 1 key and 9 MB, and may hold 1,000 keys and 8 MB. Delete some keys to write again.',
    );
  });

  it('let a session under its caps write, and a full one only read and delete', () => {
    expect(admit([write(), read], { keys: 1_000, bytes: 8 * MB }, limits)).toEqual([undefined, undefined]);
    expect(admit([write(), read, copy], { keys: 1_001, bytes: 0 }, limits)).toEqual([
      expect.stringMatching(/^ERR your playground is full/),
      undefined,
      expect.stringMatching(/full/),
    ]);
    expect(admit([write()], { keys: 3, bytes: 8 * MB + 1 }, limits)).toEqual([expect.stringMatching(/holds 3 keys and 8 MB/)]);
  });

  it('refuse an offset that alone passes the memory cap', () => {
    expect(admit([offset(512 * MB)], { keys: 0, bytes: 0 }, limits)).toEqual([
      'ERR this would make a value of 512 MB, more than the 8 MB your playground may hold. Use a smaller offset.',
    ]);
  });

  it('let one run add at most one memory cap, counting a copy as large as the session may be by then', () => {
    expect(admit([offset(5 * MB), offset(2 * MB), offset(2 * MB), write()], { keys: 0, bytes: 0 }, limits)).toEqual([
      undefined,
      undefined,
      expect.stringMatching(/^ERR this line, with the lines before it in this run, could add more than the 8 MB/),
      undefined,
    ]);
    // 3 MB held: the first copy may add 3 MB, the second 6 MB more, which is past one cap.
    expect(admit([copy, copy], { keys: 1, bytes: 3 * MB }, limits)).toEqual([undefined, expect.stringMatching(/Run it on its own/)]);
    // Copies of a small session double it each time; they stop before the run adds a whole cap.
    const copies = admit(Array(40).fill(copy), { keys: 1, bytes: 1024 }, limits);
    expect(copies.filter((r) => r === undefined)).toHaveLength(13);
  });
});
