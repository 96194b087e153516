/**
 * A command's arguments are bytes; the policy compares them as latin1 text, which maps each byte to
 * one character and back, so nothing is lost either way.
 */
export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

export const latin1Bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
