/** The element with this id; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * `count` rows of `tag`, each built by `build`, hidden until it has something to show and added to
 * `parent`: the fixed rows a list is drawn in, created once and then rewritten.
 */
export function hiddenRows<K extends keyof HTMLElementTagNameMap, R>(
  parent: HTMLElement,
  tag: K,
  count: number,
  build: (row: HTMLElementTagNameMap[K]) => R,
): R[] {
  return Array.from({ length: count }, () => {
    const row = element(tag);
    row.hidden = true;
    const built = build(row);
    parent.appendChild(row);
    return built;
  });
}

/** Sets text only when it differs: the DOM is not touched for figures that did not move. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Calls back with the element's content size now and whenever it changes. */
export function onResize(node: HTMLElement, callback: (width: number, height: number) => void): void {
  let last = '';
  const report = () => {
    const width = Math.floor(node.clientWidth);
    const height = Math.floor(node.clientHeight);
    const key = `${width}x${height}`;
    if (key === last || width === 0) return;
    last = key;
    callback(width, height);
  };
  new ResizeObserver(report).observe(node);
  report();
}
