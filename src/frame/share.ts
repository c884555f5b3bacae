/**
 * Sharing frames with worker threads. A shared frame lives in one `SharedArrayBuffer` laid out as
 * an Arrow IPC stream (schema message, dictionary batches, one record batch, end-of-stream
 * marker; bodies 64-byte aligned), so the block is also a valid `.arrows` file that any Arrow
 * reader takes. A handle is that buffer plus, for a selection of its columns, their field indices
 * and names: posting it shares the memory, and rebuilding it reads only the metadata.
 */
import type { Data } from 'apache-arrow';
import { ColframeError, SharedFrameError } from '../errors.js';
import { FrameCore } from '../core/frame-core.js';
import { WIRE_VERSION, columnToPart, plainDType } from '../core/wire.js';
import { checkParts } from '../core/wire-check.js';
import { Column } from '../column/column.js';
import { withInt64Repr } from '../dtype/dtype.js';
import { planIPCStream } from '../codec/ipc/layout.js';
import { decodeIPC } from '../codec/ipc/decode.js';

/** What `df.share()` returns: post it to any worker, rebuild with `DataFrame.fromShared`. */
export interface SharedFrame {
  readonly format: 'colframe.shared';
  /** Format version of the handle; `fromShared` refuses others. */
  readonly version: number;
  /** An Arrow IPC stream in bytes `[0, byteLength)`. */
  readonly block: SharedArrayBuffer;
  readonly byteLength: number;
  /** A selection of the block's fields (by index, under these names); absent for the whole block. */
  readonly columns?: readonly { readonly field: number; readonly name: string }[];
  /** Positions of the frame's 64-bit integer columns that read as `bigint`. */
  readonly bigint?: readonly number[];
}

interface Origin {
  readonly block: SharedArrayBuffer;
  readonly byteLength: number;
  readonly field: number;
}

/** Columns read from a shared block on this thread, and where in it they are. */
const origins = new WeakMap<Data, Origin>();

/** A handle over the block all of `core`'s columns come from, if there is one. */
function selectionOf(core: FrameCore): SharedFrame | undefined {
  let block: Origin | undefined;
  const columns: { field: number; name: string }[] = [];
  for (const c of core.columns) {
    const o = origins.get(c.data);
    if (o === undefined || (block !== undefined && o.block !== block.block)) return undefined;
    block = o;
    columns.push({ field: o.field, name: c.name });
  }
  if (block === undefined) return undefined;
  return withBigints(core, { format: 'colframe.shared', version: WIRE_VERSION, block: block.block, byteLength: block.byteLength, columns });
}

function withBigints(core: FrameCore, h: SharedFrame): SharedFrame {
  const bigint: number[] = [];
  core.columns.forEach((c, i) => c.dtype.int64 === 'bigint' && bigint.push(i));
  return bigint.length === 0 ? h : { ...h, bigint };
}

/**
 * A handle to `core`: O(1) when its columns already come from one shared block (a frame read
 * with `{ shared: true }`, rebuilt with `fromShared`, or a selection or renaming of one), else
 * a fresh copy of the frame into a new block on every call. Copies are never cached: a frame
 * may be a view over a caller's typed array that changes between calls, and a reused copy would
 * go stale (or keep a write made through an earlier handle).
 */
export function shareCore(core: FrameCore): SharedFrame {
  const known = selectionOf(core);
  if (known !== undefined) return known;
  const plan = planIPCStream(core);
  const block = new SharedArrayBuffer(plan.byteLength);
  plan.writeInto(new Uint8Array(block));
  return withBigints(core, { format: 'colframe.shared', version: WIRE_VERSION, block, byteLength: plan.byteLength });
}

/** The layout `decodeIPC` leaves unchecked without value checks, checked cheaply (integer passes). */
function checkLayout(core: FrameCore): void {
  for (const c of core.columns) {
    const where = `column "${c.name}"`;
    // Every level of a nested column: buffers long enough, offsets bounded, union ids and offsets valid.
    if (c.data.children.length > 0) checkParts(columnToPart(c), plainDType(c.dtype), where, 'shared block', true);
    if (c.dtype.kind === 'utf8') checkOffsets(c.data, `${where}: string offsets`, 'row');
    else if (c.dtype.kind === 'categorical') {
      const dict = c.data.dictionary?.data;
      if (dict === undefined || dict.length !== 1) throw new SharedFrameError(`Corrupted shared block: ${where} has no dictionary`);
      checkOffsets(dict[0]!, `${where}: dictionary offsets`, 'entry');
      const bad = firstBadIndex(c.data.values as Uint8Array | Uint16Array | Int32Array, c.data.length, dict[0]!.length, c.data.nullCount > 0 ? c.data.nullBitmap : undefined, c.data.offset);
      if (bad >= 0) {
        const k = (c.data.values as ArrayLike<number>)[bad]!;
        throw new SharedFrameError(`Corrupted shared block: ${where}, row ${bad}: dictionary index ${k} is outside the ${dict[0]!.length}-entry dictionary`);
      }
    }
  }
}

