/* Links that carry data: #<name>=<deflate-raw JSON, base64url> (#<name>0= uncompressed).
 *
 * One codec for every link the site makes and reads back (a shared plan, a proposal sent to the
 * team, a session): what arrives in an address is untrusted. Its size is capped before decoding,
 * the inflated size is capped while it inflates (a 500 KB link can inflate to gigabytes), the JSON
 * text is parsed only when it fits, and every failure is a French sentence, never an exception.
 */

/** Longest token read from an address, in characters (base64url, before decoding). */
export const MAX_TOKEN = 256 * 1024;
/** Largest inflated JSON text, in bytes. */
export const MAX_JSON = 512 * 1024;

export class LinkError extends Error {}

export function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function deflate(bytes) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw")));
  return new Uint8Array(await response.arrayBuffer());
}

// Compressed bytes are fed to the inflater this many at a time, only as its output is read: one
// slice inflates to about a megabyte at most (deflate's ratio is ~1:1032), where a whole blob
// chunk (64 KiB) could inflate to 64 MiB in one step before the size cap is checked.
const SLICE = 1024;

function sliced(bytes) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + SLICE));
      at += SLICE;
    }
  }, {highWaterMark: 0});
}

/** Inflate, stopping as soon as the output passes ``limit`` bytes. */
async function inflate(bytes, limit) {
  const reader = sliced(bytes).pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new LinkError("Ce lien contient trop de données : il n'a pas été ouvert.");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The token of ``#name=…`` (compressed) or ``#name0=…`` (plain) for a JSON value. */
export async function encode(name, value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  if (window.CompressionStream) return `${name}=${toBase64Url(await deflate(bytes))}`;
  return `${name}0=${toBase64Url(bytes)}`;
}

/** Whether ``hash`` is a link of kind ``name`` (``#plan=`` or ``#plan0=``), without decoding it. */
export function carries(name, hash) {
  return new RegExp(`^#?${name}0?=`).test(hash || "");
}

/**
 * The JSON value of ``#name=…``, or null when the address carries no such link.
 * Throws LinkError (a French sentence for the person) when the link is too large, damaged or not JSON.
 */
export async function decode(name, hash, {maxToken = MAX_TOKEN, maxJson = MAX_JSON} = {}) {
  if (!carries(name, hash)) return null;
  const text = (hash || "").replace(/^#/, "");
  if (text.length > maxToken + name.length + 2) {
    throw new LinkError("Ce lien est trop long : il n'a pas été ouvert.");
  }
  const match = new RegExp(`^(${name}0?)=([A-Za-z0-9_-]*)$`).exec(text);
  if (!match || !match[2]) throw new LinkError("Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.");
  let bytes;
  try {
    bytes = fromBase64Url(match[2]);
  } catch {
    throw new LinkError("Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.");
  }
  if (match[1] === name) {
    try {
      bytes = await inflate(bytes, maxJson);
    } catch (error) {
      if (error instanceof LinkError) throw error;
      throw new LinkError("Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.");
    }
  } else if (bytes.length > maxJson) {
    throw new LinkError("Ce lien contient trop de données : il n'a pas été ouvert.");
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", {fatal: true}).decode(bytes));
  } catch {
    throw new LinkError("Ce lien est incomplet ou abîmé : il n'a pas pu être ouvert.");
  }
}
