import { handler as real } from '../../../../functions/handlers/workflow-check-deadlines.js';
import { faulty } from './faults.js';

export const handler = faulty(real as (event: unknown, context: import('aws-lambda').Context) => Promise<unknown>, 'workflow');
