import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ParkedEmailAlarm, PARKED_EMAILS_MESSAGE } from '../../infra/constructs/parked-email-alarm.js';

describe('the parked-email alarm', () => {
  it('counts the "Emails parked" log line of each sender and alarms on any in five minutes', () => {
    const stack = new Stack(new App(), 'Test');
    const groups = [new logs.LogGroup(stack, 'A'), new logs.LogGroup(stack, 'B')];
    new ParkedEmailAlarm(stack, 'Parked', { logGroups: groups, alarmAction: new cwActions.SnsAction(new sns.Topic(stack, 'T')) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Logs::MetricFilter', 2);
    t.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.message = "${PARKED_EMAILS_MESSAGE}" }`,
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'SeriousCaseReview', MetricName: 'ParkedEmails', MetricValue: '$.parked', DefaultValue: 0 })],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'SeriousCaseReview',
      MetricName: 'ParkedEmails',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: Match.anyValue(),
    });
  });

  it('matches the line the handlers write', async () => {
    const handlers = await import('node:fs/promises').then((fs) =>
      Promise.all(['workflow-notify', 'workflow-check-deadlines', 'case-stream'].map((h) => fs.readFile(`functions/handlers/${h}.ts`, 'utf8'))),
    );
    for (const source of handlers) expect(source).toContain(`logger.error('${PARKED_EMAILS_MESSAGE}', {`);
  });
});