/** The first non-null row whose dictionary index is outside `[0, size)`, or -1. */
function firstBadIndex(codes: Uint8Array | Uint16Array | Int32Array, n: number, size: number, bits: Uint8Array | undefined, bitOffset: number): number {
  for (let i = 0; i < n; i++) {
    const k = codes[i]!;
    if (k >= 0 && k < size) continue;
    const j = i + bitOffset;
    if (bits !== undefined && (bits[j >> 3]! & (1 << (j & 7))) === 0) continue; // a null slot is never read
    return i;
  }
  return -1;
}

function checkOffsets(d: Data, what: string, unit: string): void {
  const offs = d.valueOffsets as Int32Array | undefined;
  const n = d.length;
  const bytes = (d.values as Uint8Array | undefined)?.length ?? 0;
  if (offs === undefined || offs.length < n + 1) throw new SharedFrameError(`Corrupted shared block: ${what} are missing or short`);
  if (offs[0]! < 0) throw new SharedFrameError(`Corrupted shared block: ${what} start at ${offs[0]!}`);
  const at = firstBackwards(offs, n);
  if (at >= 0) throw new SharedFrameError(`Corrupted shared block: ${what} go backwards at ${unit} ${at} (${offs[at]!} then ${offs[at + 1]!})`);
  if (offs[n]! > bytes) throw new SharedFrameError(`Corrupted shared block: ${what} run to byte ${offs[n]!}, past the ${bytes} bytes of text`);
}

/** The first `i < n` with `offs[i + 1] < offs[i]`, or -1. */
function firstBackwards(offs: Int32Array, n: number): number {
  let prev = offs[0]!;
  for (let i = 0; i < n; i++) {
    const next = offs[i + 1]!;
    if (next < prev) return i;
    prev = next;
  }
  return -1;
}

/**
 * The frame behind a handle: views over the shared block, after checking its metadata, every
 * buffer's bounds, string and dictionary offsets and dictionary indices (one integer pass; the
 * text itself and other values are not re-checked: the block was written by `share()`).
 * @throws SharedFrameError for anything that is not a handle of this format version, or a
 *   truncated or corrupted block.
 */
export function coreFromShared(handle: unknown): FrameCore {
  const h = handle as Partial<SharedFrame> | null;
  if (h === null || typeof h !== 'object' || h.format !== 'colframe.shared') {
    throw new SharedFrameError('Not a shared-frame handle: expected the object returned by df.share()');
  }
  if (h.version !== WIRE_VERSION) {
    throw new SharedFrameError(`Shared-frame handle of format version ${String(h.version)}; this colframe reads version ${WIRE_VERSION}`);
  }
  const { block, byteLength } = h;
  if (!(block instanceof SharedArrayBuffer)) throw new SharedFrameError('Corrupted shared-frame handle: its block is not a SharedArrayBuffer');
  if (!Number.isInteger(byteLength) || byteLength! < 0 || byteLength! > block.byteLength) {
    throw new SharedFrameError(`Truncated shared block: the handle says ${String(byteLength)} bytes, the block has ${block.byteLength}`);
  }
  let core: FrameCore;
  try {
    core = decodeIPC(new Uint8Array(block, 0, byteLength), { checkValues: false });
    checkLayout(core);
  } catch (e) {
    if (e instanceof SharedFrameError) throw e;
    // Any failure to read the layout (a typed error of the IPC reader, or a RangeError of a view
    // the reader did not foresee) is a corrupted block.
    throw new SharedFrameError(`Corrupted shared block: ${e instanceof ColframeError ? e.message : `${(e as Error)?.name}: ${(e as Error)?.message}`}`);
  }
  core.columns.forEach((c, field) => origins.set(c.data, { block, byteLength: byteLength!, field }));
  const sel = h.columns;
  const picked = sel === undefined ? core : select(core, sel);
  const bigint = h.bigint;
  if (bigint === undefined) return picked;
  if (!Array.isArray(bigint)) throw new SharedFrameError('Corrupted shared-frame handle: bigint is not a list');
  const cols = picked.columns.slice();
  for (const i of bigint as unknown[]) {
    const c = Number.isInteger(i) ? cols[i as number] : undefined;
    if (c === undefined || c.dtype.int64 === undefined) throw new SharedFrameError(`Corrupted shared-frame handle: column ${String(i)} is not a 64-bit integer column`);
    cols[i as number] = new Column(c.name, withInt64Repr(c.dtype, 'bigint'), c.data);
  }
  return new FrameCore(cols, picked.height);
}

function select(core: FrameCore, sel: unknown): FrameCore {
  if (!Array.isArray(sel)) throw new SharedFrameError('Corrupted shared-frame handle: columns is not a list');
  const cols = sel.map((s: { field: unknown; name: unknown }) => {
    const c = Number.isInteger(s?.field) ? core.columns[s.field as number] : undefined;
    if (c === undefined || typeof s.name !== 'string') {
      throw new SharedFrameError(`Corrupted shared-frame handle: no field ${String(s?.field)} in a block of ${core.width} fields`);
    }
    return c.name === s.name ? c : c.rename(s.name);
  });
  return new FrameCore(cols, core.height);
}
