import { FrameScheduler } from './frame-scheduler';
import type { FrameReason } from './redraw';

/** A scheduler whose frames come when the test says. */
function scheduler() {
  const pending: (() => void)[] = [];
  const frames: FrameReason[][] = [];
  const frameScheduler = new FrameScheduler(
    (callback) => pending.push(callback),
    (reasons) => frames.push([...reasons].sort()),
  );
  const nextFrame = () => pending.splice(0).forEach((callback) => callback());
  return { frameScheduler, pending, frames, nextFrame };
}

describe('FrameScheduler', () => {
  test('requests until the frame comes are drawn in it, once, with all their reasons', () => {
    const { frameScheduler, pending, frames, nextFrame } = scheduler();
    frameScheduler.request();
    frameScheduler.request('statusChanged');
    frameScheduler.request('clockTicked');
    frameScheduler.request();
    expect(pending).toHaveLength(1);
    expect(frames).toEqual([]);
    nextFrame();
    expect(frames).toEqual([['clockTicked', 'statusChanged']]);
  });

  test('a request after the frame asks for the next one, with its own reasons only', () => {
    const { frameScheduler, pending, frames, nextFrame } = scheduler();
    frameScheduler.request('pairChosen');
    nextFrame();
    nextFrame();
    expect(frames).toHaveLength(1);
    frameScheduler.request();
    expect(pending).toHaveLength(1);
    nextFrame();
    expect(frames).toEqual([['pairChosen'], []]);
  });
});
