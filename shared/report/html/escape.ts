/**
 * HTML escaping for text and attribute values. Every AWS-sourced string (names, tags, ids, reasons) reaches
 * the page through it: a resource named `<script>` must stay text.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
