/** The recent output of a process, capped so a chatty server cannot grow it without bound. */
export class LogBuffer {
  private text = '';

  constructor(private readonly maxChars = 64 * 1024) {}

  append(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > this.maxChars) this.text = this.text.slice(-this.maxChars);
  }

  includes(needle: string): boolean {
    return this.text.includes(needle);
  }

  /** The last `count` non-empty lines, joined for an error message. */
  tail(count = 30): string {
    const lines = this.text.split('\n').filter((line) => line.trim() !== '');
    return lines.slice(-count).join('\n');
  }

  toString(): string {
    return this.text;
  }
}
