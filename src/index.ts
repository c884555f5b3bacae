/**
 * colframe: a columnar in-memory DataFrame for Node.js over Apache Arrow columns.
 * Explicit named exports, grouped by concern.
 */

// Frame
export { DataFrame } from './frame/dataframe.js';
export type { RecordOf, SchemaOptions, ToRecordsOptions } from './frame/types.js';
export type {
  BigIntSchema,
  DTypeOfInput,
  DTypeOfValue,
  RenamedSchema,
  SchemaOfColumns,
  SchemaOfRecords,
} from './frame/types.js';
export type { ColumnInput, FrameOptions } from './core/construct.js';
export type { ColumnMemory, MemoryUsage } from './core/memory.js';
export { isRowView } from './core/row-view.js';

// Expressions
export { Expr, col, lit } from './ops/expr/expr.js';
export type { Operand } from './ops/expr/expr.js';
export { when } from './ops/expr/when.js';
export type { Then, When } from './ops/expr/when.js';
export type { ContainsOptions, ReplaceOptions, StrNamespace } from './ops/expr/str.js';
export type { DtNamespace, TruncateUnit } from './ops/expr/dt.js';
export type { SortOptions } from './ops/sort.js';
export type { JoinHow, JoinOptions } from './ops/join.js';
export type { JoinSchema, RowColumn, WithColumns } from './frame/types.js';
export { GroupBy } from './frame/group-by.js';
export type { AggSchema } from './frame/group-by.js';

// Columns
export { Column } from './column/column.js';
export { makeBuilder } from './column/builders.js';
export type { BuilderOptions, ColumnBuilder } from './column/builders.js';

// Dtypes and schemas
export {
  binary,
  bool,
  categorical,
  date,
  decimal,
  dtypeEquals,
  duration,
  fixedSizeBinary,
  float16,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  interval,
  isDType,
  largeBinary,
  largeUtf8,
  nullType,
  nullable,
  time,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
} from './dtype/dtype.js';
export type { AnyDType, ChildField, DType, DTypeKind, DTypeParams, Int64Repr, NonNullValueOf, TimestampValue, ValueOf } from './dtype/dtype.js';
export { fixedSizeList, largeList, list, map, struct, union } from './dtype/nested.js';
export type { FieldsInput, ListValue, MapValue, StructValue, UnionValue } from './dtype/nested.js';
export { Decimal, Instant } from './dtype/values.js';
export type { DayTimeInterval, IntervalUnit, IntervalValue, MonthDayNanoInterval, TimeUnit, YearMonthInterval } from './dtype/values.js';
export { Schema } from './dtype/schema.js';
export type { Field, RowOf, SchemaShape } from './dtype/schema.js';

// CSV
export { readCSV, scanCSV } from './io/csv/read.js';
export type {
  CsvBadRow,
  CsvEncoding,
  CsvProgress,
  CsvReadInfo,
  CsvReadOptions,
  CsvScanOptions,
  CsvSource,
  CsvWidening,
  OnBadRow,
} from './io/csv/options.js';
export { writeCSV } from './io/csv/write.js';
export type { CsvDestination, CsvWriteStreamOptions } from './io/csv/write.js';
export type { CsvWriteOptions } from './codec/csv.js';

// Arrow IPC
export { readIPC, readIPCSync } from './io/ipc/read.js';
export type { IpcReadInfo, IpcReadOptions, IpcSource } from './io/ipc/read.js';
export { writeIPC } from './io/ipc/write.js';
export type { IpcDestination, IpcWriteOptions } from './io/ipc/write.js';
export { planIPCFile, planIPCStream } from './io/ipc/layout.js';
export type { IPCEncodeOptions, IPCLayoutOptions, IPCMessagePlacement, IPCStreamPlan, IpcCompression } from './io/ipc/layout.js';

// JSON
export { readJSON } from './io/json/read.js';
export type { JsonReadInfo, JsonReadOptions, JsonSource, JsonWidening } from './io/json/options.js';
export { writeJSON } from './io/json/write.js';
export type { JsonDestination, JsonWriteStreamOptions } from './io/json/write.js';
export type { JsonFormat, JsonWriteOptions } from './codec/json.js';

// Printing
export type { PrintOptions } from './display/table.js';
export type { GlimpseOptions } from './display/glimpse.js';
export { TextOutput } from './display/text-output.js';
export type { MarkdownOptions } from './display/markdown.js';
export { jupyterDisplay } from './display/html.js';
export type { HtmlOptions } from './display/html.js';

// Charts
export { Plot } from './frame/plot.js';
export type { BarOptions, ChartOptions, HistOptions } from './frame/plot.js';
export { sparkline } from './display/plot-text.js';
export type { SparklineOptions } from './display/plot-text.js';

// Memory
export { heapAllocator, sharedAllocator } from './util/alloc.js';
export type { Allocator } from './util/alloc.js';

// Errors
export {
  ColframeError,
  ColumnNotFoundError,
  CsvParseError,
  DuplicateColumnError,
  ExpressionError,
  FrameDetachedError,
  SharedFrameError,
  WorkerTaskError,
  TaskCancelledError,
  IndexOutOfRangeError,
  Int64RangeError,
  InvalidArgumentError,
  InvalidValueError,
  IpcFormatError,
  JsonParseError,
  SchemaError,
  ShapeError,
  UnsupportedError,
  UnsupportedTypeError,
  UnknownOptionError,
} from './errors.js';
export type { ColframeErrorCode, IpcLocation } from './errors.js';

// Threads
export { WorkerPool, createPool } from './workers/pool.js';
export type { MapOptions, ModuleRef, PoolOptions, SliceFn, TaskInfo, TaskOptions, VerbOptions } from './workers/pool.js';
export type { SharedFrame } from './frame/share.js';
export type { FrameTransfer, TransferPacket } from './core/wire.js';
