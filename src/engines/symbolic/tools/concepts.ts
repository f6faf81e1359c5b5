/**
 * Small synonym sets: words a user says and words a tool author writes that mean the same
 * request ("temperature" asks for a weather tool, "look up" for a search tool). Each stem maps
 * to one concept key; words outside every set are their own concept.
 */
import { stem } from './text.js';

const GROUPS: Record<string, string[]> = {
  weather: ['weather', 'forecast', 'temperature', 'rain', 'raining', 'rainy', 'sunny', 'snow', 'snowing', 'wind', 'windy', 'humidity', 'humid', 'climate', 'umbrella', 'degrees', 'warm', 'cold', 'chilly', 'freezing', 'cloudy', 'stormy', 'sunshine'],
  time: ['time', 'clock', 'hour', 'timezone'],
  search: ['search', 'find', 'look', 'lookup', 'query', 'google', 'seek', 'browse'],
  send: ['send', 'email', 'mail', 'message', 'notify', 'dm', 'text'],
  book: ['book', 'reserve', 'reservation', 'booking'],
  buy: ['buy', 'purchase', 'order', 'shop'],
  price: ['price', 'cost', 'fee', 'expensive', 'cheap'],
  convert: ['convert', 'conversion', 'exchange', 'change'],
  currency: ['currency', 'money', 'dollar', 'euro', 'usd', 'eur', 'gbp', 'jpy', 'yen', 'pound'],
  calculate: ['calculate', 'calculator', 'compute', 'math', 'arithmetic', 'multiply', 'divide', 'plus', 'minus', 'sum', 'add'],
  translate: ['translate', 'translation', 'translator'],
  create: ['create', 'make', 'generate'],
  delete: ['delete', 'remove', 'cancel', 'erase', 'drop'],
  update: ['update', 'modify', 'edit', 'set'],
  list: ['list', 'all', 'enumerate'],
  location: ['location', 'city', 'place', 'address', 'town', 'where'],
  distance: ['distance', 'far', 'km', 'kilometer', 'mile', 'route', 'directions'],
  stock: ['stock', 'share', 'ticker', 'equity'],
  news: ['news', 'headline', 'headlines'],
  reminder: ['remind', 'reminder', 'alarm', 'timer'],
  calendar: ['calendar', 'event', 'meeting', 'appointment', 'schedule'],
  flight: ['flight', 'fly', 'airplane', 'airline', 'airport'],
  hotel: ['hotel', 'room', 'accommodation', 'lodging'],
  music: ['music', 'song', 'track', 'playlist'],
  restaurant: ['restaurant', 'food', 'dinner', 'lunch', 'eat', 'table'],
  file: ['file', 'document', 'doc'],
  user: ['user', 'account', 'customer', 'profile'],
};

/** Request verbs that appear in many tool names (get_x, fetch_x) and say little on their own. */
export const GENERIC = new Set(['get', 'fetch', 'retrieve', 'show', 'tell', 'give', 'check', 'return', 'read', 'obtain', 'see', 'know', 'current', 'info', 'information', 'detail', 'data'].map(stem));

const CONCEPT = new Map<string, string>();
for (const [concept, words] of Object.entries(GROUPS)) for (const w of words) if (!CONCEPT.has(stem(w))) CONCEPT.set(stem(w), concept);

/** The concept a stem belongs to (the stem itself when it is in no set). */
export function conceptOf(stemmed: string): string {
  return CONCEPT.get(stemmed) ?? stemmed;
}

/** Whether a concept is a generic request verb. */
export function isGeneric(concept: string): boolean {
  return GENERIC.has(concept);
}
