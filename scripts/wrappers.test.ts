/**
 * @omni-checkout/react and @omni-checkout/vue are generated from the Custom Elements Manifest
 * (scripts/generate-wrappers.mjs): every element gets a React component and a Vue GlobalComponents
 * entry, every `omni-*` event a typed handler. Strict TypeScript fixtures, compiled against the
 * built packages (dist, `types` condition), prove the types a merchant gets: `onOmniComplete`
 * receives an `OmniCompleteEvent` (`event.orderId` is a string), refs are the element, and a wrong
 * handler or prop type is an error. An element with a painted first render (`<omni-checkout>`) is
 * loaded through it (`checkout/first`) by both wrappers, and the React component renders on a server
 * (no DOM) as the bare tag. The React component in a browser, painted before the element is defined:
 * scripts/wrappers.browser.test.ts. Paying through the wrappers: e2e/tests/frameworks.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, handlerName, type WrappedElement } from './generate-wrappers.mjs';
import { KB, measure, upFrontCode } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtureDir = (pkg: 'react' | 'vue') => join(root, 'packages', pkg, 'test-fixtures');
let elements: WrappedElement[] = [];

beforeAll(() => {
  elements = generate();
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/react', 'packages/vue'], { cwd: root, stdio: 'inherit' });
  for (const pkg of ['react', 'vue'] as const) {
    rmSync(fixtureDir(pkg), { recursive: true, force: true });
    mkdirSync(fixtureDir(pkg), { recursive: true });
  }
}, 240_000);

/** Compiles one fixture (strict, bundler resolution, React's JSX); returns tsc's output ('' when it compiles). */
function compile(name: string, source: string): string {
  const pkg = name.startsWith('vue') ? 'vue' : 'react';
  const file = join(fixtureDir(pkg), name);
  writeFileSync(file, source);
  try {
    execFileSync(
      join(root, 'node_modules/.bin/tsc'),
      ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--jsx', 'react-jsx', '--lib', 'es2023,dom,dom.iterable', '--skipLibCheck', file],
      // Inside the wrapper's package, where its framework (react and @types/react, or vue) is installed.
      { cwd: join(root, 'packages', pkg), encoding: 'utf8', stdio: 'pipe' },
    );
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

describe('generated from the manifest', () => {
  it('has a React component per element, with a handler per omni-* event', () => {
    expect(elements.length).toBeGreaterThanOrEqual(6);
    const index = readFileSync(join(root, 'packages/react/src/index.ts'), 'utf8');
    for (const element of elements) {
      expect(index).toContain(`export { ${element.className}, `);
      const file = readFileSync(join(root, `packages/react/src/${element.file}.ts`), 'utf8');
      expect(file).toContain(`tagName: '${element.tag}'`);
      for (const event of element.events) expect(file).toContain(`${handlerName(event.name)}: '${event.name}' as EventName<${event.type}>`);
    }
    const checkout = elements.find((e) => e.tag === 'omni-checkout')!;
    expect(checkout.events.map((e) => e.name)).toEqual(expect.arrayContaining(['omni-complete', 'omni-error', 'omni-ready', 'omni-load-error']));
  });

  it('<omni-checkout> has a painted first render (checkout/first), the other elements none', () => {
    expect(elements.filter((e) => e.first).map((e) => [e.tag, e.entry, e.first])).toEqual([
      ['omni-checkout', '@omni-checkout/elements/checkout/define', '@omni-checkout/elements/checkout/first'],
    ]);
  });

  it('React: a painted element\'s component loads its first render, not its class; a stand-in with its properties is the elementClass', () => {
    const index = readFileSync(join(root, 'packages/react/src/index.ts'), 'utf8');
    for (const element of elements) {
      const file = readFileSync(join(root, `packages/react/src/${element.file}.ts`), 'utf8');
      const name = element.className;
      if (!element.first) {
        expect(file).toContain(`import { ${name} as ${name}Element } from '${element.entry}';`);
        expect(file).toContain(`elementClass: ${name}Element,`);
        expect(index).toContain(`export { ${name}, ${name}Element, type ${name}Props }`);
        continue;
      }
      // The painter for its side effect; the class for its type only (nothing of checkout/define is imported).
      expect(file).toContain(`\nimport '${element.first}';\n`);
      expect(file).toContain(`import type { ${name} as ${name}Element } from '${element.first}';`);
      expect(file).not.toMatch(new RegExp(`from '${element.entry}'|import\\('${element.entry}'\\)`));
      expect(file).not.toMatch(/^import \{[^}]*\} from '@omni-checkout\/elements/m);
      // The stand-in: the element's public properties on the prototype of an HTMLElement (a plain class on the server).
      expect(element.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['publishableKey', 'apiBase', 'clientSecret', 'fetch', 'identity']));
      expect(file).toContain(`for (const name of [${element.properties.map((p) => `'${p.name}'`).join(', ')}]) Object.defineProperty(standIn.prototype, name, { value: undefined });`);
      expect(file).toContain("(typeof HTMLElement === 'undefined' ? Object : HTMLElement)");
      expect(file).toContain(`return standIn as unknown as typeof ${name}Element;`);
      expect(file).toContain(`elementClass: ${name}Properties,`);
      // The element's type, not its class.
      expect(file).toContain(`export type { ${name}Element };`);
      expect(index).toContain(`export { ${name}, type ${name}Element, type ${name}Props }`);
    }
  });

  it('has a Vue GlobalComponents entry per element; the loader of a painted element imports its first render and waits for the definition', () => {
    const vue = readFileSync(join(root, 'packages/vue/src/index.ts'), 'utf8');
    for (const element of elements) {
      expect(vue).toContain(`'${element.tag}': DefineComponent<${element.className}VueProps>;`);
      if (element.first) {
        expect(vue).toContain(`'${element.tag}': () => import('${element.first}').then(() => customElements.whenDefined('${element.tag}')),`);
        expect(vue).not.toContain(`import('${element.entry}')`);
      } else {
        expect(vue).toContain(`'${element.tag}': () => import('${element.entry}'),`);
      }
    }
  });
});

describe('what a React page loads before the painted button (scripts/size.mjs: esbuild, minified, gzip per file)', () => {
  it('<OmniCheckout>: the component, @lit/react and checkout/first, no Lit, within the 10 KB returning-shopper budget (React external)', async () => {
    const entry = { entry: 'packages/react/src/checkout.ts', external: ['react', 'react/*', 'react-dom', 'react-dom/*'] };
    const { gzip } = await measure(entry);
    // 7.90 KB when written (checkout/first alone: 7.00 KB); 16.99 KB when the component imported checkout/define.
    expect(gzip).toBeLessThanOrEqual(10 * KB);
    const code = await upFrontCode(entry);
    expect(code).not.toContain('litHtmlVersions');
    expect(code).not.toContain('reactiveElementVersions');
  });
});

describe('server rendering (Node, no DOM: what Next.js does with a client component)', () => {
  /** Renders `<OmniCheckout>` with react-dom/server in a Node process of its own, from the built package; answers what it printed. */
  const render = (module: string) =>
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
const { OmniCheckout } = await import(${JSON.stringify(pathToFileURL(join(root, 'packages/react/dist', module)).href)});
const html = renderToString(createElement(OmniCheckout, { publishableKey: 'pk_test_x', apiBase: 'https://api.example', clientSecret: 'cs_1_secret_x', identity: true, onOmniComplete() {} }));
console.log(JSON.stringify({ html, customElements: typeof customElements, document: typeof document }));`,
      ],
      // From the root, where react and react-dom are installed.
      { cwd: root, encoding: 'utf8' },
    );

  it('React: <OmniCheckout> (the painted first render) renders as the bare tag; nothing painted or loaded on the server; the props are properties, never attributes', () => {
    expect(JSON.parse(render('checkout.js'))).toEqual({ html: '<omni-checkout></omni-checkout>', customElements: 'undefined', document: 'undefined' });
  });

  it('React: every component from the package index (the others load their classes, Lit with its DOM shim)', () => {
    expect(JSON.parse(render('index.js')).html).toBe('<omni-checkout></omni-checkout>');
  });
});

// Each test runs the TypeScript compiler over the wrappers: 5–10 s alone, over 20 s on a busy machine (as merchant-types.test.ts).
describe('types a merchant gets', { timeout: 90_000 }, () => {
  it('React: typed props, onOmniComplete with the order id, refs to the element, for every element', () => {
    const lines = [
      "import { useRef } from 'react';",
      "import * as Omni from '@omni-checkout/react';",
      'export function Shop() {',
      '  const ref = useRef<Omni.OmniCheckoutElement>(null);',
      '  const secret: string | undefined = ref.current?.clientSecret;',
      '  void secret;',
      '  const orderId: string[] = [];',
      '  return (<>',
      '    <Omni.OmniCheckout ref={ref} publishableKey="pk_test_x" apiBase="https://api.example" clientSecret="cs_1_secret_x"',
      '      onOmniComplete={(event) => { orderId.push(event.orderId); void event.session.id; }}',
      '      onOmniError={(event) => { const code: string = event.code; void code; }} />',
      ...elements.map((e) => `    <Omni.${e.className} ${e.events.map((ev) => `${handlerName(ev.name)}={(event) => { const t: '${ev.name}' = event.type as '${ev.name}'; void t; }}`).join(' ')} />`),
      '  </>);',
      '}',
      '',
    ];
    expect(compile('react-ok.tsx', lines.join('\n'))).toBe('');
  });

  it('React: a wrong handler or prop type is an error', () => {
    const output = compile(
      'react-wrong.tsx',
      "import { OmniCheckout } from '@omni-checkout/react/checkout';\nexport const a = <OmniCheckout onOmniComplete={(event) => { const n: number = event.orderId; void n; }} />;\nexport const b = <OmniCheckout publishableKey={42} />;\n",
    );
    expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(output).toMatch(/Type 'number' is not assignable to type 'string/);
  });

  it('Vue: GlobalComponents types the props and @omni-* handlers of every element', () => {
    const lines = [
      "import type { GlobalComponents } from 'vue';",
      "import '../src/index.js';",
      "type Props<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$props'];",
      "export const checkout: Props<'omni-checkout'> = { publishableKey: 'pk_test_x', onOmniComplete: (event) => { const id: string = event.orderId; void id; } };",
      ...elements.map((e) => `export const ${e.className.toLowerCase()}: Props<'${e.tag}'> = {};`),
      "// @ts-expect-error: orderId is a string",
      "export const wrong: Props<'omni-checkout'> = { onOmniComplete: (event) => { const n: number = event.orderId; void n; } };",
      '',
    ];
    expect(compile('vue-ok.ts', lines.join('\n'))).toBe('');
  });
});
