/**
 * A metric's child for each label value (or status), made on first use and then kept: prom-client's
 * labels() builds new objects at every call, which the path of every request should not. The
 * caller keeps the values a bounded set.
 */
export function childPer<K, C>(child: (key: K) => C): (key: K) => C {
  const children = new Map<K, C>();
  return (key) => {
    let found = children.get(key);
    if (found === undefined) {
      found = child(key);
      children.set(key, found);
    }
    return found;
  };
}
