// Fills the {0}, {1}... placeholders of a Custom Label with values, so a sentence that carries a number or a name is
// one label a translator can reorder ("{0} of {1} characters" becomes "{0} von {1} Zeichen"), never English pieces
// glued together in code. No imports: Node tests and scripts can use it as a plain module too.

// A placeholder without a value stays as written, so a label and its call disagreeing shows on screen and in tests.
export function formatLabel(template: string, ...values: unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder: string, index: string) => {
    const position = Number(index);
    if (position >= values.length) return placeholder;
    const value = values[position];
    return value === null || value === undefined ? "" : String(value);
  });
}
