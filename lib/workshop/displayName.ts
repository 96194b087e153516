export const MAX_NAME_LENGTH = 40;

/**
 * A display name as the room shows it: trimmed, inner whitespace collapsed, control characters
 * removed. Markup stays as typed; every view renders names as text.
 */
export function cleanDisplayName(typed: string): string {
  return typed
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
