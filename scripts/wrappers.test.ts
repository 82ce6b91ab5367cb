/**
 * @omni-checkout/react and @omni-checkout/vue are generated from the Custom Elements Manifest
 * (scripts/generate-wrappers.mjs): every element gets a React component and a Vue GlobalComponents
 * entry, every `omni-*` event a typed handler. Strict TypeScript fixtures, compiled against the
 * built packages (dist, `types` condition), prove the types a merchant gets: `onOmniComplete`
 * receives an `OmniCompleteEvent` (`event.orderId` is a string), refs are the element, and a wrong
 * handler or prop type is an error. Paying through the wrappers: e2e/tests/frameworks.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, handlerName, type WrappedElement } from './generate-wrappers.mjs';

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

  it('has a Vue GlobalComponents entry per element', () => {
    const vue = readFileSync(join(root, 'packages/vue/src/index.ts'), 'utf8');
    for (const element of elements) {
      expect(vue).toContain(`'${element.tag}': DefineComponent<${element.className}VueProps>;`);
      expect(vue).toContain(`'${element.tag}': () => import('${element.entry}'),`);
    }
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
