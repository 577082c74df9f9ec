import Type from 'typebox';
import type { Static } from 'typebox';

// RFC 9457 problem details: every 4xx/5xx of the integration API is one of these, with a sentence
// saying what to change and, for bad input, one entry per offending field (a JSON Pointer into the body).

/** One field that is wrong, as a JSON Pointer (RFC 6901) into the request body. */
export const FieldErrorSchema = Type.Object(
  {
    pointer: Type.String({ description: 'JSON Pointer to the field, "" for the whole body.' }),
    detail: Type.String(),
    code: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** A per-field error inside a problem. */
export type FieldError = Static<typeof FieldErrorSchema>;

/** `application/problem+json` body. */
export const ProblemDetailsSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'What went wrong and what to do about it.' }),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { additionalProperties: true },
);
/** A problem-details answer. */
export type ProblemDetails = Static<typeof ProblemDetailsSchema>;
