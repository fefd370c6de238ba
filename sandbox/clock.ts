/**
 * The sandbox's clock: real time plus an offset the shell can move forward, so SLA reminders and
 * the launch watch can be seen firing without waiting days. Everything in the process, the app's
 * code included, reads this clock through `Date`; the app does not know it is moved.
 */
const RealDate = Date;
let offsetMs = 0;

class SandboxDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }

  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

export const installSandboxClock = (): void => {
  globalThis.Date = SandboxDate as DateConstructor;
};

export const advanceClock = (ms: number): void => {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
  offsetMs += ms;
};

export const clockOffsetMs = (): number => offsetMs;

/** Puts the clock where a stored site left it (`offset` ms ahead of real time). */
export const resumeClock = (offset: number): void => {
  if (!Number.isFinite(offset) || offset < 0) throw new RangeError('the sandbox clock only runs ahead of real time');
  offsetMs = offset;
};
