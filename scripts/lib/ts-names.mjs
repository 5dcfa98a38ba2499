// TypeScript names from names the spec spells any way it likes: a component called
// `conversations.v1.conversation.conversation_participant` or an operationId `list-users` becomes
// a valid, readable identifier, made from that name alone, so adding a schema never renames another.
// Names that are already PascalCase identifiers (`ServiceConversationParticipant`) stay as they are.

/** `conversations.v1.configuration` → `ConversationsV1Configuration`; `3ds_check` → `_3dsCheck`. */
export function typeName(name) {
  const words = String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (!words.length) throw new Error(`${JSON.stringify(name)} has no letter or digit to make a TypeScript name of`);
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^\d/.test(joined) ? `_${joined}` : joined;
}

/** `CreateConversation` → `createConversation`; `list-users` → `listUsers` (a method or property name). */
export function camelName(name) {
  const pascal = typeName(name);
  return pascal.startsWith("_") ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/**
 * `items.map(nameOf)`, refusing two items that would share a name: `what` says what they are.
 * @template T
 * @param {T[]} items
 * @param {(item: T) => string} source the name as the spec spells it
 * @param {(name: string) => string} nameOf
 */
export function distinctNames(items, source, nameOf, what) {
  const byName = new Map();
  return items.map((item) => {
    const name = nameOf(source(item));
    const other = byName.get(name);
    if (other !== undefined && other !== source(item))
      throw new Error(
        `${what} ${JSON.stringify(other)} and ${JSON.stringify(source(item))} would both be named ${name}`,
      );
    byName.set(name, source(item));
    return name;
  });
}
