/**
 * A feature's method map whose schemas are built when a method is first called, not when the
 * contract loads (issue 14: building every zod schema cost the CLI about 0.1 s before any work).
 * Each key is a getter that runs its builder once and keeps the schema; the type is the same as
 * the plain `{ … } as const` map it replaces, so `z.infer`, `Input<M>` and `Output<M>` do not
 * change. Written by scripts/lazyContractCodemod.js; a plain map still works beside it.
 */
export function lazyMethods<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const out = {};
  for (const key of Object.keys(builders)) {
    let built: unknown;
    let done = false;
    Object.defineProperty(out, key, {
      enumerable: true,
      get() {
        if (!done) {
          built = builders[key]();
          done = true;
        }
        return built;
      },
    });
  }
  return out as { readonly [K in keyof T]: ReturnType<T[K]> };
}

type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The features' maps as one, their getters kept (a spread would build every schema); a name in two maps throws. */
export function joinMethods<T extends object[]>(...maps: T): Intersect<T[number]> {
  const out = {};
  for (const map of maps) {
    for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(map))) {
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new Error(`The contract defines ${key} twice.`);
      Object.defineProperty(out, key, desc);
    }
  }
  return out as Intersect<T[number]>;
}
