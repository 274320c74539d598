// The projection core: pure, synchronous, no I/O. The live projector and the replay tool share it.
export * from './projection-workspace';
export * from './touched-ids';
export * from './apply-event';
export * from './projection.errors';
