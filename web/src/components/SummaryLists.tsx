import type { SummarySection } from '../pages/referral/check-answers/summary.js';

/** Read-only GOV.UK summary lists, one per section, as check your answers shows them without Change links. */
export function SummaryLists({ sections, headingLevel = 3 }: { sections: readonly SummarySection[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {sections.map(({ section, heading, rows }) => (
        <div key={section}>
          <Heading className={headingLevel === 2 ? 'govuk-heading-m' : 'govuk-heading-s'}>{heading}</Heading>
          <dl className="govuk-summary-list govuk-!-margin-bottom-7">
            {rows.map((row) => (
              <div className="govuk-summary-list__row govuk-summary-list__row--no-actions" key={row.key}>
                <dt className="govuk-summary-list__key">{row.key}</dt>
                <dd className="govuk-summary-list__value">
                  {row.value.length === 0 ? (
                    <span className="govuk-hint govuk-!-margin-bottom-0">Not answered</span>
                  ) : row.value.length === 1 ? (
                    <p className="govuk-body govuk-!-margin-bottom-0">{row.value[0]}</p>
                  ) : (
                    row.value.map((text, i) => (
                      <p className="govuk-body govuk-!-margin-bottom-1" key={i}>
                        {text}
                      </p>
                    ))
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}
