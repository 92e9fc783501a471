import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/bin/create-app.js';
import { lambdas, stateMachines } from '../../infra/catalogue.js';
import { aslPlaceholders } from '../../infra/constructs/workflow.js';

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

const dir = path.join(PROJECT_ROOT, 'state-machines');
const files = readdirSync(dir).filter((f) => f.endsWith('.asl.json'));
const placeholderValues = new Map(
  lambdas
    .filter((l) => l.aslPlaceholder)
    .map((l) => [l.aslPlaceholder!, `arn:aws:lambda:eu-west-2:123456789012:function:scr-${l.id}`]),
);

describe('state machine definitions', () => {
  it('every ASL file is a catalogue state machine', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => `state-machines/${f}`).sort()).toEqual(stateMachines.map((m) => m.file).sort());
  });

  it.each(files)('%s is valid ASL once its placeholders are filled', (file) => {
    // Prepare
    const raw = readFileSync(path.join(dir, file), 'utf8');
    const unknown = aslPlaceholders(raw).filter((p) => !placeholderValues.has(p));
    expect(unknown, 'placeholders no catalogue Lambda provides').toEqual([]);

    // Act
    const filled = raw.replace(/\$\{(\w+)\}/g, (_m, name: string) => placeholderValues.get(name)!);
    const result = aslValidator(JSON.parse(filled), { checkPaths: true, checkArn: true });

    // Assess
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
});
