import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/bin/create-app.js';
import { synthesise, SYNTH_TIMEOUT_MS } from './synth.js';

type ExampleConfig = { board: { emailFrom: string } } & Record<string, unknown>;

function writeBoardConfig(mutate: (config: ExampleConfig) => void): string {
  const config = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'infra/config/board.example.json'), 'utf8')) as ExampleConfig;
  mutate(config);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'scr-board-')), 'board.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('Board configuration at synth', () => {
  it('a bad value stops synth and names the field', () => {
    const file = writeBoardConfig((c) => {
      c.board.emailFrom = 'not-an-email';
    });

    expect(() => synthesise({ boardConfig: file })).toThrow(/board\.emailFrom: must be an email address/);
  });

  it('an unknown field stops synth', () => {
    const file = writeBoardConfig((c) => {
      c.boardChiar = c.boardChair;
    });

    expect(() => synthesise({ boardConfig: file })).toThrow(/boardChiar/);
  });

  it('a missing file stops synth and names it', () => {
    expect(() => synthesise({ boardConfig: '/nonexistent/board.json' })).toThrow(/\/nonexistent\/board\.json/);
  });

  it('a configuration too big for the Lambda environment stops synth and says so', () => {
    const file = writeBoardConfig((c) => {
      c.subCommitteeMembers = Array.from({ length: 50 }, (_, i) => ({
        name: `Sub-committee member number ${i + 1}`,
        email: `scr-subcommittee-member-${i + 1}@example.org`,
      }));
    });

    expect(() => synthesise({ boardConfig: file })).toThrow(/over Lambda's 4096-byte limit \(largest: BOARD_CONFIG\)/);
  }, SYNTH_TIMEOUT_MS);

  it('the email identity follows the configured sender domain', () => {
    const file = writeBoardConfig((c) => {
      c.board.emailFrom = 'scr@lscb.example.gov.uk';
    });

    const { identity } = synthesise({ boardConfig: file });

    Template.fromStack(identity).hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'lscb.example.gov.uk' });
  }, SYNTH_TIMEOUT_MS);
});
