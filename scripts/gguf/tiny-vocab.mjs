// A small SentencePiece-style ("llama") vocabulary for the tiny test model: control tokens,
// the 256 byte-fallback tokens llama.cpp needs (it looks up <0x0A> for newlines and throws
// on a missing byte token), printable ASCII characters, and ▁-prefixed words with every
// prefix so SPM's bigram merging can reach the whole word one character at a time.

/** llama.cpp token types. */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 };

const WORDS = `the a an and or of to in on is it was be are for with as at by this that from not
you we they he she i me my your our their hello world yes no ok true false null json name value
answer question think reason model tiny local psr llama token text chat user assistant system
one two three four five red green blue cat dog sun moon tree water fire stone time day night
good bad big small fast slow up down left right say tell ask know see find make run stop go`
  .split(/\s+/).filter(Boolean);

/** Ids of the special tokens, fixed so metadata and tests can refer to them. */
export const SPECIAL = { unk: 0, bos: 1, eos: 2, imStart: 3, imEnd: 4 };

/**
 * Build the vocabulary: parallel arrays of token text, score and type.
 * @returns {{ tokens: string[], scores: number[], types: number[] }}
 */
export function buildTinyVocab() {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, TokenType.CONTROL, TokenType.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.BYTE);
  }
  const seen = new Set(tokens);
  const add = (piece) => {
    if (seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(TokenType.NORMAL);
  };
  add('\u2581');
  for (let c = 0x21; c < 0x7f; c++) add(String.fromCharCode(c));
  for (const word of WORDS) {
    const piece = `\u2581${word}`;
    for (let end = 2; end <= piece.length; end++) add(piece.slice(0, end));
  }
  // Longer pieces score higher so the bigram merge always prefers extending a word.
  const scores = tokens.map((t, i) => (types[i] === TokenType.NORMAL ? -1000 + t.length * 10 - i / 1000 : 0));
  return { tokens, scores, types };
}
