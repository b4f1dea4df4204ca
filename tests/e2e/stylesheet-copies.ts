/**
 * How many times a page's HTML carries its inlined stylesheet: the `<style>` the browser paints
 * with, plus every copy in the RSC payload (which is escaped, so it is found by a plain prefix).
 */
export function stylesheetCopies(html: string): number {
  const style = /<style[^>]*>([^<]{40})/.exec(html)?.[1];
  if (!style) throw new Error("the page has no inlined stylesheet");
  const marker = style.replace(/["\\].*$/s, "");
  if (marker.length < 20) throw new Error(`no plain marker at the stylesheet's start: ${style}`);
  return html.split(marker).length - 1;
}
