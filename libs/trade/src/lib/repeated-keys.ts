// The keys that an object's JSON text gave more than once, of which JSON.parse keeps the last
// value and no trace: noted by parseJson, read by validateTrade, which refuses them. Weak, so an
// object's note goes with it.
const REPEATED_KEYS = new WeakMap<object, string[]>();

export function noteRepeatedKey(object: object, key: string): void {
  const keys = REPEATED_KEYS.get(object);
  if (!keys) REPEATED_KEYS.set(object, [key]);
  else if (!keys.includes(key)) keys.push(key);
}

/** The keys repeated in the JSON text the object was parsed from (by parseJson); none for any other object. */
export const repeatedKeysOf = (object: object): readonly string[] | undefined => REPEATED_KEYS.get(object);
