// A DNS resolver answering from a small zone written in the test, in the shape of dns.promises.resolve (the
// seam mailauth documents for its lookups): there is no DNS on the test machines. A name or type missing from
// the zone answers ENOTFOUND / ENODATA as a real server would; `unreachableDns` fails as when no server answers.
export type Zone = Record<string, { TXT?: string[]; A?: string[]; MX?: Array<{ exchange: string; priority: number }> }>;

const dnsError = (code: string, name: string) => Object.assign(new Error(`query ${code} ${name}`), { code, hostname: name });

export function zoneResolver(zone: Zone) {
  return async (name: string, rrtype: string): Promise<never> => {
    const records = zone[name.toLowerCase().replace(/\.$/, '')];
    if (!records) throw dnsError('ENOTFOUND', name);
    const answer = records[rrtype as keyof typeof records];
    if (!answer) throw dnsError('ENODATA', name);
    // TXT records come as chunks of strings.
    return (rrtype === 'TXT' ? (answer as string[]).map((text) => [text]) : answer) as never;
  };
}

/** No DNS server at all. */
export const unreachableDns = async (name: string): Promise<never> => {
  throw dnsError('ECONNREFUSED', name);
};
