/**
 * Compressed responses, as a merchant's web server (nginx, a CDN) would send them: Brotli or gzip
 * by the browser's `Accept-Encoding` (q-values honoured), `Vary: Accept-Encoding` on everything
 * that could be compressed, and nothing compressed that would not get smaller.
 * Built assets are compressed once at the highest level and kept in memory; pages, which carry a
 * fresh CSP nonce on every response, are compressed per response at a fast level.
 */
import type { NonSharedBuffer } from 'node:buffer';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Types worth compressing (images other than SVG and fonts are compressed already). */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;

/** Below this a compressed body saves less than the header costs. */
export const MIN_COMPRESS_BYTES = 1024;

export const isCompressible = (contentType: string): boolean => COMPRESSIBLE.test(contentType);

/**
 * The encoding to answer with for an `Accept-Encoding` header: Brotli when the browser takes it at
 * least as gladly as gzip, then gzip; `null` for none (no header, `identity`, or both refused).
 */
export function negotiateEncoding(header: string | null | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) && weight >= 0 && weight <= 1 ? weight : 0);
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : null;
}

export function compress(body: Uint8Array, encoding: Encoding, effort: 'max' | 'fast'): NonSharedBuffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: effort === 'max' ? constants.BROTLI_MAX_QUALITY : 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gzipSync(body, { level: effort === 'max' ? 9 : 6 });
}

/** Compressed copies of unchanging files, by path, modification time and encoding. */
const cache = new Map<string, NonSharedBuffer | null>();

/**
 * The body to send and its encoding. `cacheKey` (path and modification time) marks a file whose
 * compressed copy can be kept; without it the body is compressed for this response only. A body
 * that would not shrink is sent as it is.
 */
export function encodeBody(
  body: NonSharedBuffer,
  contentType: string,
  acceptEncoding: string | null | undefined,
  cacheKey?: string,
): { body: NonSharedBuffer; encoding: Encoding | null } {
  const encoding = isCompressible(contentType) && body.byteLength >= MIN_COMPRESS_BYTES ? negotiateEncoding(acceptEncoding) : null;
  if (!encoding) return { body, encoding: null };
  const key = cacheKey && `${cacheKey}:${encoding}`;
  let compressed = key ? cache.get(key) : undefined;
  if (compressed === undefined) {
    const candidate = compress(body, encoding, key ? 'max' : 'fast');
    compressed = candidate.byteLength < body.byteLength ? candidate : null;
    if (key) {
      if (cache.size >= 500) cache.delete(cache.keys().next().value!);
      cache.set(key, compressed);
    }
  }
  return compressed ? { body: compressed, encoding } : { body, encoding: null };
}
