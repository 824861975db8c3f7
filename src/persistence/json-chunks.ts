/**
 * Moving a large JSON value (a knowledge-base snapshot) from a worker thread to the main thread without
 * stalling it. Posting the object itself would make the main thread deserialize all of it in one go, and so
 * would one big `JSON.parse`. Instead the worker cuts the value into small JSON pieces inside one transferable
 * buffer, and the main thread parses them a few milliseconds at a time, yielding to the event loop between.
 *
 * Typed arrays (the knowledge base's columns, kb-columns.ts) travel as their raw bytes beside the JSON, not as
 * JSON: loading one is a copy, not a parse. They must be values of plain objects (arrays are not searched for
 * them). Bytes are in the machine's order; snapshots are read on the machine that wrote them.
 */
import { yieldToEventLoop } from '../index/event-loop.ts';

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
  | { kind: 'entries'; path: Key[]; start: number; end: number }
  /** Set `key` of the object at `path` to a typed array of these bytes. */
  | { kind: 'bytes'; path: Key[]; key: Key; type: BinaryType; start: number; end: number };

const BINARY_TYPES = { Int32Array, Uint32Array, Uint8Array, Float64Array };
type BinaryType = keyof typeof BINARY_TYPES;
type Binary = InstanceType<(typeof BINARY_TYPES)[BinaryType]>;

function binaryType(value: unknown): BinaryType | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const name = value.constructor.name;
  if (name in BINARY_TYPES) return name as BinaryType;
  throw new TypeError(`a ${name} cannot be packed`);
}

/** Whether a plain object holds a typed array, directly or in plain objects within (never in arrays). */
function holdsBinary(value: object): boolean {
  if (Array.isArray(value)) return false;
  for (const child of Object.values(value)) {
    if (ArrayBuffer.isView(child)) return true;
    if (isContainer(child) && holdsBinary(child)) return true;
  }
  return false;
}

export interface PackedJson {
  /**
   * The JSON texts of the pieces, UTF-8, back to back across the blocks (offsets count from the first block);
   * no piece spans two blocks. A worker transfers the blocks' buffers.
   */
  blocks: Uint8Array[];
  pieces: Piece[];
}

export function packedSize(packed: PackedJson): number {
  return packed.blocks.reduce((n, block) => n + block.length, 0);
}

/** Texts are encoded straight into blocks of this size: no second copy of the whole at the end. */
const BLOCK_BYTES = 8 * 2 ** 20;

const DEFAULT_PIECE_BYTES = 64 * 1024;

const isContainer = (value: unknown): value is object =>
  value !== null &&
  typeof value === 'object' &&
  !ArrayBuffer.isView(value) &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/** Containers with more entries than this are split without first serializing them whole. */
const MANY_ENTRIES = 256;

const LARGE = Symbol('large');

/** The JSON of a value that fits in a piece, or LARGE for a container to split. */
function smallJson(value: unknown, limit: number): string | undefined | typeof LARGE {
  if (!isContainer(value)) return JSON.stringify(value);
  const entries = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (entries > MANY_ENTRIES || holdsBinary(value)) return LARGE;
  const json = JSON.stringify(value);
  return json.length > limit ? LARGE : json;
}

/**
 * Cut a JSON-serializable value into pieces of about `pieceBytes` (worker side), in one pass: each piece is
 * encoded as soon as it is full, so the value is never one string (no length limit) nor held twice as text.
 */
export function packJson(
  value: unknown,
  pieceBytes = DEFAULT_PIECE_BYTES,
  blockBytes = BLOCK_BYTES,
): PackedJson {
  const pieces: Piece[] = [];
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  let block = new Uint8Array(0);
  let used = 0;
  let offset = 0;
  const room = (bytes: number) => {
    if (block.length - used < bytes) {
      if (used > 0) blocks.push(block.subarray(0, used));
      block = new Uint8Array(Math.max(blockBytes, bytes));
      used = 0;
    }
  };
  const added = (written: number) => {
    used += written;
    const start = offset;
    offset += written;
    return { start, end: offset };
  };
  const addText = (text: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    room(3 * text.length);
    return added(encoder.encodeInto(text, block.subarray(used)).written);
  };
  const addBytes = (path: Key[], key: Key, type: BinaryType, array: Binary) => {
    room(array.byteLength);
    block.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), used);
    pieces.push({ kind: 'bytes', path, key, type, ...added(array.byteLength) });
  };
  const split = (container: object, path: Key[]) => {
    const isArray = Array.isArray(container);
    let group: string[] = [];
    let size = 0;
    const flush = () => {
      if (group.length === 0) return;
      pieces.push({
        kind: 'entries',
        path,
        ...addText(isArray ? `[${group.join(',')}]` : `{${group.join(',')}}`),
      });
      group = [];
      size = 0;
    };
    const keys: Key[] = isArray ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      const child = (container as Record<Key, unknown>)[key];
      const type = isArray ? undefined : binaryType(child);
      if (type) {
        flush();
        addBytes(path, key, type, child as Binary);
        continue;
      }
      const json = smallJson(child, pieceBytes);
      if (json === LARGE) {
        flush();
        pieces.push({ kind: 'open', path, key, container: Array.isArray(child) ? 'array' : 'object' });
        split(child as object, [...path, key]);
        continue;
      }
      if (isArray) group.push(json ?? 'null');
      else if (json !== undefined) group.push(`${JSON.stringify(key)}:${json}`);
      size += json?.length ?? 0;
      if (size >= pieceBytes) flush();
    }
    flush();
  };
  const root = smallJson(value, pieceBytes);
  if (root === LARGE) {
    pieces.push({ kind: 'root', container: Array.isArray(value) ? 'array' : 'object' });
    split(value as object, []);
  } else {
    pieces.push({ kind: 'value', ...addText(root ?? 'null') });
  }
  if (used > 0) blocks.push(block.subarray(0, used));
  return { blocks, pieces };
}

/**
 * Rebuild a packed value (main-thread side), working at most `sliceMs` at a time before letting other
 * callbacks (answers, autocomplete) run.
 */
export async function unpackJson(packed: PackedJson, sliceMs = 4): Promise<unknown> {
  const decoder = new TextDecoder();
  let blockIndex = 0;
  let blockStart = 0;
  const bytesOf = (start: number, end: number): Uint8Array => {
    // An empty typed array may sit after the last block.
    if (start === end) return new Uint8Array(0);
    let block = packed.blocks[blockIndex];
    while (block && start >= blockStart + block.length) {
      blockStart += block.length;
      block = packed.blocks[++blockIndex];
    }
    if (!block || end > blockStart + block.length) throw new Error('a packed piece lies outside its block');
    return block.subarray(start - blockStart, end - blockStart);
  };
  const parse = (start: number, end: number): unknown => JSON.parse(decoder.decode(bytesOf(start, end)));
  const binary = (type: BinaryType, bytes: Uint8Array): Binary => {
    const Type = Object.hasOwn(BINARY_TYPES, type) ? BINARY_TYPES[type] : undefined;
    if (!Type || bytes.length % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`a packed ${type} is damaged`);
    // A copy is aligned, and does not keep the whole snapshot's buffer alive (a Buffer's slice would not copy).
    return new Type(new Uint8Array(bytes).buffer);
  };
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
    else if (piece.kind === 'bytes')
      resolve(piece.path)[piece.key] = binary(piece.type, bytesOf(piece.start, piece.end));
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
