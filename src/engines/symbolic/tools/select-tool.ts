/**
 * Deciding whether one of the offered tools fits a user's request, and which. A tool scores by
 * the concepts the request shares with it (synonyms folded, stems compared), weighted by where
 * the tool mentions them and by how rare they are among the offered tools; a request that names
 * both the action and the object of a verb_object tool name scores extra. Chit-chat stays
 * below the threshold: a tool fits only when the request matches its name, or two of its
 * concepts beyond generic verbs.
 */
import type { ToolChoice, ToolDefinition } from '../../../core/types.js';
import { conceptOf, isGeneric } from './concepts.js';
import { contentStems } from './text.js';
import { conceptIdf, profileTool } from './tool-profile.js';

/** A tool with its score for a request. */
export interface ToolMatch {
  tool: ToolDefinition;
  score: number;
  /** The shared concepts that produced the score. */
  matched: string[];
  /** Whether the tool passes the threshold on its own merits. */
  fits: boolean;
  /** True when tool_choice named it or required a tool, whatever its score. */
  forced: boolean;
}

/** Score needed (with a name match or two concepts) for `auto` to pick a tool. */
export const TOOL_THRESHOLD = 2;
const VERB_OBJECT_BONUS = 2;

/** Every offered tool scored against the request, best first (ties keep the offered order). */
export function rankTools(userText: string, tools: readonly ToolDefinition[]): ToolMatch[] {
  const profiles = tools.map(profileTool);
  const idf = conceptIdf(profiles);
  const query = new Set(contentStems(userText).map(conceptOf));
  const ranked = profiles.map((p) => {
    let score = 0;
    const matched: string[] = [];
    for (const c of query) {
      const w = p.weights.get(c);
      if (w === undefined) continue;
      score += w * (idf.get(c) ?? 1);
      matched.push(c);
    }
    const strong = p.nameConcepts.filter((c) => !isGeneric(c));
    const nameHit = strong.some((c) => query.has(c));
    if (strong.length >= 2 && query.has(strong[0]) && strong.slice(1).some((c) => query.has(c))) score += VERB_OBJECT_BONUS;
    const specific = matched.filter((c) => !isGeneric(c)).length;
    const fits = score >= TOOL_THRESHOLD && (nameHit || specific >= 2);
    return { tool: p.tool, score: Math.round(score * 1000) / 1000, matched, fits, forced: false };
  });
  return ranked.sort((a, b) => b.score - a.score);
}

/**
 * The tool that fits the request, or null. `toolChoice` 'none' never picks; a named function
 * is always picked; 'required' picks the best even below the threshold; 'auto' (the default)
 * picks only a tool that fits.
 * @example selectTool("what's the weather in Paris?", req.tools, req.toolChoice)?.tool.function.name // 'get_weather'
 */
export function selectTool(userText: string, tools: readonly ToolDefinition[], toolChoice: ToolChoice = 'auto'): ToolMatch | null {
  if (toolChoice === 'none' || tools.length === 0) return null;
  const ranked = rankTools(userText, tools);
  if (typeof toolChoice === 'object') {
    const hit = ranked.find((m) => m.tool.function.name === toolChoice.function.name);
    return hit ? { ...hit, forced: true } : null;
  }
  const best = ranked[0];
  if (best.fits) return best;
  return toolChoice === 'required' ? { ...best, forced: true } : null;
}
