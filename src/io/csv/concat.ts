/**
 * Joining the column parts that a parallel CSV read builds (one per thread) into single columns,
 * reconciling their dtypes when one part widened (int32 → int64 → float64, date → timestamp, a
 * timestamp's unit ms → us → ns) or a
 * text column stayed categorical in one part and not the other.
 */
import type { Data } from 'apache-arrow';
import { dtypeEquals, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { heapAllocator, type Allocator } from '../../util/alloc.js';
import { categoricalToUtf8, concatTwo } from '../../ops/concat-columns.js';
import { int64ColumnSafe, makeSink, reencodeColumn } from './sink-factory.js';
import { RestartAsText } from './restart.js';

const RANK: Partial<Record<string, number>> = { int32: 1, int64: 2, float64: 3 };
const UNIT_RANK: Readonly<Record<string, number>> = { s: 0, ms: 1, us: 2, ns: 3 };

/** A part's values re-read as text into the wider dtype `to`. */
function reencodeAs(col: Column, to: AnyDType, allocator: Allocator): Data | undefined {
  return reencodeColumn(col, makeSink(to, true, allocator, Math.max(16, col.length), 0))?.finish();
}

/**
 * One column from two consecutive parts of it. `adaptive` says the column's dtype was inferred
 * (so a categorical may become utf8 and numbers may widen).
 * @throws RestartAsText when the parts' dtypes cannot be reconciled exactly.
 */
export function joinParts(a: Column, b: Column, adaptive: boolean, allocator: Allocator = heapAllocator): Column {
  let da = a.data;
  let db = b.data;
  let dtype = a.dtype;
  if (!dtypeEquals(a.dtype, b.dtype, { ignoreNullable: true })) {
    const ka = a.dtype.kind;
    const kb = b.dtype.kind;
    if (ka === 'categorical' && kb === 'utf8') {
      da = categoricalToUtf8(da, allocator);
      dtype = b.dtype;
    } else if (ka === 'utf8' && kb === 'categorical') {
      db = categoricalToUtf8(db, allocator);
    } else {
      // Numeric or temporal widening: re-read the narrower part in the wider dtype.
      const ra = RANK[ka];
      const rb = RANK[kb];
      let wider: AnyDType | undefined;
      if (ra !== undefined && rb !== undefined) {
        wider = ra > rb ? a.dtype : b.dtype;
        // int64 → float64 only when a float64 holds every value exactly (within ±2^53).
        const narrow = ra > rb ? b : a;
        if (wider.kind === 'float64' && narrow.dtype.kind === 'int64' && !int64ColumnSafe(narrow)) wider = undefined;
      }
      else if ((ka === 'date' && kb === 'timestamp') || (ka === 'timestamp' && kb === 'date')) wider = ka === 'timestamp' ? a.dtype : b.dtype;
      else if (ka === 'timestamp' && kb === 'timestamp' && (a.dtype.timezone ?? null) === (b.dtype.timezone ?? null)) {
        // Units widen ms → us → ns: the part in the coarser unit is read again in the finer one.
        wider = UNIT_RANK[a.dtype.unit as string]! > UNIT_RANK[b.dtype.unit as string]! ? a.dtype : b.dtype;
      }
      const redone =
        wider === undefined
          ? undefined
          : wider === a.dtype
            ? reencodeAs(b, wider, allocator)
            : reencodeAs(a, wider, allocator);
      if (wider === undefined || redone === undefined) throw new RestartAsText(a.name);
      if (wider === a.dtype) db = redone;
      else da = redone;
      dtype = wider;
    }
  }
  // A part that nulled a value (onBadRow: 'null') made its column nullable: so is the whole.
  dtype = withNullable(dtype, a.dtype.nullable || b.dtype.nullable);
  return concatTwo(new Column(a.name, dtype, da), new Column(b.name, dtype, db), adaptive, allocator);
}

