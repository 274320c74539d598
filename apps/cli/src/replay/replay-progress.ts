import { SingleBar } from 'cli-progress';
import type { ReplayProgress } from '../../../projector/src/replay';

/** Told of a replay's progress; `stop` before printing anything else. */
export interface ReplayProgressView {
  update(progress: ReplayProgress): void;
  stop(): void;
}

export const NO_PROGRESS: ReplayProgressView = { update() {}, stop() {} };

/**
 * A progress bar on a terminal's stderr: the read phase counts log records (events, plus the
 * few transaction markers), the write phase documents; events done, the rate and the ETA.
 */
export function progressBar(stream: NodeJS.WritableStream): ReplayProgressView {
  const started = Date.now();
  let phase: ReplayProgress['phase'] | null = null;
  const bar = new SingleBar({
    stream,
    format:
      '{phase} [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
  });
  return {
    update(p) {
      const payload = {
        phase: p.phase === 'read' ? 'reading ' : 'writing ',
        events: p.events.toLocaleString('en-US'),
        rate: Math.round(p.events / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString(
          'en-US',
        ),
      };
      if (phase !== p.phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        bar.start(Math.max(p.total, 1), p.done, payload);
      } else {
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (phase !== null) bar.stop();
      phase = null;
    },
  };
}
