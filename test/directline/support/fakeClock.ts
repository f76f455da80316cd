/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public nowMs = Date.UTC(2025, 0, 1, 9, 0, 0)) {}
  readonly now = (): number => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}
