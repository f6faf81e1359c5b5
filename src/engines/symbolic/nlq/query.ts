/** What a question asks, before its phrases are linked to knowledge-graph terms. */

/** The question forms psr answers. */
export type QueryForm =
  | 'define'     // what is X / who is X / define X / tell me about X
  | 'attribute'  // what is the P of X / who is X's P
  | 'list'       // what are the P of X / list X's P / what are X P
  | 'isa'        // is X a Y
  | 'check'      // does X P Y / is X related to Y
  | 'agent'      // what P Y ("what mitigates algorithm confusion", "who manages Alice")
  | 'count'      // how many P does X have / how many Y are there
  | 'why'        // why is X a Y / why does X P Y
  | 'how'        // how to handle X / how do I V X
  | 'compare'    // compare X and Y / X vs Y / difference between X and Y
  | 'route'      // how do I get from A to B
  | 'unknown';

/** A parsed question: raw phrases, unlinked. */
export interface Query {
  form: QueryForm;
  /** The thing asked about (X). */
  subject?: string;
  /** The relation phrase (P), e.g. "security vulnerabilities", "edge cases". */
  relation?: string;
  /** The second thing (Y in "is X a Y", B in routes, the other side of compare). */
  object?: string;
  /** For `how` questions: the verb ("handle", "prevent"). */
  verb?: string;
  /** True when X came from a pronoun or an elliptic follow-up and must be resolved from context. */
  needsContext?: boolean;
  /** True when negated ("is X not a Y"). */
  negated?: boolean;
  /** For a bare "why?": explain the previous answer (set from the conversation). */
  explain?: boolean;
  /** How the conversation reshaped this question, for the trace ("explains the earlier question …"). */
  context?: string;
  /** The question as asked, trimmed. */
  text: string;
}
