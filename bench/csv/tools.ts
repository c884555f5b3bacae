/**
 * The tools the CSV benchmark compares: how to start each measured load, and whether its
 * libraries are installed. Peer loaders are plain `.mjs` files in `bench/peers/`, which resolve
 * their imports from `bench/peers/node_modules` (installed by `npm run bench:peers:install`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (children run from here so `tsx` resolves). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEERS = fileURLToPath(new URL('../peers/', import.meta.url));

/** A tool's id, as accepted by `--tools`. */
export type ToolId = 'colframe' | 'polars' | 'arquero-stream' | 'arquero-text' | 'duckdb';

export interface Tool {
  readonly id: ToolId;
  /** Shown in the report. */
  readonly label: string;
  /** The npm package that must be installed under `bench/peers/` (none for colframe). */
  readonly peerPackage?: string;
  /** `node` arguments for one load of `file`, summing `sumColumns`. */
  args(file: string, sumColumns: readonly string[]): string[];
}

export const TOOLS: readonly Tool[] = [
  {
    id: 'colframe',
    label: 'colframe readCSV',
    args: (file, cols) => ['bench/csv/load-colframe.mjs', file, cols.join(',')],
  },
  {
    id: 'polars',
    label: 'nodejs-polars readCSV',
    peerPackage: 'nodejs-polars',
    args: (file, cols) => [`${PEERS}load-polars.mjs`, file, cols.join(',')],
  },
  {
    id: 'arquero-stream',
    label: 'arquero loadCSV (stream)',
    peerPackage: 'arquero',
    args: (file, cols) => [`${PEERS}load-arquero.mjs`, file, cols.join(','), 'stream'],
  },
  {
    id: 'arquero-text',
    label: 'arquero fromCSV (readFileSync text)',
    peerPackage: 'arquero',
    args: (file, cols) => [`${PEERS}load-arquero.mjs`, file, cols.join(','), 'text'],
  },
  {
    id: 'duckdb',
    label: 'duckdb read_csv_auto → table',
    peerPackage: '@duckdb/node-api',
    args: (file, cols) => [`${PEERS}load-duckdb.mjs`, file, cols.join(',')],
  },
];

export const TOOL_IDS: readonly ToolId[] = TOOLS.map((t) => t.id);

/** The tool with this id. */
export function tool(id: ToolId): Tool {
  return TOOLS.find((t) => t.id === id)!;
}

/** The installed version of a peer package, or `undefined` when it is not installed. */
export function peerVersion(pkg: string): string | undefined {
  const file = `${PEERS}node_modules/${pkg}/package.json`;
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

/** Why a tool cannot run here, or `undefined` when it can. */
export function unavailable(t: Tool): string | undefined {
  if (t.peerPackage === undefined || peerVersion(t.peerPackage) !== undefined) return undefined;
  return `${t.peerPackage} is not installed in bench/peers: run npm run bench:peers:install`;
}
