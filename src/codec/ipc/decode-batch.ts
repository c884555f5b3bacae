/**
 * Reading one record batch (or dictionary batch) body into Arrow `Data`: each planned field's
 * node tree is read in schema order by the reader of its layout.
 */
import type { Data } from 'apache-arrow';
import { readValidity, type BatchCursor } from './body.js';
import { readDictionaryIndices, utf8Values, type DictionaryState } from './decode-dictionary.js';
import { readBinary, readBool, readFixed, readNull } from './decode-flat.js';
import { readFixedSizeList, readList, readStruct, readUnion } from './decode-nested.js';
import { readListView, readRunEnd, readView } from './decode-convert.js';
import type { DictionaryPlan, FieldPlan } from './plan.js';

/** Read the next node tree of `p` (the node, its buffers, its children). */
export function readNode(cur: BatchCursor, p: FieldPlan, dictionaries: ReadonlyMap<number, DictionaryState>): Data {
  const node = cur.nextNode(p.path);
  const child = (c: FieldPlan): Data => readNode(cur, c, dictionaries);
  switch (p.read) {
    case 'null':
      return readNull(p, node);
    case 'runEnd':
      return readRunEnd(cur, p, node, child);
    case 'union':
      return readUnion(cur, p, node, child);
    default:
      break;
  }
  const validity = readValidity(cur, p, node);
  switch (p.read) {
    case 'fixed':
      return readFixed(cur, p, node, validity);
    case 'bool':
      return readBool(cur, p, node, validity);
    case 'binary':
    case 'largeBinary':
      return readBinary(cur, p, node, validity);
    case 'view':
      return readView(cur, p, node, validity);
    case 'list':
    case 'largeList':
    case 'map':
      return readList(cur, p, node, validity, child);
    case 'listView':
    case 'largeListView':
      return readListView(cur, p, node, validity, child);
    case 'fixedSizeList':
      return readFixedSizeList(cur, p, node, validity, child);
    case 'struct':
      return readStruct(cur, p, node, validity, child);
    case 'dictionary':
      return readDictionaryIndices(cur, p, node, validity, dictionaries);
  }
}

/** The node of a top-level field must span the whole batch. */
function checkTopLength(cur: BatchCursor, p: FieldPlan, what: string): void {
  const v = cur.batch.nodes;
  const at = cur.nodeIndex;
  if (at < v.length) {
    const length = v.fb.i64(v.start + 16 * at, 'field node length');
    if (length !== cur.batch.length) throw cur.fail(`${what} length ${length} differs from the record batch length ${cur.batch.length}`, undefined, p.path);
  }
}

/**
 * Read one top-level field of a record batch.
 * @throws IpcFormatError when a node or buffer does not fit the field.
 */
export function readField(cur: BatchCursor, p: FieldPlan, dictionaries: ReadonlyMap<number, DictionaryState>): Data {
  checkTopLength(cur, p, 'field node');
  return readNode(cur, p, dictionaries);
}

/** Read the values of one dictionary batch (utf8 for categoricals). */
export function readDictionaryBatch(cur: BatchCursor, dp: DictionaryPlan, dictionaries: ReadonlyMap<number, DictionaryState>): Data {
  checkTopLength(cur, dp.values, 'dictionary node');
  const data = readNode(cur, dp.values, dictionaries);
  cur.finish();
  return dp.categorical ? utf8Values(data, dp.values.path) : data;
}
