/** The messages between a worker pool and its workers (all structured-cloneable). */
import type { SharedFrame } from '../frame/share.js';
import type { TransferPacket } from '../core/wire.js';
import type { WireNode } from '../ops/expr/wire.js';

/** Where a task's rows come from: a shared frame and a row range of it. */
export interface FrameRange {
  readonly frame: SharedFrame;
  readonly offset: number;
  readonly length: number;
}

/** Facts about a task's slice, passed to the user's function. */
export interface TaskInfo {
  /** This slice's index, 0-based. */
  readonly partition: number;
  /** Number of slices. */
  readonly partitions: number;
  /** The slice's first row in the whole frame. */
  readonly offset: number;
}

/** Work for one worker. */
export type TaskSpec =
  | { readonly kind: 'call'; readonly module: string; readonly fn: string; readonly args: unknown; readonly range: FrameRange | null; readonly info: TaskInfo | null; readonly expect: 'frame' | 'value' }
  | { readonly kind: 'filter'; readonly range: FrameRange; readonly predicate: WireNode }
  | { readonly kind: 'groupBy'; readonly range: FrameRange; readonly keys: readonly string[]; readonly aggs: readonly { readonly name: string; readonly expr: WireNode }[] }
  | { readonly kind: 'ping' };

/** A task sent to a worker. */
export interface TaskMessage {
  readonly id: number;
  readonly task: TaskSpec;
}

/** An error as plain data. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly code: string | undefined;
}

/** A worker's answer to one task. */
export type ReplyMessage =
  | { readonly id: number; readonly ok: true; readonly frame: TransferPacket; readonly value?: undefined }
  | { readonly id: number; readonly ok: true; readonly frame?: undefined; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };
