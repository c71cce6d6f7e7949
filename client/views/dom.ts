// A small helper to build DOM without innerHTML: h('p', { className: 'hint' }, 'text', child).
type Child = Node | string | number | null | undefined | false;
type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style' | 'dataset'>> & {
  dataset?: Record<string, string>;
  attrs?: Record<string, string>;
  style?: Partial<CSSStyleDeclaration>;
};

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<K> | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props) {
    const { dataset, attrs, style, ...rest } = props;
    Object.assign(node, rest);
    if (dataset) Object.assign(node.dataset, dataset);
    if (attrs) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (style) Object.assign(node.style, style);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'number' ? String(child) : child);
  }
  return node;
}

export function button(label: string, onClick: () => void, props: Props<'button'> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...props }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A link to a source that opens elsewhere. */
export function externalLink(text: string, url: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** The kind badge: icon letter on the kind's colour, and the kind's name for screen readers. */
export function kindIcon(color: string, icon: string, label: string): HTMLSpanElement {
  return h('span', { className: 'kind-icon', style: { background: color }, title: label, attrs: { 'aria-label': label, role: 'img' } }, icon);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  if (m[3]) return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${months[Number(m[2]) - 1]} ${m[1]}`;
  return m[1]!;
}

/** The unit of a reported figure, saying "(placeholder)" once (the unit itself may already say so). */
export function figureUnit(f: { unit: string | null; placeholder: boolean }): string {
  const unit = f.unit ?? '';
  return f.placeholder && !/placeholder/i.test(unit) ? `${unit}${unit ? ' ' : ''}(placeholder)` : unit;
}
