/** 3.1: the case duty's id (functions/domain/other-children.ts) and the page that records it. No React: the case page and its form share it. */
export const OTHER_CHILDREN_TASK_ID = 'other-children';
export const otherChildrenPath = (reference: string) => `/cases/${encodeURIComponent(reference)}/other-children`;

/** The case view names the caller's role by its label ("Business manager"); older answers used its value. */
export const isBusinessManager = (myRole: string, businessManagerLabel: string): boolean => myRole === 'business-manager' || myRole === businessManagerLabel;
