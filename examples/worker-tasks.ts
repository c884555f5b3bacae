/**
 * Functions that examples/workers.ts runs in worker threads. A pool imports this module in each
 * worker and calls the named export with (slice of the frame, args, { partition, partitions, offset }).
 */
import { col, type DataFrame } from '../src/index.js';

/** The days of a slice whose temperature swung by more than `args.swing` degrees. */
export function bigSwings(df: DataFrame, args: { swing: number }): DataFrame {
  return df
    .withColumns({ swing: col('temp_max').sub(col('temp_min')) })
    .filter(col('swing').gt(args.swing))
    .select('date', 'weather', 'temp_min', 'temp_max', 'swing');
}
