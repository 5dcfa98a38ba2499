// Type-level plumbing: every method's input and result type is read from the generated `paths`
// through the generated operation table. Nothing about the endpoint is written here.
import type { CallOptions } from "./options.js";

/** How one input field is written on the wire (query string or form body, Twilio's rules). */
export type FieldKind = "string" | "date-time" | "integer" | "number" | "boolean" | "array";

/** An Ajv standalone validate function: returns validity and leaves its findings on `.errors`. */
export interface InputValidator {
  (input: unknown): boolean;
  errors?:
    readonly { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }[] | null;
}

/** The shape of one generated operation-table entry (generated/operations.ts): what the client builds a method from. */
export interface OperationEntry {
  readonly operationId: string;
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The spec's template, `/v1/Services/{ChatServiceSid}/…`. */
  readonly path: string;
  readonly requestContentType: "application/x-www-form-urlencoded" | null;
  /** The 2xx the spec declares (201, 200, 204). */
  readonly successStatus: number;
  /** False for a 204 / a 2xx without content. */
  readonly successHasBody: boolean;
  /** Each input group's fields in spec order, with how each value goes on the wire. */
  readonly fields: {
    readonly path: Readonly<Record<string, FieldKind>>;
    readonly header: Readonly<Record<string, FieldKind>>;
    readonly query: Readonly<Record<string, FieldKind>>;
    readonly body: Readonly<Record<string, FieldKind>>;
  };
  /** Twilio's paged list: the 200 body is `{ [itemsKey]: Item[], meta: { next_page_url, … } }`. */
  readonly list: { readonly itemsKey: string } | null;
  /** Ajv standalone validator of the whole input `{ path, header, query, body }` (Dates already ISO strings). */
  readonly validate: InputValidator;
}

/** Every operation of a spec, keyed by method name (generated/operations.ts). */
export type OperationTableShape = Readonly<Record<string, OperationEntry>>;

/**
 * What a list method returns: awaiting it gives the first page's body (with its `meta`);
 * `for await` over it yields every item across pages, fetching each page when it is needed.
 */
export interface PagePromise<Page, Item> extends Promise<Page>, AsyncIterable<Item> {}

/** The OpenAPI operation object type behind a table entry. */
export type OperationOf<Paths, E extends OperationEntry> = E["path"] extends keyof Paths
  ? Lowercase<E["method"]> extends keyof Paths[E["path"]]
    ? NonNullable<Paths[E["path"]][Lowercase<E["method"]>]>
    : never
  : never;

type Group = keyof OperationEntry["fields"];

/** Date-time fields also take a `Date`; it is sent as ISO-8601 with milliseconds. */
type WithDates<T, F> = { [K in keyof T]: K extends keyof F ? (F[K] extends "date-time" ? T[K] | Date : T[K]) : T[K] };

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
type Part<P, K extends Group, F> = K extends keyof P
  ? [NonNullable<P[K]>] extends [never]
    ? {}
    : {} extends Pick<P, K> // optional group (every member optional)
      ? { [Q in K]?: WithDates<NonNullable<P[K]>, F> }
      : { [Q in K]: WithDates<NonNullable<P[K]>, F> }
  : {};

type ContentOf<Op, E extends OperationEntry> = Op extends { requestBody?: { content: infer C } }
  ? E["requestContentType"] extends keyof C
    ? C[E["requestContentType"]]
    : never
  : never;

/** The body group of an operation's input (date-time fields also take a `Date`); `never` without one. */
export type BodyOf<Paths, E extends OperationEntry> = [ContentOf<OperationOf<Paths, E>, E>] extends [never]
  ? never
  : WithDates<ContentOf<OperationOf<Paths, E>, E>, E["fields"]["body"]>;

type BodyPart<Paths, E extends OperationEntry> = [BodyOf<Paths, E>] extends [never]
  ? {}
  : OperationOf<Paths, E> extends { requestBody: unknown } // a required request body makes `body` required
    ? { body: BodyOf<Paths, E> }
    : { body?: BodyOf<Paths, E> };

/** The argument of a generated method: path, header, query and body, plus per-call options. */
export type InputOf<Paths, E extends OperationEntry> = Part<
  ParametersOf<OperationOf<Paths, E>>,
  "path",
  E["fields"]["path"]
> &
  Part<ParametersOf<OperationOf<Paths, E>>, "header", E["fields"]["header"]> &
  Part<ParametersOf<OperationOf<Paths, E>>, "query", E["fields"]["query"]> &
  BodyPart<Paths, E> &
  CallOptions & {
    /** Aborts the call; an abort is surfaced at once and never retried. */
    signal?: AbortSignal;
  };

/** The parsed body of the operation's success response; `undefined` for a 204 or a HEAD. */
export type ResultOf<Paths, E extends OperationEntry> = E["successHasBody"] extends false
  ? undefined
  : OperationOf<Paths, E> extends { responses: infer R }
    ? E["successStatus"] extends keyof R
      ? R[E["successStatus"]] extends { content: { "application/json": infer J } }
        ? J
        : undefined
      : never
    : never;

/** One element of a list operation's items array (`never` for other operations). */
export type ItemOf<Paths, E extends OperationEntry> = E["list"] extends { readonly itemsKey: infer K }
  ? K extends keyof ResultOf<Paths, E>
    ? NonNullable<ResultOf<Paths, E>[K]> extends readonly (infer I)[]
      ? I
      : never
    : never
  : never;

/** What calling an operation returns: a `PagePromise` for a paged list, else a promise of the result. */
export type ReturnOf<Paths, E extends OperationEntry> = E["list"] extends null
  ? Promise<ResultOf<Paths, E>>
  : PagePromise<ResultOf<Paths, E>, ItemOf<Paths, E>>;

/** One method per operation in the table, named after its operationId. */
export type TableMethods<Paths, T extends OperationTableShape> = {
  [K in keyof T]: (input: InputOf<Paths, T[K]>) => ReturnOf<Paths, T[K]>;
};
