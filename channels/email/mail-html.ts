const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text out of HTML when mailparser gave none: block tags become line breaks, entities are decoded. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The simple HTML part of an outbound mail: paragraphs from blank-line blocks, choices as a list. */
export function renderMailHtml(input: { text: string; choices?: readonly string[]; language?: string }): string {
  const paragraphs = input.text
    .trim()
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`);
  const choices = input.choices?.length ? `<ol>${input.choices.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ol>` : '';
  const lang = input.language ?? 'zh-Hant';
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}${choices}</body></html>`;
}

/** The plain-text part: the text, then numbered choices. */
export function renderMailText(input: { text: string; choices?: readonly string[] }): string {
  const choices = input.choices?.length ? `\n\n${input.choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}` : '';
  return `${input.text.trim()}${choices}\n`;
}
