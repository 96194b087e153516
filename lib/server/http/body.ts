import { HttpError } from './errors';
import type { PlainRequest } from './plain';

/** Reads a JSON body without ever holding more than `maxBytes` of it. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  return readPlainJson({ declaredLength: Number(request.headers.get('content-length') ?? 0), body: request.body }, maxBytes);
}

/** As readJsonBody, for a request in its plain form; stops reading at the limit. */
export async function readPlainJson({ declaredLength, body }: Pick<PlainRequest, 'declaredLength' | 'body'>, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `The request is larger than ${Math.round(maxBytes / 1024)} KiB. Send a shorter script.`);
  if (declaredLength > maxBytes) throw tooLarge();
  if (!body) throw new HttpError(400, 'The request has no body. Send JSON like {"script": "PING"}.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON. Send JSON like {"script": "PING"}.');
  }
}
