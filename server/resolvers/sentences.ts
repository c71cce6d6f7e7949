// Reads a relationship as a sentence, the way a journalist would quote it ("Oracle Corporation acquired Oracle Health").
const VERBS: Record<string, string> = {
  ACQUIRED: 'acquired',
  PART_OF: 'is part of',
  MAKES: 'makes',
  USES: 'uses',
  CUSTOMER_OF: 'is a customer of',
  BUSINESS_ASSOCIATE_OF: 'is a business associate of',
  AFFECTED: 'affected',
  ATTRIBUTED_TO: 'is attributed to',
  EXPLOITED: 'exploited',
  AFFECTS: 'affects',
  EXPLOITS: 'exploits',
  INVOLVED: 'involved',
  REPORTED_IN: 'is reported in',
  RELATED_TO: 'is related to',
  POSSIBLE_SAME_AS: 'may be the same as',
  REPORTED: 'reported',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2022-06-08" → "8 June 2022"; "2022-06" → "June 2022"; other strings unchanged. */
export function humanDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (month && d) return `${Number(d)} ${month} ${y}`;
  if (month) return `${month} ${y}`;
  return y ?? iso;
}

function words(value: string): string {
  return value.replace(/_/g, ' ');
}

export function relationshipSentence(type: string, fromName: string, toName: string, props: Record<string, unknown>): string {
  const verb = VERBS[type] ?? words(type.toLowerCase());
  let sentence = `${fromName} ${verb} ${toName}`;
  const details: string[] = [];
  if (type === 'AFFECTED' && typeof props.role === 'string') details.push(`as ${words(props.role)}`);
  if (type === 'ATTRIBUTED_TO' && typeof props.attribution === 'string') details.push(words(props.attribution));
  if (type === 'ACQUIRED') {
    if (typeof props.closed === 'string') details.push(`closed ${humanDate(props.closed)}`);
    else if (typeof props.announced === 'string') details.push(`announced ${humanDate(props.announced)}`);
  } else if (typeof props.validFrom === 'string') {
    details.push(`from ${humanDate(props.validFrom)}`);
  }
  if (typeof props.validTo === 'string') details.push(`until ${humanDate(props.validTo)}`);
  if (details.length > 0) sentence += type === 'ACQUIRED' ? `, ${details.join(', ')}` : ` (${details.join(', ')})`;
  return sentence;
}
