/**
 * Moving a large JSON value (a knowledge-base snapshot) from a worker thread to the main thread without
 * stalling it. Posting the object itself would make the main thread deserialize all of it in one go, and so
 * would one big `JSON.parse`. Instead the worker cuts the value into small JSON pieces inside one transferable
 * buffer, and the main thread parses them a few milliseconds at a time, yielding to the event loop between.
 */

type Key = string | number;
type Container = 'array' | 'object';

/** One step of rebuilding the value, in order. */
export type Piece =
  /** The whole value is one small JSON text. */
  | { kind: 'value'; start: number; end: number }
  /** The value is a large array or object, filled by the pieces that follow. */
  | { kind: 'root'; container: Container }
  /** Create an empty large array or object at `key` of the container at `path`. */
  | { kind: 'open'; path: Key[]; key: Key; container: Container }
  /** Append these array elements / assign these object properties to the container at `path`. */
  | { kind: 'entries'; path: Key[]; start: number; end: number };

export interface PackedJson {
  /** The JSON texts of the pieces, UTF-8, back to back (a worker transfers `bytes.buffer`). */
  bytes: Uint8Array;
  pieces: Piece[];
}

type Node =
  | { json: string | undefined }
  | { container: Container; children: { key: Key; node: Node; size: number }[] };

const DEFAULT_PIECE_BYTES = 64 * 1024;

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/** Containers with this many entries are split without first serializing them whole. */
const MANY_ENTRIES = 256;

function entryCount(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/**
 * Each child is serialized once; a large child is described piece by piece instead (its serialization, if one
 * was made, is dropped), so the whole value is never one string — no length limit — and little is done twice.
 */
function describe(value: unknown, limit: number): Node {
  if (!isContainer(value)) return { json: JSON.stringify(value) };
  if (entryCount(value) <= MANY_ENTRIES) {
    const json = JSON.stringify(value);
    if (json.length <= limit) return { json };
  }
  const isArray = Array.isArray(value);
  const keys: Key[] = isArray ? value.map((_, i) => i) : Object.keys(value);
  const children = keys.map((key) => {
    const node = describe((value as Record<Key, unknown>)[key], limit);
    return { key, node, size: 'json' in node ? (node.json?.length ?? 0) : Number.POSITIVE_INFINITY };
  });
  const total = children.reduce((n, c) => n + c.size + String(c.key).length + 4, 2);
  if (total > limit) return { container: isArray ? 'array' : 'object', children };
  const parts: string[] = [];
  for (const { key, node } of children) {
    const json = (node as { json: string | undefined }).json;
    if (isArray) parts.push(json ?? 'null');
    else if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return { json: isArray ? `[${parts.join(',')}]` : `{${parts.join(',')}}` };
}

/** Cut a JSON-serializable value into pieces of about `pieceBytes` (worker side). */
export function packJson(value: unknown, pieceBytes = DEFAULT_PIECE_BYTES): PackedJson {
  const pieces: Piece[] = [];
  let offset = 0;
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = [];
  const addText = (text: string) => {
    const bytes = encoder.encode(text);
    encoded.push(bytes);
    const start = offset;
    offset += bytes.length;
    return { start, end: offset };
  };
  const emit = (path: Key[], node: Extract<Node, { container: Container }>) => {
    let group: string[] = [];
    let size = 0;
    const flush = () => {
      if (group.length === 0) return;
      const text = node.container === 'array' ? `[${group.join(',')}]` : `{${group.join(',')}}`;
      pieces.push({ kind: 'entries', path, ...addText(text) });
      group = [];
      size = 0;
    };
    for (const { key, node: child } of node.children) {
      if ('container' in child) {
        flush();
        pieces.push({ kind: 'open', path, key, container: child.container });
        emit([...path, key], child);
        continue;
      }
      if (node.container === 'array') group.push(child.json ?? 'null');
      else if (child.json !== undefined) group.push(`${JSON.stringify(key)}:${child.json}`);
      size += child.json?.length ?? 0;
      if (size >= pieceBytes) flush();
    }
    flush();
  };
  const root = describe(value, pieceBytes);
  if ('json' in root) {
    pieces.push({ kind: 'value', ...addText(root.json ?? 'null') });
  } else {
    pieces.push({ kind: 'root', container: root.container });
    emit([], root);
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of encoded) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, pieces };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rebuild a packed value (main-thread side), working at most `sliceMs` at a time before letting other
 * callbacks (answers, autocomplete) run.
 */
export async function unpackJson(packed: PackedJson, sliceMs = 4): Promise<unknown> {
  const decoder = new TextDecoder();
  const { bytes } = packed;
  const parse = (start: number, end: number): unknown =>
    JSON.parse(decoder.decode(bytes.subarray(start, end)));
  let root: unknown;
  const resolve = (path: Key[]) => {
    let target = root as Record<Key, unknown>;
    for (const key of path) target = target[key] as Record<Key, unknown>;
    return target;
  };
  let sliceStart = performance.now();
  for (const piece of packed.pieces) {
    if (piece.kind === 'value') root = parse(piece.start, piece.end);
    else if (piece.kind === 'root') root = piece.container === 'array' ? [] : {};
    else if (piece.kind === 'open') resolve(piece.path)[piece.key] = piece.container === 'array' ? [] : {};
    else {
      const target = resolve(piece.path);
      const entries = parse(piece.start, piece.end);
      if (Array.isArray(target)) for (const item of entries as unknown[]) target.push(item);
      else Object.assign(target, entries);
    }
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return root;
}
