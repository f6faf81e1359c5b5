/**
 * Loading files and strings into a KnowledgeBase, all-or-nothing: content is staged while it
 * parses and committed only when the whole input parsed.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { KbLoadError } from './errors.js';
import { parseRdf, type RdfFormat } from './parse-rdf.js';
import { Staging } from './staging.js';
import type { KnowledgeBase } from './store.js';

/** Every input format. */
export type KbFormat = RdfFormat | 'json' | 'yaml';

/** Options of a load. */
export interface LoadOptions {
  /** Input format; by default from the file extension (.ttl .nt .n3 .json .yaml/.yml). */
  format?: KbFormat;
  /** Confidence of every fact of an RDF input (JSON/YAML inputs say it themselves); default 1. */
  confidence?: number;
  /** Source name recorded on the facts; default the file path (or `name` for strings). */
  source?: string;
  /** Base IRI for relative IRIs in RDF inputs. */
  baseIRI?: string;
}

/** What one load added. */
export interface LoadResult {
  file: string;
  format: KbFormat;
  /** Facts in the input. */
  facts: number;
  /** Facts that were new to the store. */
  added: number;
  /** Rules in the input. */
  rules: number;
}

const EXTENSIONS: Record<string, KbFormat> = {
  '.ttl': 'turtle', '.turtle': 'turtle', '.nt': 'ntriples', '.n3': 'n3',
  '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml',
};

/** The format of a file name by extension, or undefined. */
export function formatOf(file: string): KbFormat | undefined {
  return EXTENSIONS[extname(file).toLowerCase()];
}

async function load(kb: KnowledgeBase, file: string, format: KbFormat, read: () => string | Promise<string> | NodeJS.ReadableStream, opts: LoadOptions): Promise<LoadResult> {
  const staging = new Staging(kb);
  const intern = (k: string): number => kb.terms.intern(k);
  try {
    if (format === 'json' || format === 'yaml') {
      // the yaml parser is loaded only when a JSON/YAML file is, to keep RDF-only starts short
      const { parseJsonKb } = await import('./parse-json.js');
      parseJsonKb(String(await read()), staging, intern, file, format === 'json');
    }
    else {
      const input = await read();
      await parseRdf(input as string, staging, intern, { file, format, confidence: opts.confidence ?? 1, baseIRI: opts.baseIRI });
    }
  } catch (e) {
    staging.rollback();
    if (e instanceof KbLoadError) throw e;
    throw new KbLoadError(file, 0, 0, (e as Error).message);
  }
  return { file, format, ...staging.commit(opts.source ?? file) };
}

/** Load a file (RDF formats stream; nothing is committed unless the whole file parses). */
export async function loadFile(kb: KnowledgeBase, path: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const format = opts.format ?? formatOf(path);
  if (!format) throw new KbLoadError(path, 0, 0, `unknown file type "${extname(path)}"; use .ttl, .nt, .n3, .json, .yaml or pass a format`);
  const rdf = format !== 'json' && format !== 'yaml';
  // 16 MiB chunks: memory stays bounded for any file size, yet n3's lexer runs about a third
  // faster than with 1 MiB chunks (fewer partial-token restarts between chunks)
  const read = (): string | Promise<string> | NodeJS.ReadableStream =>
    rdf ? createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 24 }) : readFile(path, 'utf8');
  return load(kb, path, format, read, opts);
}

/** Load text; `name` stands in for the file name in errors and sources. */
export function loadString(kb: KnowledgeBase, text: string, format: KbFormat, name = 'input', opts: LoadOptions = {}): Promise<LoadResult> {
  return load(kb, name, format, () => text, opts);
}
