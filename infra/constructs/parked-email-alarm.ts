import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The log line every sender writes when it parks emails (functions/domain/email/send-once.ts): `{"message":"Emails parked","parked":n}`. */
export const PARKED_EMAILS_MESSAGE = 'Emails parked';
export const PARKED_EMAILS_METRIC = { namespace: 'SeriousCaseReview', metricName: 'ParkedEmails' } as const;

export interface ParkedEmailAlarmProps {
  /** Log groups of the functions that send emails. */
  readonly logGroups: logs.ILogGroup[];
  readonly alarmAction: cloudwatchActions.SnsAction;
}

/**
 * An email that kept failing is parked for the business manager (a task on
 * the case and on "My tasks"); operators hear of it too: a metric filter on
 * each sender's log group counts parked emails, and any in five minutes
 * raises the alarm.
 */
export class ParkedEmailAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ParkedEmailAlarmProps) {
    super(scope, id);
    props.logGroups.forEach((logGroup, i) => {
      new logs.MetricFilter(this, `Filter${i}`, {
        logGroup,
        filterPattern: logs.FilterPattern.stringValue('$.message', '=', PARKED_EMAILS_MESSAGE),
        metricNamespace: PARKED_EMAILS_METRIC.namespace,
        metricName: PARKED_EMAILS_METRIC.metricName,
        metricValue: '$.parked',
        defaultValue: 0,
      });
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: 'Emails the procedure requires could not be sent after repeated attempts and were parked: the business manager has a task on each case.',
      metric: new cloudwatch.Metric({ ...PARKED_EMAILS_METRIC, statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(props.alarmAction);
  }
}
