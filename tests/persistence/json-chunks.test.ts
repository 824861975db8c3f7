import { describe, expect, it } from 'vitest';
import { packedSize, packJson, unpackJson } from '../../src/persistence/json-chunks.ts';

function sample() {
  const words = Array.from({ length: 3000 }, (_, i) => [`wörd${i} “quoted”`, { 1: { [i]: i % 7, 9: 1 } }]);
  const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [String(i), `doc-${i}`]));
  return {
    version: 3,
    empty: [],
    nested: { index: words, ids: big, small: { a: [1, 2, 3], b: null } },
    list: [{ deep: words.slice(0, 500) }, 'x', null, 4.5],
    skipped: undefined,
  };
}

describe('packed JSON', () => {
  it('round-trips a large nested value exactly as JSON does', async () => {
    const value = sample();
    const packed = packJson(value, 4096);
    expect(packed.pieces.length).toBeGreaterThan(20);
    expect(await unpackJson(packed)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('spreads the pieces over blocks without splitting one, and reads them back', async () => {
    const value = sample();
    const packed = packJson(value, 1024, 8192);
    expect(packed.blocks.length).toBeGreaterThan(10);
    expect(packedSize(packed)).toBe(packed.blocks.reduce((n, b) => n + b.length, 0));
    expect(await unpackJson(packed)).toEqual(JSON.parse(JSON.stringify(value)));
    const whole = new Uint8Array(packedSize(packed));
    let at = 0;
    for (const block of packed.blocks) {
      whole.set(block, at);
      at += block.length;
    }
    expect(await unpackJson({ blocks: [whole], pieces: packed.pieces })).toEqual(
      JSON.parse(JSON.stringify(value)),
    );
  });

  it('keeps small values in one piece', async () => {
    const packed = packJson({ a: 1, b: ['x'], c: undefined }, 4096);
    expect(packed.pieces).toHaveLength(1);
    expect(await unpackJson(packed)).toEqual({ a: 1, b: ['x'] });
    expect(await unpackJson(packJson('text'))).toBe('text');
    expect(await unpackJson(packJson([1, undefined]))).toEqual([1, null]);
  });

  it('carries typed arrays in plain objects as their bytes, copied out of the blocks', async () => {
    const ints = Int32Array.from([-1, 0, 7, 2 ** 31 - 1]);
    const value = {
      name: 'x',
      columns: { ints, flags: Uint8Array.from([1, 0, 3]), none: new Uint32Array(0) },
    };
    const packed = packJson(value, 1024, 64);
    expect(packed.pieces.filter((p) => p.kind === 'bytes')).toHaveLength(3);
    // an odd offset in the file (after its header line) must not matter
    const whole = new Uint8Array(packedSize(packed) + 1);
    let at = 1;
    for (const block of packed.blocks) {
      whole.set(block, at);
      at += block.length;
    }
    const unpacked = (await unpackJson({
      blocks: [whole.subarray(1)],
      pieces: packed.pieces,
    })) as typeof value;
    expect(unpacked).toEqual(value);
    expect(unpacked.columns.ints).toBeInstanceOf(Int32Array);
    expect(unpacked.columns.ints.buffer.byteLength).toBe(16);
    expect(() => packJson({ a: new Float32Array(2) })).toThrow(/Float32Array cannot be packed/);
  });

  it('lets other callbacks run while it rebuilds the value', async () => {
    const packed = packJson(sample(), 1024);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await unpackJson(packed, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
