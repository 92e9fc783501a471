import { useState, type FormEvent } from 'react';
import type { FieldError } from '../../../functions/schemas/errors.js';
import type { ReferralSection } from '../../../functions/schemas/referral.js';
import { isVerifiedReferrer } from '../auth/email-verification.js';
import { CONFIRM_EMAIL_PATH } from '../auth/paths.js';
import { isAllowedReferrerEmail, publicConfigNow } from '../auth/public-config.js';
import { updateSection, useDraft } from '../draft/draft-store.js';
import { isChangeMode, navigate, useLocation } from '../router.js';
import type { Answers } from './answers.js';
import { CHECK_ANSWERS_PATH, SECTION_ORDER, SECTION_PATHS, sectionOf, validateSection } from './sections.js';
import { londonToday } from './today.js';

/** History state when check your answers sends someone back to fix a page. */
export interface FixState {
  errors: FieldError[];
}

function errorsFromHistory(state: unknown, section: ReferralSection): FieldError[] {
  const errors = (state as Partial<FixState> | null)?.errors;
  return Array.isArray(errors) ? errors.filter((e: FieldError) => sectionOf(e.name) === section) : [];
}

/**
 * The behaviour every question page shares: its answers from the draft,
 * validation with the section's schema on Continue, and where Back and
 * Continue go (to check your answers when changing an answer from there).
 */
export function useQuestionPage<S extends ReferralSection>(section: S) {
  const location = useLocation();
  const { answers } = useDraft();
  // Errors handed over by check your answers (including the server's) show straight away.
  const [errors, setErrors] = useState<FieldError[]>(() => errorsFromHistory(location.state, section));
  const [focusKey, setFocusKey] = useState(0);

  const change = isChangeMode(location);
  const index = SECTION_ORDER.indexOf(section);
  const previous = SECTION_ORDER[index - 1];
  const following = SECTION_ORDER[index + 1];
  const backTo = change ? CHECK_ANSWERS_PATH : previous ? SECTION_PATHS[previous] : '/';
  const nextPath = change || !following ? CHECK_ANSWERS_PATH : SECTION_PATHS[following];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateSection(section, answers, londonToday());
    const errors = result.ok ? referrerDomainErrors(section, answers) : result.errors;
    if (errors.length) {
      setErrors(errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setErrors([]);
    navigate(section === 'referrer' ? afterYourDetails(answers.referrer.email, change, nextPath) : nextPath);
  };

  const errorFor = (field: string): string | undefined => errors.find((e) => e.name === `${section}.${field}`)?.text;
  const update = (patch: Partial<Answers[S]>) => updateSection(section, patch);

  return { answers: answers[section], errors, focusKey, onSubmit, errorFor, update, backTo };
}

/**
 * The Board accepts referrals only from partner agencies' email domains.
 * The referrer pool checks this at sign-up; checking here says so before a
 * code is sent. If the config has not arrived, sign-up still checks.
 */
function referrerDomainErrors(section: ReferralSection, answers: Answers): FieldError[] {
  if (section !== 'referrer') return [];
  const config = publicConfigNow();
  if (!config || isAllowedReferrerEmail(answers.referrer.email, config.allowedReferrerDomains)) return [];
  return [
    {
      name: 'referrer.email',
      href: '#referrer-email',
      text: 'Enter a work email address from a partner agency, like name@nhs.net',
    },
  ];
}

/** After Your details: confirm the email unless this tab has already confirmed that address. */
function afterYourDetails(email: string, change: boolean, nextPath: string): string {
  if (isVerifiedReferrer(email)) return nextPath;
  return `${CONFIRM_EMAIL_PATH}${change ? '?change=true' : ''}`;
}
