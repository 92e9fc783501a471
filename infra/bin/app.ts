#!/usr/bin/env node
import { createApp } from './create-app.js';

// Synthesised by the CDK CLI (cdk.json: npx tsx infra/bin/app.ts).
const { app } = createApp();
app.synth();
