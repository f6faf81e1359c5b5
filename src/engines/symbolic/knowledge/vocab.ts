/** The IRIs the psycho-symbolic engine reads (see data/kb/starter/schema.ttl). */
import { NS } from '../kb/terms.js';

const psr = (local: string) => NS.psr + local;

/** Vocabulary used when answering. */
export const V = {
  type: NS.rdf + 'type',
  subClassOf: NS.rdfs + 'subClassOf',
  subPropertyOf: NS.rdfs + 'subPropertyOf',
  label: NS.rdfs + 'label',
  range: NS.rdfs + 'range',
  comment: NS.rdfs + 'comment',
  property: NS.rdf + 'Property',
  source: 'http://purl.org/dc/terms/source',
  description: psr('description'),
  hasRisk: psr('hasRisk'),
  mitigatedBy: psr('mitigatedBy'),
  handledBy: psr('handledBy'),
  connectsTo: psr('connectsTo'),
  action: psr('Action'),
  requires: psr('requires'),
  achieves: psr('achieves'),
  consumes: psr('consumes'),
  cost: psr('cost'),
  user: 'https://w3id.org/psr/user/',
} as const;
