/**
 * Tool use for the symbolic engine: decide whether an offered tool fits a request
 * (selectTool), fill its arguments from the request (fillArguments), ask for what is missing
 * (missingArgumentsQuestion), and answer from tool results already in the conversation
 * (answerFromToolResult).
 */
export { selectTool, rankTools, TOOL_THRESHOLD, type ToolMatch } from './select-tool.js';
export { fillArguments, type FillOptions, type FillResult } from './fill-arguments.js';
export { missingArgumentsQuestion } from './ask-missing.js';
export { answerFromToolResult, phraseValue, type ToolResultAnswer } from './answer-from-result.js';
export { argumentErrors } from './args-schema.js';
export { planToolUse, toolPlanEvents, type ToolPlan, type PlannedCall, type PlanOptions } from './plan-tool-use.js';
