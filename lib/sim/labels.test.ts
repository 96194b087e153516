import { describe, expect, it } from 'vitest';
import { cleanLabel, MAX_LABEL_LENGTH } from './labels';

describe('a lane label from a display name', () => {
  it('keeps a plain name as it is', () => {
    expect(cleanLabel('Ada Lovelace')).toBe('Ada Lovelace');
    expect(cleanLabel('Zoë 👩‍💻')).toBe('Zoë 👩‍💻');
  });

  it('folds white space, line breaks and control characters into single spaces', () => {
    expect(cleanLabel('  Ada\n\tLovelace\u0007 ')).toBe('Ada Lovelace');
  });

  it('drops invisible formatting that could disguise a name', () => {
    expect(cleanLabel('evil\u202Egnp.exe')).toBe('evilgnp.exe');
  });

  it('keeps markup as the literal text it is', () => {
    expect(cleanLabel('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('cuts long names by characters, never inside one', () => {
    const label = cleanLabel('😀'.repeat(60))!;
    expect(Array.from(label)).toHaveLength(MAX_LABEL_LENGTH);
    expect(label.endsWith('😀')).toBe(true);
  });

  it('answers null when nothing visible is left', () => {
    expect(cleanLabel(' \u200B\n ')).toBeNull();
    expect(cleanLabel('\u200d')).toBeNull();
  });
});
