import { handler as real } from '../../../../functions/handlers/case-stream.js';
import { faulty } from './faults.js';

export const handler = faulty(real as (event: import('aws-lambda').DynamoDBStreamEvent, context: import('aws-lambda').Context) => Promise<unknown>, 'stream');
