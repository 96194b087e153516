export const MAX_LABEL_LENGTH = 40;

/**
 * A participant's display name as a lane label: control characters and invisible formatting
 * removed (a right-to-left override could disguise a name), runs of white space made one space, and
 * at most 40 characters. Null when nothing visible is left. Labels are drawn as text, never as markup.
 */
export function cleanLabel(raw: string): string | null {
  const text = raw
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    // Invisible formatting characters go, except the joiner that holds an emoji sequence together.
    .replace(/(?!\u200d)\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const characters = Array.from(text).slice(0, MAX_LABEL_LENGTH);
  const label = characters.join('').trim();
  return /[^\s\u200d]/u.test(label) ? label : null;
}
