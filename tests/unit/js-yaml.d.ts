// js-yaml is installed with ESLint (a transitive dev dependency) and ships no types; the deploy
// file checks need only its `load`.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
