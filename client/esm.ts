// Some packages are ES modules only (openid-client, puppeteer-core). TypeScript compiles import()
// to require() for CommonJS, which jest cannot use on them; a Function's import() stays a real
// dynamic import, which Node and jest (under --experimental-vm-modules) both serve.
export const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
