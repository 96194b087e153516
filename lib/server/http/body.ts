import { HttpError } from './errors';

/** Reads a JSON body without ever holding more than `maxBytes` of it. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `The request is larger than ${Math.round(maxBytes / 1024)} KiB. Send a shorter script.`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw new HttpError(400, 'The request has no body. Send JSON like {"script": "PING"}.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON. Send JSON like {"script": "PING"}.');
  }
}
