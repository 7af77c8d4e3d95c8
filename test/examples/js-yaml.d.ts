// The part of js-yaml's API the examples' tests use (the package ships no types of its own, and @types/js-yaml is
// not installed).
declare module "js-yaml" {
  export function load(text: string, options?: { filename?: string; json?: boolean }): unknown;
}
