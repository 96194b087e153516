import { reprBytes } from './escape';
import type { Reply } from './reply';

/** What redis-cli prints when it cannot split a line into arguments. */
export const INVALID_ARGUMENTS = 'Invalid argument(s)';

/**
 * Formats a reply exactly as `redis-cli --no-raw` prints it (redis 7.0 `cliFormatReplyTTY`,
 * https://github.com/redis/redis/blob/7.0/src/redis-cli.c), without the final newline.
 */
export function formatReply(reply: Reply): string {
  return formatLines(reply, '').slice(0, -1);
}

/**
 * Every line ends in `\n`, as in redis-cli. `prefix` indents the second and later elements of an
 * array; the first follows its parent's `N) ` on the same line.
 */
function formatLines(reply: Reply, prefix: string): string {
  switch (reply.type) {
    case 'status':
      return `${reply.value}\n`;
    case 'error':
      return `(error) ${reply.value}\n`;
    case 'integer':
      return `(integer) ${reply.value}\n`;
    case 'nil':
      return '(nil)\n';
    case 'bulk':
      return `${reprBytes(reply.value)}\n`;
    case 'array':
      return formatArray(reply.value, prefix);
  }
}

function formatArray(elements: Reply[], prefix: string): string {
  if (elements.length === 0) return '(empty array)\n';
  // Indices are right-aligned to the widest one (`%*d) `), and nested elements are indented past it.
  const width = String(elements.length).length;
  const nestedPrefix = prefix + ' '.repeat(width + 2);
  return elements
    .map((element, i) => {
      const index = `${String(i + 1).padStart(width)}) `;
      return (i === 0 ? '' : prefix) + index + formatLines(element, nestedPrefix);
    })
    .join('');
}
