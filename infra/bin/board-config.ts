import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBoardConfig, type BoardConfig } from '../../functions/config/board.js';

/**
 * Which Board configuration file to deploy: the `boardConfig` context value
 * if given, else infra/config/board.json (the Board's own, not committed),
 * else the example.
 */
export function boardConfigPath(projectRoot: string, fromContext?: string): string {
  if (fromContext) return path.resolve(projectRoot, fromContext);
  const own = path.join(projectRoot, 'infra/config/board.json');
  return existsSync(own) ? own : path.join(projectRoot, 'infra/config/board.example.json');
}

/**
 * Reads and validates the Board configuration at synth. A missing file, bad
 * JSON or a bad value throws, naming the file and every bad field, so nothing
 * half-configured is ever deployed.
 */
export function loadBoardConfig(file: string): BoardConfig {
  if (!existsSync(file)) throw new Error(`Board configuration file not found: ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`Board configuration ${file} is not valid JSON`, { cause });
  }
  return parseBoardConfig(raw, `Board configuration ${file}`);
}
