/**
 * jsdom does no layout, so every element is 0 pixels high and the virtualised product list
 * would render no rows. This gives the list's scroll container a fixed height (as the CSS
 * does in a browser) and returns a function that removes it again.
 */
export function giveProductListHeight(height = 360): () => void {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('product-scroller') ? height : 0;
    },
  });
  return () => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  };
}
