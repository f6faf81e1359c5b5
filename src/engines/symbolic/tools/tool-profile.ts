/**
 * What a tool is about, as weighted concepts: its name says most (the object of a verb_object
 * name above all), parameter names and enum values a fair amount, its description and
 * parameter descriptions some. Built from the tool's own definition, nothing else.
 */
import type { ToolDefinition } from '../../../core/types.js';
import { conceptOf, isGeneric } from './concepts.js';
import { contentStems, splitWords, stem } from './text.js';

/** A tool's weighted concepts and the parts of its name. */
export interface ToolProfile {
  tool: ToolDefinition;
  weights: Map<string, number>;
  /** Concepts of the name, in order, generic verbs included. */
  nameConcepts: string[];
}

const W_NAME = 3;
const W_NAME_GENERIC = 0.5;
const W_PARAM = 1.5;
const W_ENUM = 1;
const W_DESC = 1;
const W_PARAM_DESC = 0.5;

function add(weights: Map<string, number>, concept: string, w: number): void {
  if (concept.length < 2) return;
  weights.set(concept, Math.max(weights.get(concept) ?? 0, w));
}

// Clients send the same tools with every request: profiles are cached by the tool's JSON.
const cache = new Map<string, Omit<ToolProfile, 'tool'>>();
const CACHE_LIMIT = 512;

/** The profile of one tool (cached by its definition). */
export function profileTool(tool: ToolDefinition): ToolProfile {
  const key = JSON.stringify(tool.function);
  let hit = cache.get(key);
  if (!hit) {
    hit = buildProfile(tool);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return { tool, ...hit };
}

function buildProfile(tool: ToolDefinition): Omit<ToolProfile, 'tool'> {
  const weights = new Map<string, number>();
  const nameConcepts = splitWords(tool.function.name).map((w) => conceptOf(stem(w)));
  for (const c of nameConcepts) add(weights, c, isGeneric(c) ? W_NAME_GENERIC : W_NAME);
  for (const s of contentStems(tool.function.description ?? '')) add(weights, conceptOf(s), isGeneric(conceptOf(s)) ? W_NAME_GENERIC : W_DESC);
  const props = (tool.function.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, schema] of Object.entries(props)) {
    for (const w of splitWords(name)) add(weights, conceptOf(stem(w)), W_PARAM);
    if (typeof schema?.description === 'string') for (const s of contentStems(schema.description)) add(weights, conceptOf(s), W_PARAM_DESC);
    if (Array.isArray(schema?.enum)) for (const v of schema.enum) if (typeof v === 'string') for (const w of splitWords(v)) add(weights, conceptOf(stem(w)), W_ENUM);
  }
  return { weights, nameConcepts };
}

/** Inverse document frequency of each concept over the offered tools: rare concepts decide. */
export function conceptIdf(profiles: ToolProfile[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of profiles) for (const c of p.weights.keys()) df.set(c, (df.get(c) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [c, n] of df) idf.set(c, 1 + Math.log(profiles.length / n));
  return idf;
}
