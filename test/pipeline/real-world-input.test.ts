// What real-world descriptions (Twilio's own, say) bring that this project's spec does not, each on a
// small schema through the generator's own steps: OpenAPI 3.0 read as 3.1, the format registry
// checked (and any other format an annotation), `x-*` extensions ignored, names of any spelling.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/pipeline.js";

const lib = (name: string) => import(join(root, "scripts/lib", name));
const { asOpenApi31 } = await lib("openapi-30.mjs");
const { annotationFormats, inlineRefs } = await lib("input-schema.mjs");
const { createAjv } = await lib("emit-validators.mjs");
const { camelName, typeName } = await lib("ts-names.mjs");
const { operationEntries } = await lib("emit-operations.mjs");

/** Compiles `schema` as the generator does (strict Ajv, after inlineRefs). */
const compile = (schema: object) => createAjv().compile(inlineRefs(schema, (n: unknown) => n));

describe("OpenAPI 3.0 input, read as 3.1", () => {
  const doc = asOpenApi31({
    openapi: "3.0.1",
    components: {
      schemas: {
        Count: { type: "integer", nullable: true, minimum: 0, exclusiveMinimum: true, maximum: 9 },
        Size: { type: "number", maximum: 5, exclusiveMaximum: false, example: 3 },
        Kind: { type: "string", enum: ["a", "b"], nullable: true },
        Anything: { nullable: true, description: "any JSON value" },
        Holder: { type: "object", properties: { nullable: { type: "string" } } },
      },
    },
  });
  const s = doc.components.schemas;

  it("says 3.1, and leaves a 3.1 document as it is", () => {
    expect(doc.openapi).toBe("3.1.0");
    const own = { openapi: "3.1.0", paths: {} };
    expect(asOpenApi31(own)).toBe(own);
  });

  it("turns nullable into a null type (and a null enum value), untyped nullable into nothing", () => {
    expect(s.Count.type).toEqual(["integer", "null"]);
    expect(s.Kind).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
    expect(s.Anything).toEqual({ description: "any JSON value" });
    expect(s.Holder.properties.nullable).toEqual({ type: "string" }); // a property so named is left alone
  });

  it("turns a boolean exclusive bound into the bound itself", () => {
    expect(s.Count).toMatchObject({ exclusiveMinimum: 0, maximum: 9 });
    expect(s.Count.minimum).toBeUndefined();
    expect(s.Size).toEqual({ type: "number", maximum: 5, example: 3 });
    const count = compile(s.Count);
    expect([0, 1, 9, 10, null].map((v) => count(v))).toEqual([false, true, true, false, true]);
  });
});

describe("formats", () => {
  it("checks int32 and int64 as ranges on integers", () => {
    const int32 = compile({ type: "integer", format: "int32" });
    expect([2147483647, -2147483648, 2147483648, -2147483649].map((v) => int32(v))).toEqual([true, true, false, false]);
    expect(compile({ type: "integer", format: "int64" })(2 ** 53)).toBe(true);
  });

  it("checks date, email, uuid and byte, and accepts float, double, binary and password", () => {
    expect([compile({ type: "string", format: "date" })("2023-02-29")]).toEqual([false]);
    expect(compile({ type: "string", format: "date" })("2024-02-29")).toBe(true);
    expect(compile({ type: "string", format: "email" })("alice@example")).toBe(false);
    expect(compile({ type: "string", format: "uuid" })("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(true);
    expect(compile({ type: "string", format: "byte" })("aGVsbG8")).toBe(false);
    for (const format of ["float", "double"]) expect(compile({ type: "number", format })(1.5)).toBe(true);
    for (const format of ["binary", "password"]) expect(compile({ type: "string", format })("x")).toBe(true);
  });

  it("takes any other format, on any type, as an annotation, and lists each once", () => {
    const links = compile({ type: "object", format: "uri-map", properties: { a: { type: "string", format: "uri" } } });
    expect(links({ a: "https://example.com" })).toBe(true);
    expect(links({ a: "not a uri" })).toBe(false);
    expect(compile({ type: "string", format: "phone-number" })("+15551234567")).toBe(true);
    const doc = { a: { format: "uri-map" }, b: [{ format: "phone-number" }, { format: "uri-map" }, { format: "uri" }] };
    expect(annotationFormats(doc)).toEqual(["phone-number", "uri-map"]);
  });
});

describe("x-* extensions", () => {
  it("are ignored anywhere in a schema, while a property named like a keyword is kept", () => {
    const schema = inlineRefs(
      {
        type: "object",
        "x-twilio": { pii: { handling: "standard" } },
        properties: {
          description: { type: "string", maxLength: 2, "x-twilio": {} },
          "x-custom": { type: "integer" },
        },
      },
      (n: unknown) => n,
    );
    expect(schema).toEqual({
      type: "object",
      properties: { description: { type: "string", maxLength: 2 }, "x-custom": { type: "integer" } },
    });
    expect(createAjv().compile(schema)({ description: "abc" })).toBe(false);
  });
});

describe("TypeScript names from names of any spelling", () => {
  it.each([
    ["ServiceConversationParticipant", "ServiceConversationParticipant", "serviceConversationParticipant"],
    ["conversations.v1.configuration", "ConversationsV1Configuration", "conversationsV1Configuration"],
    ["configuration_address_enum_type", "ConfigurationAddressEnumType", "configurationAddressEnumType"],
    ["list-users", "ListUsers", "listUsers"],
    ["3ds check", "_3dsCheck", "_3dsCheck"],
  ])("%s → %s, %s", (name, type, method) => {
    expect(typeName(name)).toBe(type);
    expect(camelName(name)).toBe(method);
  });

  it("refuses two operationIds that would share a method name, naming both", () => {
    const op = (operationId: string) => ({ operationId, responses: { "204": { description: "ok" } } });
    const doc = { paths: { "/a": { delete: op("delete-user") }, "/b": { delete: op("DeleteUser") } } };
    expect(() => operationEntries(doc, (n: unknown) => n)).toThrow(
      '"delete-user" and "DeleteUser" would both be named deleteUser',
    );
  });
});
