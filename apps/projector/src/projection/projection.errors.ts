/** Why an event cannot be projected. The projector parks such an event in the DLQ. */
export abstract class ProjectionError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The event's type is not one this projection knows (e.g. a newer version than it was built for). */
export class UnknownEventTypeError extends ProjectionError {
  readonly code = 'UnknownEventType';
  constructor(readonly type: string) {
    super(`unknown event type ${JSON.stringify(type)}`);
  }
}

/** The payload lacks a field the projection needs, or has one of the wrong shape. */
export class InvalidEventPayloadError extends ProjectionError {
  readonly code = 'InvalidEventPayload';
  constructor(
    readonly type: string,
    readonly field: string,
    reason: string,
  ) {
    super(`${type}: payload.${field} ${reason}`);
  }
}
