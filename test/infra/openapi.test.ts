import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdas } from '../../infra/catalogue.js';
import { buildOpenApiDocument } from '../../functions/schemas/openapi.js';
import { synthesise } from './synth.js';

type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  parameters?: { name: string; in: string }[];
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation of the document, as `METHOD /path`. */
function operationsOf(doc: ReturnType<typeof buildOpenApiDocument>): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) if (METHODS.includes(method)) ops.set(`${method.toUpperCase()} ${path}`, op as Operation);
  }
  return ops;
}

let template: Template;
const doc = buildOpenApiDocument();
const ops = operationsOf(doc);

beforeAll(() => {
  ({ template } = synthesise());
});

const deployedRouteKeys = () =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);

describe('/api/openapi.json describes every deployed route', () => {
  it('has one operation for each API Gateway route of the synthesised stack, and none that is not deployed', () => {
    const deployed = deployedRouteKeys();
    expect(deployed.length).toBeGreaterThan(30);
    const missing = deployed.filter((key) => !ops.has(key));
    expect(missing, 'deployed routes missing from the OpenAPI document').toEqual([]);
    expect([...ops.keys()].filter((key) => !deployed.includes(key)), 'documented routes that are not deployed').toEqual([]);
  });

  it('has one operation for each route the local server serves (the catalogue)', () => {
    const served = lambdas.flatMap((l) => (l.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect([...ops.keys()].sort()).toEqual([...served].sort());
  });

  it('gives every route a success response with a schema (204 has no body), and every route that takes a body its request schema', () => {
    const components = doc.components.schemas as Record<string, unknown>;
    const resolves = (schema: { $ref?: string } | undefined) =>
      schema !== undefined && (schema.$ref === undefined || components[schema.$ref.replace('#/components/schemas/', '')] !== undefined);
    for (const key of deployedRouteKeys()) {
      const op = ops.get(key)!;
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(successes.length, `${key}: no success response`).toBeGreaterThan(0);
      for (const [status, response] of successes) {
        if (status === '204') {
          expect(response.content, `${key} 204`).toBeUndefined();
          continue;
        }
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        expect(schemas.length, `${key} ${status}: no response schema`).toBeGreaterThan(0);
        for (const s of schemas) expect(resolves(s), `${key} ${status}: schema does not resolve`).toBe(true);
      }
      if (op.requestBody) {
        expect(resolves(op.requestBody.content['application/json']?.schema), `${key}: request schema`).toBe(true);
      }
      for (const name of [...key.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
        expect(op.parameters?.some((p) => p.in === 'path' && p.name === name), `${key}: path parameter ${name}`).toBe(true);
      }
    }
  });

  it('documents a request body for every write that reads one', () => {
    // Every write but these reads a body: starting the review, signing out, resetting a sign-in, confirming or downloading an attached file, submitting or accepting a contribution.
    const bodiless = [
      'POST /api/cases/{reference}/review/start',
      'POST /api/session/sign-out',
      'POST /api/users/{userId}/reset-sign-in',
      'POST /api/cases/{reference}/files/{ownerKind}/{ownerId}/{fileId}/confirm',
      'POST /api/cases/{reference}/files/{ownerKind}/{ownerId}/{fileId}/download',
      // A contribution is submitted, or its findings accepted, with nothing more to say.
      'POST /api/cases/{reference}/contributions/{contributionId}/submit',
      'POST /api/cases/{reference}/contributions/{contributionId}/accept',
      // A chronology row is deleted by its address alone.
      'DELETE /api/cases/{reference}/contributions/{contributionId}/imr/chronology/{rowId}',
      // Ungrouping integrated-chronology rows: the group is in the path.
      'POST /api/cases/{reference}/overview/chronology/groups/{groupId}/ungroup',
      // Downloading a stored export of the overview report.
      'POST /api/cases/{reference}/report/exports/{exportId}/download',
    ];
    for (const [key, op] of ops) {
      if (key.startsWith('GET ') || bodiless.includes(key)) continue;
      expect(op.requestBody, `${key}: request body`).toBeDefined();
    }
  });

  it('names each operation uniquely and states who may call it', () => {
    const ids = [...ops.values()].map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, op] of ops) expect((op as { 'x-who-may'?: string })['x-who-may'], key).toMatch(/\w/);
  });
});
