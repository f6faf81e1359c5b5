/** Goal-oriented action planning with A* (see astar.ts). */
export { plan } from './astar.js';
export { hMax } from './heuristic.js';
export { routeActions } from './routes.js';
export type { Action, PlanBounds, PlanProblem, PlanResult, Proposition } from './types.js';
