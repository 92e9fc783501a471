/**
 * Takes an IMR from being asked for to its findings accepted, through the
 * real contributions API, for tests that need accepted contributions (the
 * overview report's integrated chronology): the business manager asks, the
 * senior officer names the author, who declares independence, answers the
 * analysis, adds the chronology rows and submits; the senior officer accepts.
 * Each step must succeed, or the test fails there.
 */
export type ApiCall = (as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

export interface ImrRow {
  date: string;
  time?: string;
  role: string;
  whatHappened: string;
  childSeen?: 'yes' | 'no' | 'not-recorded';
  wishesSought?: 'yes' | 'no' | 'not-recorded';
  wishesExpressed?: 'yes' | 'no' | 'not-recorded';
}

export async function contributionWithRows(
  api: ApiCall,
  who: { businessManager: string; seniorOfficer: string; author: string },
  reference: string,
  organisation: string,
  rows: readonly ImrRow[],
  { accept = true }: { accept?: boolean } = {},
): Promise<string> {
  const base = `/cases/${reference}/contributions`;
  const step = async (as: string, method: 'POST' | 'PUT', path: string, body?: unknown) => {
    const res = await api(as, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const asked = await step(who.businessManager, 'POST', base, { kind: 'imr', organisation, seniorOfficerName: `${organisation} senior officer`, seniorOfficerEmail: who.seniorOfficer });
  const id = asked.id as string;
  await step(who.seniorOfficer, 'POST', `${base}/${id}/author`, { authorName: `${organisation} author`, authorJobTitle: 'Reviewer', authorEmail: who.author });
  await step(who.author, 'POST', `${base}/${id}/independence`, { notDirectlyConcerned: true, notLineManager: true });
  await step(who.author, 'PUT', `${base}/${id}/imr/analysis`, { content: { answers: Array.from({ length: 9 }, (_, i) => `Answer ${i + 1}`), caseSpecific: [] } });
  for (let i = 0; i < rows.length; i += 99) {
    await step(who.author, 'POST', `${base}/${id}/imr/chronology`, {
      entries: rows.slice(i, i + 99).map((r) => ({
        date: r.date,
        ...(r.time ? { time: r.time } : {}),
        role: r.role,
        organisation,
        whatHappened: r.whatHappened,
        childSeen: r.childSeen ?? 'no',
        wishesSought: r.wishesSought ?? 'no',
        wishesExpressed: r.wishesExpressed ?? 'no',
        wishesRecorded: 'not-recorded',
        sourceRecord: `${organisation} record`,
      })),
    });
  }
  await step(who.author, 'POST', `${base}/${id}/submit`);
  if (accept) await step(who.seniorOfficer, 'POST', `${base}/${id}/accept`);
  return id;
}
