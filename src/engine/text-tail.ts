// The end of a text that may grow without bound (a command's output): at most `limit`
// characters are kept, the oldest are dropped and counted. Appending is O(chunk) amortised:
// the kept text is cut back to `limit` only when it has grown to twice that.

export class TextTail {
  private kept = '';
  private droppedChars = 0;

  constructor(readonly limit: number) {}

  append(text: string): void {
    if (text === '') return;
    if (text.length >= this.limit) {
      this.droppedChars += this.kept.length + text.length - this.limit;
      this.kept = copyOf(text.slice(text.length - this.limit));
      return;
    }
    this.kept += text;
    if (this.kept.length > 2 * this.limit) {
      this.droppedChars += this.kept.length - this.limit;
      this.kept = copyOf(this.kept.slice(this.kept.length - this.limit));
    }
  }

  /** The last `limit` characters (or fewer). */
  text(): string {
    if (this.kept.length <= this.limit) return this.kept;
    return this.kept.slice(this.kept.length - this.limit);
  }

  /** How many characters were dropped from the start so far. */
  dropped(): number {
    return this.droppedChars + Math.max(0, this.kept.length - this.limit);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents a slice of a long
 * string as a view on it: keeping 8 KB of a 300 MB line would keep the 300 MB. (A surrogate
 * pair cut in half at the start becomes U+FFFD.)
 */
export function copyOf(s: string): string {
  return s.length === 0 ? s : decoder.decode(encoder.encode(s));
}
