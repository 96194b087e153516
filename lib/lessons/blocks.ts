import type { Block } from './types';

/** A paragraph; `backticks` render as inline code. */
export const text = (value: string): Block => ({ kind: 'text', text: value });
/** A command (or a few lines of them) the learner can insert into the editor or run at once. */
export const code = (value: string): Block => ({ kind: 'code', code: value });
/** A side remark, set apart from the instructions. */
export const note = (value: string): Block => ({ kind: 'note', text: value });
