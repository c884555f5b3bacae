/**
 * Where column buffers live. Builders take an allocator so the same code can put a frame's
 * buffers in ordinary `ArrayBuffer`s or in `SharedArrayBuffer`s.
 */

/** Allocates the backing memory for column buffers. */
export interface Allocator {
  /** A human-readable name, e.g. `heap` or `shared`. */
  readonly name: string;
  /** A zero-filled buffer of exactly `byteLength` bytes. */
  alloc(byteLength: number): ArrayBuffer | SharedArrayBuffer;
}

/**
 * Ordinary `ArrayBuffer`s, collected by the garbage collector. The default.
 * @example
 * ```ts
 * const b = makeBuilder(int32(), 'x', { allocator: heapAllocator });
 * b.append(1);
 * b.finish().values.buffer instanceof ArrayBuffer; // → true
 * heapAllocator.name; // → 'heap'
 * ```
 */
export const heapAllocator: Allocator = Object.freeze({
  name: 'heap',
  alloc: (byteLength: number) => new ArrayBuffer(byteLength),
});

/**
 * `SharedArrayBuffer`s, so a frame can be handed to worker threads without a copy.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2] }, { allocator: sharedAllocator });
 * df.getColumn('x').data.values.buffer instanceof SharedArrayBuffer; // → true
 * ```
 */
export const sharedAllocator: Allocator = Object.freeze({
  name: 'shared',
  alloc: (byteLength: number) => new SharedArrayBuffer(byteLength),
});

/** Any typed array constructor colframe stores values in. */
export type TypedArrayConstructor =
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** Any typed array colframe stores values in. */
export type AnyTypedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** A new zeroed typed array of `length` elements allocated by `allocator`. */
export function allocTyped<C extends TypedArrayConstructor>(
  ctor: C,
  length: number,
  allocator: Allocator,
): InstanceType<C> {
  const buf = allocator.alloc(length * ctor.BYTES_PER_ELEMENT);
  return new ctor(buf as ArrayBuffer, 0, length) as InstanceType<C>;
}

/** A new zeroed typed array of the same kind as `like`. */
function allocLike<T extends AnyTypedArray>(like: T, length: number, allocator: Allocator): T {
  return allocTyped(like.constructor as TypedArrayConstructor, length, allocator) as unknown as T;
}

/**
 * A typed array of `newLength` elements holding the first `used` elements of `arr`
 * (grows or trims; one copy).
 */
export function resizeTyped<T extends AnyTypedArray>(
  arr: T,
  used: number,
  newLength: number,
  allocator: Allocator,
): T {
  const out = allocLike(arr, newLength, allocator);
  (out as unknown as { set(a: unknown): void }).set(arr.subarray(0, Math.min(used, newLength)));
  return out;
}

/** Capacity to grow to so that at least `needed` elements fit: doubling, with a floor. */
export function grownCapacity(current: number, needed: number): number {
  let cap = Math.max(current, 32);
  while (cap < needed) cap *= 2;
  return cap;
}
