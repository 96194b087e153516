const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64 (RFC 4648 §4), without Node's Buffer so it runs in the browser too. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const chunk = (a << 16) | (b << 8) | c;
    out += ALPHABET.charAt((chunk >> 18) & 63);
    out += ALPHABET.charAt((chunk >> 12) & 63);
    out += i + 1 < bytes.length ? ALPHABET.charAt((chunk >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? ALPHABET.charAt(chunk & 63) : '=';
  }
  return out;
}
