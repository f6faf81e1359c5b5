/** What the routes need from the gateway: the pipeline and the model registry. */
import type { Generate } from '../gateway/generate.js';
import type { ModelRouter } from '../gateway/router.js';

/** Shared by every route of one app. */
export interface ApiContext {
  generate: Generate;
  router: ModelRouter;
  /** Which field(s) carry reasoning for `model` (its ModelConfig); default `reasoning_content`. */
  reasoningField?: (model: string) => 'reasoning_content' | 'reasoning' | 'both';
}
