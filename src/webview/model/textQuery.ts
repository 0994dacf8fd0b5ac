/** A case-insensitive substring search, shared by the search over the model and the highlighting. */
export class TextQuery {
  private readonly tester: RegExp;
  private readonly finder: RegExp;

  constructor(readonly text: string) {
    const source = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.tester = new RegExp(source, 'i');
    this.finder = new RegExp(source, 'gi');
  }

  matches(value: string): boolean {
    return this.tester.test(value);
  }

  /** [start, end) of every non-overlapping occurrence in `value`. */
  ranges(value: string): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    this.finder.lastIndex = 0;
    for (let m = this.finder.exec(value); m; m = this.finder.exec(value)) {
      ranges.push([m.index, m.index + m[0].length]);
    }
    return ranges;
  }
}
