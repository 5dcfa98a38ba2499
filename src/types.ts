// Type-level plumbing: every method's input and result type is read from the generated `paths`
// through the generated operation table. Nothing about the endpoint is written here.
import type { InputRules } from "../generated/validators.js";
import type { CallOptions } from "./options.js";

/** @internal The shape of one generated operation-table entry. */
export interface OperationEntry {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly requestContentType: string | null;
  readonly successStatus: number;
  readonly pathParameters: readonly string[];
  readonly headerParameters: readonly string[];
  readonly queryParameters: readonly string[];
  readonly bodyFields: readonly string[];
  readonly dateTimeBodyFields: readonly string[];
  readonly inputRules: InputRules;
}

/** @internal */
export type OperationTableShape = Record<string, OperationEntry>;

/** The OpenAPI operation object type behind a table entry. */
export type OperationOf<Paths, E extends OperationEntry> = E["path"] extends keyof Paths
  ? Lowercase<E["method"]> extends keyof Paths[E["path"]]
    ? NonNullable<Paths[E["path"]][Lowercase<E["method"]>]>
    : never
  : never;

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
type Part<P, K extends string> = K extends keyof P
  ? [NonNullable<P[K]>] extends [never]
    ? {}
    : {} extends Pick<P, K> // optional group (every member optional)
      ? { [Q in K]?: NonNullable<P[K]> }
      : { [Q in K]: NonNullable<P[K]> }
  : {};

/** Date-time body fields also take a `Date`; it is sent as ISO-8601 with milliseconds. */
type WithDates<B, D extends string> = { [K in keyof B]: K extends D ? B[K] | Date : B[K] };

type BodyOf<Op, E extends OperationEntry> = Op extends { requestBody?: { content: infer C } }
  ? E["requestContentType"] extends keyof C
    ? Op extends { requestBody: unknown } // a required request body makes `body` required
      ? { body: WithDates<C[E["requestContentType"]], E["dateTimeBodyFields"][number]> }
      : { body?: WithDates<C[E["requestContentType"]], E["dateTimeBodyFields"][number]> }
    : {}
  : {};

/** The argument of a generated method: path, header, query and body, plus per-call options. */
export type InputOf<Paths, E extends OperationEntry> = Part<ParametersOf<OperationOf<Paths, E>>, "path"> &
  Part<ParametersOf<OperationOf<Paths, E>>, "header"> &
  Part<ParametersOf<OperationOf<Paths, E>>, "query"> &
  BodyOf<OperationOf<Paths, E>, E> &
  CallOptions & {
    /** Aborts the call; an abort is surfaced at once and never retried. */
    signal?: AbortSignal;
  };

/** The parsed body of the operation's success response. */
export type ResultOf<Paths, E extends OperationEntry> = OperationOf<Paths, E> extends { responses: infer R }
  ? E["successStatus"] extends keyof R
    ? R[E["successStatus"]] extends { content: { "application/json": infer J } }
      ? J
      : undefined
    : never
  : never;

/** One method per operation in the table, named after its operationId. */
export type OperationMethods<Paths, T extends OperationTableShape> = {
  [K in keyof T]: (input: InputOf<Paths, T[K]>) => Promise<ResultOf<Paths, T[K]>>;
};
