import { useSyncExternalStore } from 'react';
import { emptyAnswers, mergeShape, type Answers, type SectionName } from '../form/answers.js';

/**
 * The referral in progress, kept in sessionStorage so it survives a reload
 * in the same tab and is gone when the tab closes. Never localStorage or
 * cookies: these are sensitive details about a child.
 *
 * The idempotency key is made once per draft and sent with every attempt
 * to submit it, so retrying after a network failure cannot create a second
 * referral. It is cleared with the answers after a successful submission.
 */
export interface Draft {
  idempotencyKey: string;
  answers: Answers;
}

const DRAFT_KEY = 'scr-referral:draft:v1';
const CONFIRMATION_KEY = 'scr-referral:confirmation:v1';

const listeners = new Set<() => void>();
let draft: Draft = load();

function newDraft(): Draft {
  return { idempotencyKey: crypto.randomUUID(), answers: emptyAnswers() };
}

function load(): Draft {
  try {
    const raw = window.sessionStorage.getItem(DRAFT_KEY);
    if (!raw) return newDraft();
    const parsed = JSON.parse(raw) as { idempotencyKey?: unknown; answers?: unknown };
    const key = typeof parsed.idempotencyKey === 'string' && /^[0-9a-f-]{36}$/i.test(parsed.idempotencyKey)
      ? parsed.idempotencyKey
      : crypto.randomUUID();
    return { idempotencyKey: key, answers: mergeShape(emptyAnswers(), parsed.answers) };
  } catch {
    // Storage blocked or the stored text is not JSON: start afresh in memory.
    return newDraft();
  }
}

function save(): void {
  try {
    window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage blocked or full: the draft still lives in memory for this page.
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current draft; re-renders when any answer changes. */
export function useDraft(): Draft {
  return useSyncExternalStore(subscribe, () => draft);
}

/** Replaces some answers of one section and saves the draft. */
export function updateSection<S extends SectionName>(section: S, patch: Partial<Answers[S]>): void {
  draft = { ...draft, answers: { ...draft.answers, [section]: { ...draft.answers[section], ...patch } } };
  save();
  emit();
}

/** Forgets the draft (after a successful submission); the next one gets a new key. */
export function clearDraft(): void {
  draft = newDraft();
  try {
    window.sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing stored to remove.
  }
  emit();
}

/** What the confirmation page shows: the reference only, no personal data. */
export interface Confirmation {
  reference: string;
  receivedAt: string;
}

export function saveConfirmation(confirmation: Confirmation): void {
  try {
    window.sessionStorage.setItem(CONFIRMATION_KEY, JSON.stringify(confirmation));
  } catch {
    // Shown from memory below when storage is blocked.
  }
  lastConfirmation = confirmation;
}

let lastConfirmation: Confirmation | null = null;

export function readConfirmation(): Confirmation | null {
  if (lastConfirmation) return lastConfirmation;
  try {
    const raw = window.sessionStorage.getItem(CONFIRMATION_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Confirmation>) : null;
    if (parsed && typeof parsed.reference === 'string' && typeof parsed.receivedAt === 'string') {
      lastConfirmation = { reference: parsed.reference, receivedAt: parsed.receivedAt };
    }
  } catch {
    // No confirmation to show.
  }
  return lastConfirmation;
}
