import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  untilHealthy,
  workspaceRoot,
} from '@tradeflow/testing';
import { type Browser, chromium } from 'playwright-core';
import { type ApiDocument, fetchDocument, follow } from './spec-helpers';

// GET /docs-json and GET /docs of the built ingest (as `npx nx run-many -t build` leaves it): the
// OpenAPI document's routes, answers, header and trade schema; Swagger UI's page and its files,
// all served by ingest itself; and the page in Debian's Chromium, driven by playwright-core,
// under the app's Content-Security-Policy as loosened for /docs alone.
// documented-answers.spec.ts checks the real answers against the document.

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROUTES = ['/transactions', '/transactions/batch'];
const ANSWERS = ['202', '400', '409', '413', '415', '429', '503'];
const BATCH_MAX_ITEMS = 500;

let server: NatsServerHandle;
let ingest: AppProcess;
let document: ApiDocument;

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', { NATS_URL: server.url, BATCH_MAX_ITEMS: String(BATCH_MAX_ITEMS) });
  await untilHealthy(ingest.url, { timeoutMs: 20_000, alive: ingest.running, context: ingest.output });
  document = await fetchDocument(ingest.url);
});

afterAll(async () => {
  await ingest?.stop();
  await server?.dispose();
});

const operation = (path: string) => document.paths[path].post;

describe('GET /docs-json', () => {
  it('is the OpenAPI 3.1 document of POST /transactions and POST /transactions/batch', async () => {
    const response = await fetch(`${ingest.url}/docs-json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(ROUTES);
    for (const path of ROUTES) expect(Object.keys(document.paths[path])).toEqual(['post']);
  });

  test.each(ROUTES)('documents every answer of POST %s, each with a JSON body', (path) => {
    const responses = operation(path).responses;
    expect(Object.keys(responses)).toEqual(ANSWERS);
    for (const status of ANSWERS) {
      expect(follow(document, responses[status]).content['application/json'].schema).toBeDefined();
    }
  });

  test.each(ROUTES)('documents Retry-After on the 429 and the 503 of POST %s', (path) => {
    const responses = operation(path).responses;
    for (const status of ['429', '503']) {
      const header = follow(document, follow(document, responses[status]).headers['Retry-After']);
      expect(header.schema).toEqual({ type: 'integer', minimum: 1 });
    }
  });

  test.each(ROUTES)("documents the 400's errors, each a field and why, on POST %s", (path) => {
    const { schemas } = document.components;
    expect(schemas.Error.properties.errors.items).toEqual({ $ref: '#/components/schemas/FieldError' });
    expect(schemas.FieldError.required).toEqual(['field', 'message']);
    expect(JSON.stringify(follow(document, operation(path).responses['400']))).toContain('#/components/schemas/Error');
  });

  test.each(ROUTES)('documents the Idempotency-Key header of POST %s', (path) => {
    const [parameter] = operation(path).parameters.map((parameter: ApiDocument) => follow(document, parameter));
    expect(parameter).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    const pattern = new RegExp(parameter.schema.pattern, 'u');
    expect(['order-1', '~'.repeat(255)].map((key) => pattern.test(key))).toEqual([true, true]);
    expect(['a b', '', 'ü', 'x'.repeat(256)].map((key) => pattern.test(key))).toEqual([false, false, false, false]);
  });

  it("takes the trade's schema from validation, as libs/contract/trade.schema.json has it", () => {
    const file = JSON.parse(readFileSync(resolve(workspaceRoot(), 'libs/contract/trade.schema.json'), 'utf8'));
    const { $schema: _dialect, ...trade } = file;
    expect(document.components.schemas.Trade).toEqual(trade);
  });

  it('asks POST /transactions for a trade, with the example trade', () => {
    expect(operation('/transactions').requestBody.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/Trade' },
      example: EXAMPLE_TRADE,
    });
  });

  it("asks POST /transactions/batch for 1 to BATCH_MAX_ITEMS trades, this instance's number", () => {
    const { schema, example } = operation('/transactions/batch').requestBody.content['application/json'];
    expect(schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Trade' },
      minItems: 1,
      maxItems: BATCH_MAX_ITEMS,
    });
    expect(example[0]).toEqual(EXAMPLE_TRADE);
  });
});

/** The files a page names in its src and href attributes. */
const namedFiles = (html: string) => [...html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map(([, url]) => url);

const CONTENT_TYPES: Record<string, RegExp> = {
  js: /^application\/javascript/,
  css: /^text\/css/,
  png: /^image\/png$/,
};

describe('GET /docs', () => {
  it("serves Swagger UI's page, whose files are all ingest's own, each with its content type", async () => {
    const page = await fetch(`${ingest.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const files = namedFiles(await page.text());
    expect(files).toEqual(expect.arrayContaining(['./docs/swagger-ui-bundle.js', './docs/swagger-ui-init.js']));
    for (const file of files) {
      expect(file).toMatch(/^\.\/docs\/[\w.-]+$/);
      const asset = await fetch(new URL(file, `${ingest.url}/docs`));
      expect([file, asset.status]).toEqual([file, 200]);
      expect(asset.headers.get('content-type')).toMatch(CONTENT_TYPES[file.split('.').pop()!]);
    }
  });

  it('gives /docs alone inline styles and data: images, no more script than every answer', async () => {
    const policy = async (path: string) =>
      (await fetch(`${ingest.url}${path}`)).headers.get('content-security-policy') ?? '';
    const docs = await policy('/docs');
    expect(docs).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs).toContain("img-src 'self' data:");
    expect(docs).toContain("script-src 'self';");
    for (const path of ['/docs-json', '/health']) {
      expect(await policy(path)).toBe(docs.replace(" 'unsafe-inline'", '').replace(' data:', ''));
    }
  });
});

describe('Swagger UI in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows both routes and their answers, breaks no rule of its policy and asks only ingest', async () => {
    const context = await browser.newContext();
    const elsewhere: string[] = [];
    const errors: string[] = [];
    const violations: string[] = [];
    await context.exposeBinding('reportViolation', (_source, violation: string) => violations.push(violation));
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportViolation(event.violatedDirective + ' refused ' + (event.blockedURI || 'inline')));`,
    });
    const page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(`${ingest.url}/`)) elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    expect((await page.goto(`${ingest.url}/docs`))?.status()).toBe(200);
    const paths = page.locator('.opblock-summary-path');
    await paths.first().waitFor();
    expect(await paths.allTextContents()).toEqual(ROUTES);
    await paths.first().click();
    await page.locator('.responses-table').first().waitFor();
    const statuses = await page.locator('.responses-table tr.response .response-col_status').allTextContents();
    expect(statuses.map((status) => status.trim())).toEqual(ANSWERS);

    expect({ violations, elsewhere, errors }).toEqual({ violations: [], elsewhere: [], errors: [] });
    await context.close();
  });
});
